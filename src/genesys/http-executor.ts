/**
 * Sends one logical call: waits for the shared call budget before every attempt, retries what the
 * policy allows, reports each attempt to the metrics hook, validates a 2xx body with zod, and maps
 * failures to GenesysError. The axios error object is never logged or kept: its `config.headers`
 * holds the Authorization header.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Clock } from '../workflow/ports.js';
import { errorForFailedCall, unexpectedBodyError, type CallOutcome, type ResponseOutcome } from './http-errors.js';
import type { Operation } from './operations.js';
import {
  DEFAULT_RETRY_AFTER_MS,
  decideRetry,
  mayHaveBeenProcessed,
  parseRetryAfterMs,
  type CallFailure,
  type RetryDecision,
  type RetrySettings,
} from './retry.js';

export interface HttpCall<T> {
  operation: Operation;
  method: 'GET' | 'POST';
  /** absolute, without query string */
  url: string;
  params?: Record<string, string | number | boolean>;
  /** JSON-serialisable, or URLSearchParams for a form */
  body?: unknown;
  /** the Authorization header value, asked for before every attempt */
  authorize: () => Promise<string>;
  schema: z.ZodType<T>;
  /**
   * false for a call that must not be repeated blindly (the export POST): a failure after which
   * the server may have acted is thrown at once as 'unavailable', for the caller to reconcile.
   */
  retryIfMaybeProcessed?: boolean;
}

export interface CallEvent {
  operation: string;
  status: number | 'network';
  ms: number;
}

export interface HttpExecutorDeps {
  http: AxiosInstance;
  logger: Logger;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retry: RetrySettings;
  beforeCall?: () => Promise<void>;
  onRateLimited?: (retryAfterMs: number) => void;
  onCall?: (e: CallEvent) => void;
}

export interface HttpExecutor {
  execute<T>(call: HttpCall<T>): Promise<T>;
}

export function createHttpExecutor(deps: HttpExecutorDeps): HttpExecutor {
  async function execute<T>(call: HttpCall<T>): Promise<T> {
    const startedAt = deps.clock.now().getTime();
    for (let attempts = 1; ; attempts++) {
      const outcome = await sendOnce(call, attempts);
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        return parseBody(call, outcome);
      }
      const failure = toFailure(outcome);
      if (failure.kind === 'status' && failure.status === 429) {
        deps.onRateLimited?.(failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
      }
      const decision = decide(call, failure, attempts, deps.clock.now().getTime() - startedAt);
      if (!decision.retry) {
        const error = errorForFailedCall(call.operation, outcome, attempts);
        deps.logger.debug(
          { operation: call.operation, attempts, reason: decision.reason, error: error.toLog() },
          'genesys call gave up',
        );
        throw error;
      }
      deps.logger.warn(
        { operation: call.operation, status: statusOf(outcome), attempt: attempts, delayMs: decision.delayMs },
        'genesys call failed; retrying',
      );
      await deps.sleep(decision.delayMs);
    }
  }

  function decide(call: HttpCall<unknown>, failure: CallFailure, attempts: number, elapsedMs: number): RetryDecision {
    if (call.retryIfMaybeProcessed === false && mayHaveBeenProcessed(failure)) {
      return { retry: false, reason: 'not_retryable' };
    }
    return decideRetry({ failure, attempts, elapsedMs, settings: deps.retry, random: deps.random });
  }

  async function sendOnce(call: HttpCall<unknown>, attempt: number): Promise<CallOutcome> {
    const authorization = await call.authorize();
    await deps.beforeCall?.();
    const began = performance.now();
    let outcome: CallOutcome;
    try {
      const res = await deps.http.request({
        method: call.method,
        url: call.url,
        params: call.params,
        data: call.body,
        headers: { Authorization: authorization, Accept: 'application/json' },
      });
      outcome = toResponseOutcome(res, deps.clock.now());
    } catch (e) {
      outcome = toNetworkOutcome(e);
    }
    const ms = Math.round(performance.now() - began);
    deps.onCall?.({ operation: call.operation, status: statusOf(outcome), ms });
    deps.logger.debug(
      {
        operation: call.operation,
        method: call.method,
        attempt,
        status: statusOf(outcome),
        ms,
        correlationId: outcome.kind === 'response' ? outcome.correlationId : undefined,
        errorCode: outcome.kind === 'network' ? outcome.errorCode : undefined,
      },
      'genesys call',
    );
    return outcome;
  }

  function parseBody<T>(call: HttpCall<T>, outcome: ResponseOutcome): T {
    const parsed = call.schema.safeParse(outcome.data);
    if (parsed.success) return parsed.data;
    // issue paths and codes only: the messages could quote a value from the body
    deps.logger.warn(
      {
        operation: call.operation,
        status: outcome.status,
        correlationId: outcome.correlationId,
        issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), code: i.code })),
      },
      'genesys answer did not match the documented model',
    );
    throw unexpectedBodyError(call.operation, outcome);
  }

  return { execute };
}

function toResponseOutcome(res: AxiosResponse, now: Date): ResponseOutcome {
  const correlationId = headerString(res.headers['inin-correlation-id']);
  return {
    kind: 'response',
    status: res.status,
    data: res.data as unknown,
    correlationId,
    retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now),
  };
}

function toNetworkOutcome(e: unknown): CallOutcome {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  const safeCode = code && /^[A-Z_]{2,40}$/.test(code) ? code : undefined;
  return { kind: 'network', timeout: safeCode === 'ECONNABORTED' || safeCode === 'ETIMEDOUT', errorCode: safeCode };
}

function toFailure(outcome: CallOutcome): CallFailure {
  if (outcome.kind === 'network') return { kind: 'network', timeout: outcome.timeout };
  return { kind: 'status', status: outcome.status, retryAfterMs: outcome.retryAfterMs };
}

function statusOf(outcome: CallOutcome): number | 'network' {
  return outcome.kind === 'network' ? 'network' : outcome.status;
}

function headerString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}
