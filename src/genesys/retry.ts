/**
 * Retry policy, pure: which failures are worth another try and how long to wait. The official JS
 * SDK retries nothing (reference §10), so this is ours. Shape borrowed from the Java/.NET SDK and
 * the CLI: 429 waits Retry-After (the CLI gives up beyond 180 s), 5xx except 501 and network
 * errors back off exponentially, everything bounded by attempts and total time.
 */

export interface RetrySettings {
  /** attempts in all, the first included */
  maxAttempts: number;
  /** no wait may end later than this after the first attempt began */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After longer than this is not waited for: the caller reschedules instead */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  maxAttempts: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 180_000,
};

/** the wait on a 429 without Retry-After (the Java/.NET SDK's retryAfterDefaultMs) */
export const DEFAULT_RETRY_AFTER_MS = 3_000;

export type CallFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'network'; timeout: boolean };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not_retryable' | 'attempts_exhausted' | 'time_exhausted' | 'retry_after_too_long' };

const RETRYABLE_SERVER_STATUSES = new Set([500, 502, 503, 504]);

export function isRetryable(failure: CallFailure): boolean {
  if (failure.kind === 'network') return true;
  return failure.status === 429 || RETRYABLE_SERVER_STATUSES.has(failure.status);
}

/**
 * The server may have acted even though we got no good answer: a dropped connection, a timeout or
 * a 5xx. A non-idempotent call (the export POST) must be reconciled before it is sent again.
 * A 429 or another 4xx means the call was refused before it was processed.
 */
export function mayHaveBeenProcessed(failure: CallFailure): boolean {
  return failure.kind === 'network' || failure.status >= 500;
}

/** "Full jitter": a random wait between 0 and min(cap, base * 2^(retry-1)). `retry` starts at 1. */
export function backoffDelayMs(retry: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfterMs(header: unknown, now: Date): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export interface RetryInput {
  failure: CallFailure;
  /** attempts already made, the failed one included (1 after the first failure) */
  attempts: number;
  /** ms since the first attempt began */
  elapsedMs: number;
  settings: RetrySettings;
  random: () => number;
}

export function decideRetry({ failure, attempts, elapsedMs, settings, random }: RetryInput): RetryDecision {
  if (!isRetryable(failure)) return { retry: false, reason: 'not_retryable' };
  const delayMs = waitBeforeRetry(failure, attempts, settings, random);
  if (failure.kind === 'status' && failure.status === 429 && delayMs > settings.maxRetryAfterMs) {
    return { retry: false, reason: 'retry_after_too_long' };
  }
  if (attempts >= settings.maxAttempts) return { retry: false, reason: 'attempts_exhausted' };
  if (elapsedMs + delayMs > settings.maxTotalMs) return { retry: false, reason: 'time_exhausted' };
  return { retry: true, delayMs };
}

function waitBeforeRetry(failure: CallFailure, attempts: number, settings: RetrySettings, random: () => number): number {
  if (failure.kind === 'status' && failure.status === 429) return failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
  const backoff = backoffDelayMs(attempts, settings, random);
  // a 503 may say when to come back; never come back sooner than it asks
  return failure.kind === 'status' && failure.retryAfterMs !== undefined ? Math.max(backoff, failure.retryAfterMs) : backoff;
}
