/** Faults a test arms per method: latency, HTTP 429 with Retry-After, or a Slack error answer. */

export interface MethodFaults {
  setDelay(method: string, ms: number): void;
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  failWith(method: string, error: string, times?: number): void;
  delayFor(method: string): number;
  /** consumes one armed rate limit for this method; the Retry-After seconds, if any */
  takeRateLimit(method: string): number | undefined;
  /** consumes one armed failure for this method; its error code, if any */
  takeFailure(method: string): string | undefined;
}

interface Armed<T> {
  value: T;
  remaining: number;
}

export function createMethodFaults(): MethodFaults {
  const delays = new Map<string, number>();
  const rateLimits = new Map<string, Armed<number>>();
  const failures = new Map<string, Armed<string>[]>();

  return {
    setDelay(method, ms) {
      if (!(ms >= 0)) throw new Error(`setDelay: ms must be 0 or more (got ${ms})`);
      if (ms === 0) delays.delete(method);
      else delays.set(method, ms);
    },
    rateLimit(method, times, retryAfterSeconds) {
      requirePositive('rateLimit times', times);
      if (!(retryAfterSeconds >= 0)) throw new Error(`rateLimit: retryAfterSeconds must be 0 or more (got ${retryAfterSeconds})`);
      rateLimits.set(method, { value: retryAfterSeconds, remaining: times });
    },
    failWith(method, error, times = 1) {
      requirePositive('failWith times', times);
      failures.set(method, [...(failures.get(method) ?? []), { value: error, remaining: times }]);
    },
    delayFor(method) {
      return delays.get(method) ?? 0;
    },
    takeRateLimit(method) {
      const armed = rateLimits.get(method);
      if (!armed) return undefined;
      if (--armed.remaining <= 0) rateLimits.delete(method);
      return armed.value;
    },
    takeFailure(method) {
      const queue = failures.get(method);
      const armed = queue?.[0];
      if (!queue || !armed) return undefined;
      if (--armed.remaining <= 0) queue.shift();
      if (queue.length === 0) failures.delete(method);
      return armed.value;
    },
  };
}

function requirePositive(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number of at least 1 (got ${n})`);
}
