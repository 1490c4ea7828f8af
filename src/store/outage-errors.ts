/**
 * Turns a driver's "database not answering" failures into the workflow's coded
 * StoreUnavailableError, so no layer above the store has to recognise driver error texts.
 */
import { StoreUnavailableError } from '../workflow/ports.js';

/** node-redis connection failures, and our own lock wait running out while Redis stalls */
export function isRedisOutage(e: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|ClientClosedError|ClientOfflineError|The client is (closed|offline)|Socket closed|ConnectionTimeoutError|LockWaitTimeoutError/i.test(
    describe(e),
  );
}

/** SQLite: the file is locked, unreadable, or the disk is full */
export function isSqliteOutage(e: unknown): boolean {
  return /SQLITE_(BUSY|IOERR|FULL|CANTOPEN)|database is locked|disk I\/O error|database or disk is full|unable to open database/i.test(describe(e));
}

function describe(e: unknown): string {
  const err = e as Record<string, unknown> | undefined;
  const text = (key: string) => (typeof err?.[key] === 'string' || typeof err?.[key] === 'number' ? String(err[key]) : '');
  return ['name', 'message', 'code', 'errcode'].map(text).join(' ');
}

/**
 * The store with every method's failure classified: an outage is rethrown as
 * StoreUnavailableError (the original kept as `cause`), anything else unchanged.
 */
export function reportingOutages<S extends object>(store: S, isOutage: (e: unknown) => boolean): S {
  const classify = (e: unknown): unknown => (!(e instanceof StoreUnavailableError) && isOutage(e) ? new StoreUnavailableError(e) : e);
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!wrapped.has(property)) {
        const method = value as (...args: unknown[]) => unknown;
        wrapped.set(property, (...args: unknown[]) => {
          let result: unknown;
          try {
            result = method.apply(target, args);
          } catch (e) {
            throw classify(e);
          }
          return result instanceof Promise
            ? result.catch((e: unknown) => {
                throw classify(e);
              })
            : result;
        });
      }
      return wrapped.get(property);
    },
  });
}
