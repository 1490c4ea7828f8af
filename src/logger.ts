/**
 * pino with a redaction list: tokens, secrets, signed URLs, results URLs, emails and message text
 * never reach a log line, even when a caller passes a whole object by mistake. Errors, wherever
 * they sit in a log object, are cut down to what explains them (see safeError): an HTTP client
 * error carries the bearer token in its config and in the raw request it keeps.
 */
import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'access_token',
  'accessToken',
  'authorization',
  'Authorization',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'signingKey',
  'auditSigningKey',
  'secret',
  'password',
  'url',
  'signedUrl',
  'resultsUrl',
  'resultsUrls',
  'downloadUrl',
  'email',
  'emails',
  'searchValue',
  'text',
  'message_text',
  'messageText',
  'justification',
];

/** Paths at the top level and one or two levels down ('*.x', '*.*.x'). */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  // a whole axios error logged by mistake carries the bearer token this deep
  'config.headers.Authorization',
  'config.headers.authorization',
  'config.auth',
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'err.config.auth',
  'err.config.data',
  '*.config.headers.Authorization',
  '*.config.headers.authorization',
  '*.config.auth',
  'err.response.config.headers.Authorization',
  'err.request',
]);

/**
 * Parts of an error that hold requests, responses and connections: axios keeps the headers in
 * `config.headers` and the raw request text (Authorization included) in `request._header`; a
 * response carries cookies and echoed bodies. None of it is logged.
 */
const UNSAFE_ERROR_FIELDS = new Set(['config', 'request', 'response', 'headers', 'socket', 'agent', 'data', 'body', 'res', 'req', 'toJSON']);
const MAX_CAUSE_DEPTH = 3;

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && (value as { isAxiosError?: unknown }).isAxiosError === true);
}

/**
 * An error as a log line may show it: type, message, code, HTTP status and method, the other plain
 * fields it has (a GenesysError's permission, a Slack error's platform code), stack and cause.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!isErrorLike(err)) return { message: String(err) };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.constructor?.name ?? e.name, message: e.message };
  for (const [key, value] of Object.entries(e)) {
    if (UNSAFE_ERROR_FIELDS.has(key) || key === 'cause') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  const response = e.response as { status?: unknown } | undefined;
  if (out.status === undefined && typeof response?.status === 'number') out.status = response.status;
  const config = e.config as { method?: unknown } | undefined;
  if (typeof config?.method === 'string') out.method = config.method.toUpperCase();
  const slackData = e.data as { error?: unknown } | undefined;
  if (typeof slackData?.error === 'string') out.platformError = slackData.error;
  if (e.stack) out.stack = e.stack;
  if (e.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** Replaces every error in a log object (a few levels deep) by its safe form. */
function withSafeErrors(value: unknown, depth: number): unknown {
  if (isErrorLike(value)) return safeError(value);
  if (depth >= 3 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object' && v !== null) ? value.map((v) => withSafeErrors(v, depth + 1)) : value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const safe = withSafeErrors(v, depth + 1);
    if (safe !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = safe;
  }
  return copy ?? value;
}

export interface LoggerOptions {
  level?: string;
  pretty?: boolean;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: (e: unknown) => (isErrorLike(e) ? safeError(e) : e) },
    formatters: { log: (object: Record<string, unknown>) => withSafeErrors(object, 0) as Record<string, unknown> },
    base: { app: 'gdpr-export-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty && isInstalled('pino-pretty')) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:standard' } } });
  }
  const logger = pino(base);
  // the image omits dev dependencies: a leftover LOG_PRETTY=true must not stop the bot
  if (options.pretty) logger.warn('LOG_PRETTY=true but pino-pretty is not installed (it is a dev dependency): logging JSON');
  return logger;
}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
