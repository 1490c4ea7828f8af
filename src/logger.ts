/**
 * pino with a redaction list: tokens, secrets, signed URLs, results URLs, emails and message text
 * never reach a log line, even when a caller passes a whole object by mistake.
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

export interface LoggerOptions {
  level?: string;
  pretty?: boolean;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
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
