/**
 * What a subject's failure says to the requester (stored in `lastError`, shown in Slack). Plain
 * sentences built from error codes only: never a URL, a token or Genesys's own message text.
 */
import { isGenesysError, type GenesysError } from './genesys-error.js';
import type { ErrorInfo } from './model.js';

export function submitFailureInfo(e: GenesysError, now: Date): ErrorInfo {
  return { code: e.code, message: submitFailureMessage(e), at: now.toISOString() };
}

export function pollFailureInfo(e: GenesysError, now: Date): ErrorInfo {
  return { code: e.code, message: pollFailureMessage(e), at: now.toISOString() };
}

export function exportErrorInfo(now: Date): ErrorInfo {
  return {
    code: 'export_error',
    message:
      'The Genesys export ended in ERROR. Genesys Cloud gives no reason; press Retry to request it again, and contact Genesys support if it fails again.',
    at: now.toISOString(),
  };
}

export function transientInfo(e: unknown, now: Date): ErrorInfo {
  const code = isGenesysError(e) ? e.code : 'unavailable';
  return {
    code,
    message: 'Genesys Cloud did not answer properly; the bot keeps trying on its own.',
    at: now.toISOString(),
  };
}

function submitFailureMessage(e: GenesysError): string {
  switch (e.code) {
    case 'permission_missing':
      return `Genesys Cloud refused to create the export: the bot's OAuth client lacks the permission ${e.permission ?? 'gdpr:request:add'}. Ask a Genesys Cloud administrator to add it to the client's role, then press Retry.`;
    case 'auth_failed':
      return "Genesys Cloud refused the bot's OAuth client credentials. Ask an administrator to check GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET and GENESYS_REGION, then press Retry.";
    case 'bad_request':
      return 'Genesys Cloud refused the export request as invalid; the person may no longer exist in Genesys Cloud. Check them, then press Retry.';
    case 'not_found':
      return 'Genesys Cloud did not find this person. Check that they still exist in Genesys Cloud, then press Retry.';
    default:
      return 'Genesys Cloud refused the export request. Press Retry; if it fails again, contact an administrator.';
  }
}

function pollFailureMessage(e: GenesysError): string {
  switch (e.code) {
    case 'not_found':
      return 'The export request no longer exists in Genesys Cloud. Press Retry to request a new export.';
    case 'permission_missing':
      return `Genesys Cloud refused to show the export's status: the bot's OAuth client lacks the permission ${e.permission ?? 'gdpr:request:view'}. Ask a Genesys Cloud administrator to add it to the client's role, then press Retry.`;
    default:
      return 'Genesys Cloud refused the status check for this export. Press Retry to request a new export.';
  }
}
