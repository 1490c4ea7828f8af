/**
 * Turns a failed HTTP exchange into a GenesysError with a message a person can act on. Messages
 * never hold a URL, a token, a searched value or Genesys's own error text (which can echo input).
 */
import { GenesysError, type GenesysErrorCode } from '../workflow/genesys-error.js';
import { errorBodySchema } from './models.js';
import { OPERATIONS, type Operation } from './operations.js';

/** What one HTTP attempt produced, reduced to what decisions and errors need. */
export type CallOutcome =
  | {
      kind: 'response';
      status: number;
      data: unknown;
      correlationId?: string;
      retryAfterMs?: number;
    }
  | { kind: 'network'; timeout: boolean; errorCode?: string };

export type ResponseOutcome = Extract<CallOutcome, { kind: 'response' }>;

const LOGIN_HINT =
  'Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET, that the OAuth client’s grant type is Client Credentials, ' +
  'and that GENESYS_REGION is your org’s region (the token and the API must come from the same region).';

export function errorForFailedCall(operation: Operation, outcome: CallOutcome, attempts: number): GenesysError {
  const does = OPERATIONS[operation].does;
  if (outcome.kind === 'network') {
    const what = outcome.timeout ? 'did not answer in time' : 'could not be reached';
    return new GenesysError(
      'unavailable',
      `Genesys Cloud ${what} when trying to ${does} (${plural(attempts, 'attempt')}). This is usually temporary; try again later.`,
      { cause: outcome.errorCode ? new Error(outcome.errorCode) : undefined },
    );
  }
  const { status } = outcome;
  const body = errorBodySchema.safeParse(outcome.data);
  const details = {
    status,
    genesysCode: body.success ? body.data.code : undefined,
    contextId: body.success ? body.data.contextId : undefined,
    correlationId: outcome.correlationId,
  };
  const make = (code: GenesysErrorCode, message: string, extra: { permission?: string; retryAfterMs?: number } = {}) =>
    new GenesysError(code, message, { ...details, ...extra });

  if (operation === 'login' && (status === 400 || status === 401 || status === 403)) {
    return make('auth_failed', `Genesys Cloud refused the OAuth login (HTTP ${status}). ${LOGIN_HINT}`);
  }
  if (status === 401) {
    return make('auth_failed', `Genesys Cloud rejected the access token when trying to ${does} (HTTP 401). ${LOGIN_HINT}`);
  }
  if (status === 403) return permissionError(operation, make);
  if (status === 404 || status === 410) {
    if (operation === 'resolveDownload') {
      return make(
        'not_found',
        'Genesys Cloud no longer serves this export’s download (HTTP 404): the export has expired. Request a new export to get the data again.',
      );
    }
    return make('not_found', `Genesys Cloud found nothing when trying to ${does} (HTTP ${status}).`);
  }
  if (status === 429) {
    const retryAfterMs = outcome.retryAfterMs;
    const when = retryAfterMs === undefined ? 'later' : `in ${Math.ceil(retryAfterMs / 1000)} s`;
    return make(
      'rate_limited',
      `Genesys Cloud is limiting how often the bot may call it (HTTP 429) when trying to ${does}. Try again ${when}.`,
      { retryAfterMs },
    );
  }
  if (status >= 500) {
    return make(
      'unavailable',
      `Genesys Cloud failed when trying to ${does} (HTTP ${status}, ${plural(attempts, 'attempt')}). This is usually temporary; try again later.`,
    );
  }
  if (status >= 400) {
    return make('bad_request', `Genesys Cloud refused the request to ${does} (HTTP ${status}${codeSuffix(details.genesysCode)}).`);
  }
  return make('unexpected_response', `Genesys Cloud answered HTTP ${status} when trying to ${does}, which the bot does not expect.`);
}

export function unexpectedBodyError(operation: Operation, outcome: ResponseOutcome): GenesysError {
  return new GenesysError(
    'unexpected_response',
    `Genesys Cloud’s answer when trying to ${OPERATIONS[operation].does} did not have the documented shape (HTTP ${outcome.status}).`,
    { status: outcome.status, correlationId: outcome.correlationId },
  );
}

function permissionError(
  operation: Operation,
  make: (code: GenesysErrorCode, message: string, extra: { permission?: string }) => GenesysError,
): GenesysError {
  const info: { does: string; permission?: string } = OPERATIONS[operation];
  const permission = info.permission;
  if (operation === 'resolveDownload') {
    return make(
      'permission_missing',
      `Genesys Cloud refused the export download (HTTP 403): the downloads endpoint serves an export only to an OAuth client whose role can read the export. Add ${permission} to a role of the bot’s OAuth client.`,
      { permission },
    );
  }
  const need = permission ? `the permission ${permission}` : 'a permission';
  return make(
    'permission_missing',
    `The bot’s Genesys Cloud OAuth client lacks ${need}, needed to ${info.does} (HTTP 403). Add it to a role assigned to the OAuth client.`,
    { permission },
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function codeSuffix(code: string | undefined): string {
  return code ? `, code ${code}` : '';
}
