/**
 * What a subject's failure records (in `lastError`): a code, the stage it happened in and the
 * facts to word it from, never a sentence. The Slack catalog turns it into words.
 */
import { isGenesysError, type GenesysError } from './genesys-error.js';
import type { ErrorInfo } from './model.js';

const DEFAULT_PERMISSION = { submit: 'gdpr:request:add', poll: 'gdpr:request:view' } as const;

export function submitFailureInfo(e: GenesysError, now: Date): ErrorInfo {
  return failureInfo(e, 'submit', now);
}

export function pollFailureInfo(e: GenesysError, now: Date): ErrorInfo {
  return failureInfo(e, 'poll', now);
}

export function exportErrorInfo(now: Date): ErrorInfo {
  return { code: 'export_error', at: now.toISOString() };
}

export function transientInfo(e: unknown, now: Date): ErrorInfo {
  return { code: isGenesysError(e) ? e.code : 'unavailable', stage: 'retrying', at: now.toISOString() };
}

function failureInfo(e: GenesysError, stage: 'submit' | 'poll', now: Date): ErrorInfo {
  const permission = e.code === 'permission_missing' ? (e.permission ?? DEFAULT_PERMISSION[stage]) : undefined;
  return { code: e.code, stage, ...(permission ? { permission } : {}), at: now.toISOString() };
}
