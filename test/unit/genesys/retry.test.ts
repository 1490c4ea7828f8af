import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_AFTER_MS,
  DEFAULT_RETRY_SETTINGS,
  backoffDelayMs,
  decideRetry,
  isRetryable,
  mayHaveBeenProcessed,
  parseRetryAfterMs,
  type CallFailure,
} from '../../../src/genesys/retry.js';

const settings = { ...DEFAULT_RETRY_SETTINGS, maxAttempts: 5, maxTotalMs: 60_000, baseDelayMs: 500, maxDelayMs: 15_000 };
const now = new Date('2026-03-02T10:00:00Z');

describe('parseRetryAfterMs', () => {
  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 09:59:00 GMT', 0],
  ])('reads %j as %i ms', (header, ms) => {
    expect(parseRetryAfterMs(header, now)).toBe(ms);
  });

  it.each([[undefined], [''], ['soon'], [['7']], [7]])('ignores %j', (header) => {
    expect(parseRetryAfterMs(header, now)).toBeUndefined();
  });
});

describe('classification', () => {
  it.each<[CallFailure, boolean, boolean]>([
    [{ kind: 'status', status: 429 }, true, false],
    [{ kind: 'status', status: 500 }, true, true],
    [{ kind: 'status', status: 502 }, true, true],
    [{ kind: 'status', status: 503 }, true, true],
    [{ kind: 'status', status: 504 }, true, true],
    [{ kind: 'status', status: 501 }, false, true],
    [{ kind: 'status', status: 400 }, false, false],
    [{ kind: 'status', status: 401 }, false, false],
    [{ kind: 'status', status: 403 }, false, false],
    [{ kind: 'status', status: 404 }, false, false],
    [{ kind: 'network', timeout: true }, true, true],
    [{ kind: 'network', timeout: false }, true, true],
  ])('%j: retryable %s, may have been processed %s', (failure, retryable, processed) => {
    expect(isRetryable(failure)).toBe(retryable);
    expect(mayHaveBeenProcessed(failure)).toBe(processed);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, scaled by the jitter', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((r) => backoffDelayMs(r, settings, top))).toEqual([499, 999, 1999, 3999, 7999, 14_999, 14_999]);
    expect(backoffDelayMs(3, settings, () => 0)).toBe(0);
    expect(backoffDelayMs(3, settings, () => 0.5)).toBe(1000);
  });
});

describe('decideRetry', () => {
  const random = () => 0.5;

  it('waits Retry-After on a 429, or the default when absent', () => {
    expect(decideRetry({ failure: { kind: 'status', status: 429, retryAfterMs: 7000 }, attempts: 1, elapsedMs: 0, settings, random })).toEqual({
      retry: true,
      delayMs: 7000,
    });
    expect(decideRetry({ failure: { kind: 'status', status: 429 }, attempts: 1, elapsedMs: 0, settings, random })).toEqual({
      retry: true,
      delayMs: DEFAULT_RETRY_AFTER_MS,
    });
  });

  it('does not wait a Retry-After beyond the limit', () => {
    const failure: CallFailure = { kind: 'status', status: 429, retryAfterMs: 181_000 };
    expect(decideRetry({ failure, attempts: 1, elapsedMs: 0, settings, random })).toEqual({ retry: false, reason: 'retry_after_too_long' });
  });

  it('backs off on 5xx and honours a longer Retry-After on 503', () => {
    expect(decideRetry({ failure: { kind: 'status', status: 502 }, attempts: 2, elapsedMs: 0, settings, random })).toEqual({
      retry: true,
      delayMs: 500,
    });
    expect(
      decideRetry({ failure: { kind: 'status', status: 503, retryAfterMs: 4000 }, attempts: 1, elapsedMs: 0, settings, random }),
    ).toEqual({ retry: true, delayMs: 4000 });
  });

  it('stops at the attempt limit and at the time limit', () => {
    const failure: CallFailure = { kind: 'network', timeout: false };
    expect(decideRetry({ failure, attempts: 5, elapsedMs: 0, settings, random })).toEqual({ retry: false, reason: 'attempts_exhausted' });
    expect(decideRetry({ failure, attempts: 4, elapsedMs: 0, settings, random }).retry).toBe(true);
    expect(decideRetry({ failure, attempts: 1, elapsedMs: 59_900, settings, random })).toEqual({ retry: false, reason: 'time_exhausted' });
    expect(
      decideRetry({ failure: { kind: 'status', status: 429, retryAfterMs: 30_000 }, attempts: 1, elapsedMs: 40_000, settings, random }),
    ).toEqual({ retry: false, reason: 'time_exhausted' });
  });

  it('never retries what is not retryable', () => {
    for (const status of [400, 401, 403, 404, 409, 501]) {
      expect(decideRetry({ failure: { kind: 'status', status }, attempts: 1, elapsedMs: 0, settings, random })).toEqual({
        retry: false,
        reason: 'not_retryable',
      });
    }
  });
});
