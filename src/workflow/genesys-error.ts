/**
 * The error contract of the Genesys port: stable codes the workflow decides on. The workflow owns
 * it (an inner layer never imports an adapter); `src/genesys` throws these, `src/slack` maps codes
 * to what a person reads.
 */
export const GENESYS_ERROR_CODES = [
  'auth_failed', // the OAuth client was refused (wrong id/secret, wrong region, client disabled)
  'permission_missing', // 403: the client's role lacks a permission (named in `permission`)
  'rate_limited', // 429 after our retries ran out; `retryAfterMs` says when to try again
  'unavailable', // 5xx, network errors, timeouts after our retries ran out
  'not_found', // 404: a request that vanished, or an export whose download expired
  'bad_request', // 400: Genesys refused the input
  'unexpected_response', // a 2xx whose body did not match the documented model
] as const;
export type GenesysErrorCode = (typeof GENESYS_ERROR_CODES)[number];

export interface GenesysErrorOptions {
  status?: number;
  /** Genesys's own error code string, e.g. 'not.authorized' */
  genesysCode?: string;
  /** the permission the failed operation needs, from the reference §5 */
  permission?: string;
  retryAfterMs?: number;
  /** ErrorBody.contextId, for Genesys support */
  contextId?: string;
  /** the inin-correlation-id response header */
  correlationId?: string;
  cause?: unknown;
}

export class GenesysError extends Error {
  override readonly name = 'GenesysError';
  readonly code: GenesysErrorCode;
  readonly status?: number;
  readonly genesysCode?: string;
  readonly permission?: string;
  readonly retryAfterMs?: number;
  readonly contextId?: string;
  readonly correlationId?: string;

  constructor(code: GenesysErrorCode, message: string, options: GenesysErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.genesysCode = options.genesysCode;
    this.permission = options.permission;
    this.retryAfterMs = options.retryAfterMs;
    this.contextId = options.contextId;
    this.correlationId = options.correlationId;
  }

  /** what a log line may hold: no URL, no token, no body */
  toLog(): Record<string, unknown> {
    return {
      code: this.code,
      status: this.status,
      genesysCode: this.genesysCode,
      permission: this.permission,
      retryAfterMs: this.retryAfterMs,
      contextId: this.contextId,
      correlationId: this.correlationId,
    };
  }
}

export function isGenesysError(e: unknown): e is GenesysError {
  return e instanceof GenesysError;
}

/** Failures worth trying again later (the workflow reschedules; others fail the subject). */
export function isTransient(e: unknown): boolean {
  return isGenesysError(e) && (e.code === 'rate_limited' || e.code === 'unavailable');
}
