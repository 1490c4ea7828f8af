/**
 * Duplicate-safe export creation. POST /api/v2/gdpr/requests is not idempotent and a request
 * cannot be cancelled (reference §3, §10): after a timeout, a dropped connection or a 5xx the
 * export may exist. So we never re-send blindly: we look for an export of this user created since
 * the first attempt began (minus clock skew) and only POST again when none exists.
 * A 429 or another 4xx means the POST was refused unprocessed; those are retried or thrown below us.
 */
import type { Logger } from '../logger.js';
import type { Clock, GdprRequestInfo } from '../workflow/ports.js';
import { isGenesysError, type GenesysErrorCode } from '../workflow/genesys-error.js';
import { backoffDelayMs, type RetrySettings } from './retry.js';

/** how far Genesys's clock may run behind ours when comparing createdDate with our start time */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * 'unavailable' here is a timeout, a dropped connection or a 5xx (the POST is not retried below
 * us); 'unexpected_response' is a 2xx whose body we could not read. Either may hide an export.
 */
const MAY_HAVE_CREATED: ReadonlySet<GenesysErrorCode> = new Set(['unavailable', 'unexpected_response']);

export interface CreateExportDeps {
  /** one POST, never repeated below us when Genesys may have acted on it (see MAY_HAVE_CREATED) */
  post: (userId: string) => Promise<GdprRequestInfo>;
  findExportSince: (userId: string, since: Date) => Promise<GdprRequestInfo | undefined>;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retry: RetrySettings;
  logger: Logger;
}

export async function createExportSafely(deps: CreateExportDeps, userId: string): Promise<GdprRequestInfo> {
  const startedAtMs = deps.clock.now().getTime();
  const since = new Date(startedAtMs - CLOCK_SKEW_MS);
  for (let attempts = 1; ; attempts++) {
    try {
      return await deps.post(userId);
    } catch (e) {
      if (!isGenesysError(e) || !MAY_HAVE_CREATED.has(e.code)) throw e;
      // give Genesys a moment to list a request it may have just created
      await deps.sleep(backoffDelayMs(attempts, deps.retry, deps.random));
      const existing = await deps.findExportSince(userId, since);
      if (existing) {
        deps.logger.info({ operation: 'createExport', attempts, requestId: existing.id }, 'lost export answer reconciled: the export exists');
        return existing;
      }
      // a 2xx we could not read means Genesys created it: never post again, even if not listed yet
      if (e.code === 'unexpected_response') throw e;
      const elapsedMs = deps.clock.now().getTime() - startedAtMs;
      if (attempts >= deps.retry.maxAttempts || elapsedMs >= deps.retry.maxTotalMs) throw e;
      deps.logger.warn({ operation: 'createExport', attempts }, 'export POST got no answer and no export exists; posting again');
    }
  }
}
