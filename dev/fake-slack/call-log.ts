/** Every request the fake answered, in arrival order, and a way to wait for one that has not come yet. */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  ok: boolean;
  error?: string;
  warning?: string;
  /** the scope a missing_scope answer named */
  needed?: string;
}

export interface CallLog {
  readonly calls: RecordedCall[];
  record(call: RecordedCall): void;
  callsTo(method: string): RecordedCall[];
  waitFor(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** rejects pending waits so a test fails fast instead of timing out after the server is gone */
  close(): void;
}

interface Waiter {
  method: string;
  matches: (c: RecordedCall) => boolean;
  resolve: (c: RecordedCall) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_WAIT_MS = 5_000;

export function createCallLog(): CallLog {
  const calls: RecordedCall[] = [];
  let waiters: Waiter[] = [];

  function settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters = waiters.filter((w) => w !== waiter);
  }

  return {
    calls,
    record(call) {
      calls.push(call);
      for (const waiter of waiters.filter((w) => w.method === call.method && w.matches(call))) {
        settle(waiter);
        waiter.resolve(call);
      }
    },
    callsTo(method) {
      return calls.filter((c) => c.method === method);
    },
    waitFor(method, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      const already = calls.find((c) => c.method === method && predicate(c));
      if (already) return Promise.resolve(already);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: Waiter = {
          method,
          matches: predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            settle(waiter);
            reject(new Error(`fake Slack: no matching ${method} call within ${timeoutMs} ms. ${describeCalls(calls, method)}`));
          }, timeoutMs),
        };
        waiters.push(waiter);
      });
    },
    close() {
      for (const waiter of waiters) {
        settle(waiter);
        waiter.reject(new Error(`fake Slack closed while waiting for ${waiter.method}. ${describeCalls(calls, waiter.method)}`));
      }
    },
  };
}

/** e.g. "Seen: auth.test ×1, views.open ×2 (1 failed: exchanged_trigger_id)" — what a failing test needs to know. */
export function describeCalls(calls: RecordedCall[], wanted: string): string {
  if (calls.length === 0) return 'No calls were made at all.';
  const byMethod = new Map<string, RecordedCall[]>();
  for (const call of calls) byMethod.set(call.method, [...(byMethod.get(call.method) ?? []), call]);
  const parts = [...byMethod].map(([method, list]) => {
    const failures = list.filter((c) => !c.ok);
    const errors = [...new Set(failures.map((c) => c.error ?? 'unknown'))].join(', ');
    return failures.length === 0 ? `${method} ×${list.length}` : `${method} ×${list.length} (${failures.length} failed: ${errors})`;
  });
  const hint = byMethod.has(wanted) ? `${wanted} calls arrived but none matched the predicate. ` : '';
  return `${hint}Seen: ${parts.join(', ')}`;
}
