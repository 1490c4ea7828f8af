/**
 * The one call helper every Genesys operation goes through: an HTTP executor (budget, retries,
 * metrics, zod, error mapping) with a bearer token from the shared token cache. A 401 forgets the
 * token, logs in again and repeats the call once; a second 401 is a region or client problem.
 */
import axios from 'axios';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { GenesysError, isGenesysError } from '../workflow/genesys-error.js';
import { systemClock, type Clock, type GdprRequestInfo } from '../workflow/ports.js';
import { createHttpExecutor, type CallEvent, type HttpCall } from './http-executor.js';
import { tokenResponseSchema, type GdprRequest } from './models.js';
import { OPERATIONS, type Operation } from './operations.js';
import { toRequestInfo } from './request-info.js';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from './retry.js';
import { createTokenProvider, type TokenProvider } from './token-provider.js';

export interface ApiCallerOptions {
  apiUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  /** per HTTP request; default 15000 */
  timeoutMs?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** jitter source, in [0, 1) */
  random?: () => number;
  retry?: Partial<RetrySettings>;
  /** the shared call budget: awaited before every HTTP call, login included */
  beforeCall?: () => Promise<void>;
  /** a 429 arrived: the shared budget should pause every caller this long */
  onRateLimited?: (retryAfterMs: number) => void;
  /** one event per HTTP attempt (metrics) */
  onCall?: (e: CallEvent) => void;
}

/** one API call: the executor's call with a path under the API URL, authorised by the helper */
export type ApiCall<T> = Omit<HttpCall<T>, 'url' | 'authorize'> & { path: string };

/** What an operation function gets: the call helper and the settings some operations need. */
export interface ApiCaller {
  call<T>(call: ApiCall<T>): Promise<T>;
  readonly tokens: TokenProvider;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly retry: RetrySettings;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createApiCaller(options: ApiCallerOptions): ApiCaller {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const retry = retrySettings(options.retry);
  const logger = options.logger.child({ component: 'genesys' });
  const apiUrl = options.apiUrl.replace(/\/+$/, '');

  // every status resolves (the executor decides); no redirects, so a token never follows one
  const http = axios.create({ timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, validateStatus: () => true, maxRedirects: 0 });
  const executor = createHttpExecutor({
    http,
    logger,
    clock,
    sleep,
    random,
    retry,
    beforeCall: options.beforeCall,
    onRateLimited: options.onRateLimited,
    onCall: options.onCall,
  });

  const basicAuth = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
  const tokens = createTokenProvider({
    clock,
    login: () =>
      executor.execute({
        operation: 'login',
        method: 'POST',
        url: `${options.loginUrl.replace(/\/+$/, '')}/oauth/token`,
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        authorize: async () => basicAuth,
        schema: tokenResponseSchema,
      }),
  });

  async function call<T>(apiCall: ApiCall<T>): Promise<T> {
    let usedToken: string | undefined;
    let loginFailed = false;
    const send = () =>
      executor.execute<T>({
        ...apiCall,
        url: `${apiUrl}${apiCall.path}`,
        authorize: async () => {
          try {
            usedToken = await tokens.getToken();
          } catch (e) {
            loginFailed = true;
            throw e;
          }
          return `Bearer ${usedToken}`;
        },
      });
    try {
      return await send();
    } catch (e) {
      if (loginFailed || !isUnauthorized(e)) throw e;
      logger.info({ operation: apiCall.operation }, 'access token rejected; logging in again');
      tokens.invalidate(usedToken);
    }
    try {
      return await send();
    } catch (e) {
      if (loginFailed || !isUnauthorized(e)) throw e;
      throw rejectedTwice(apiCall.operation, e);
    }
  }

  return { call, tokens, logger, clock, sleep, random, retry };
}

/**
 * A GDPR request as the workflow sees it. A results location of an unknown form is logged; when
 * `strict` (reading one request to fetch its archive) it is an error, since nothing could be fetched.
 */
export function requestInfoOf(api: Pick<ApiCaller, 'logger'>, request: GdprRequest, operation: Operation, strict: boolean): GdprRequestInfo {
  const { info, rejectedResultsUrls } = toRequestInfo(request);
  if (rejectedResultsUrls > 0) {
    api.logger.warn({ operation, requestId: info.id, rejectedResultsUrls }, 'results URL of an unknown form ignored');
    if (strict) {
      throw new GenesysError(
        'unexpected_response',
        `Genesys Cloud reported GDPR request ${info.id} with a results location the bot does not recognise, so its archive cannot be fetched.`,
      );
    }
  }
  return info;
}

function retrySettings(overrides: Partial<RetrySettings> = {}): RetrySettings {
  return {
    maxAttempts: overrides.maxAttempts ?? DEFAULT_RETRY_SETTINGS.maxAttempts,
    maxTotalMs: overrides.maxTotalMs ?? DEFAULT_RETRY_SETTINGS.maxTotalMs,
    baseDelayMs: overrides.baseDelayMs ?? DEFAULT_RETRY_SETTINGS.baseDelayMs,
    maxDelayMs: overrides.maxDelayMs ?? DEFAULT_RETRY_SETTINGS.maxDelayMs,
    maxRetryAfterMs: overrides.maxRetryAfterMs ?? DEFAULT_RETRY_SETTINGS.maxRetryAfterMs,
  };
}

function isUnauthorized(e: unknown): e is GenesysError {
  return isGenesysError(e) && e.status === 401;
}

function rejectedTwice(operation: Operation, e: GenesysError): GenesysError {
  return new GenesysError(
    'auth_failed',
    `Genesys Cloud rejected a freshly issued access token when trying to ${OPERATIONS[operation].does} (HTTP 401 twice). ` +
      'Check that GENESYS_REGION (or GENESYS_API_URL and GENESYS_LOGIN_URL) points at your org’s region, since the token ' +
      'and the API must share one, and that the OAuth client is still active.',
    { status: e.status, genesysCode: e.genesysCode, contextId: e.contextId, correlationId: e.correlationId },
  );
}
