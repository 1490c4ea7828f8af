/**
 * Which Genesys failures the worker retries on its own and which it hands to a person. What a
 * failure records is in failure-info.ts; the words a person reads, in the Slack catalog.
 */
import type { GenesysError } from './genesys-error.js';

export type SubmitErrorKind = 'retry' | 'fail';

/**
 * After a POST that failed, is the subject worth another automatic try? Transient failures are,
 * and so is an unreadable 2xx: the export may exist, so the next attempt reconciles before posting.
 * Other Genesys refusals fail the subject; the person can press Retry once the cause is fixed
 * (auth_failed included: bad credentials need a person, and retrying forever would hide them).
 */
export function classifySubmitError(e: GenesysError): SubmitErrorKind {
  return e.code === 'rate_limited' || e.code === 'unavailable' || e.code === 'unexpected_response' ? 'retry' : 'fail';
}

/**
 * After a status check that failed. A vanished request, a missing permission or a refused id
 * fail the subject; anything else (including bad credentials) keeps polling, because the export
 * keeps running in Genesys and failing it would force a new multi-day export.
 */
export function classifyPollError(e: GenesysError): SubmitErrorKind {
  return e.code === 'not_found' || e.code === 'permission_missing' || e.code === 'bad_request' ? 'fail' : 'retry';
}
