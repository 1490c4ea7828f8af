/**
 * Genesys Cloud client for the GDPR export workflow (implements GenesysPort).
 *
 * Facts about Genesys that shape this file (see /work/shared/genesys/gdpr-api.md):
 * - A completed export's `resultsUrl` is an API endpoint that needs a bearer token, not a file
 *   link (§14). We keep only its download id and mint a short-lived signed URL on demand through
 *   GET /api/v2/downloads/{id}?issueRedirect=false. Old exports answer 404 there: expired.
 * - An export can be split into several archives (`resultsUrls`, §4); each needs its own link.
 * - Nothing notifies completion and an export can take days (§6, §7): the workflow polls.
 * - `createdBy` on a request is the OAuth client, not a person (§14): the bot records who asked.
 * - The official JS SDK retries nothing and re-logs in on 401 only for the code grant (§10, §11):
 *   token refresh, 401 re-login, 429 Retry-After and 5xx back-off are ours. A POST cannot be
 *   retried blindly: a lost answer may hide a created export (see create-export.ts).
 */
import axios from 'axios';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import {
  systemClock,
  type Clock,
  type GdprRequestInfo,
  type GenesysPort,
  type GenesysSubjectMatch,
  type SignedDownload,
} from '../workflow/ports.js';
import { createExportSafely } from './create-export.js';
import { isDownloadId } from './download-ids.js';
import { GenesysError, isGenesysError } from '../workflow/genesys-error.js';
import { findExportSince } from './find-export-since.js';
import { createHttpExecutor, type CallEvent, type HttpCall } from './http-executor.js';
import {
  chatSettingsSchema,
  userSchema,
  gdprRequestListingSchema,
  gdprRequestSchema,
  gdprSubjectListingSchema,
  tokenResponseSchema,
  urlResponseSchema,
  type GdprRequest,
  type GdprSubject,
} from './models.js';
import { OPERATIONS, type Operation } from './operations.js';
import { toRequestInfo } from './request-info.js';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from './retry.js';
import { createTokenProvider } from './token-provider.js';

export interface GenesysClientOptions {
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
  /** the lifetime we state for a minted link; Genesys does not document it (§14). Default 300 */
  linkTtlSeconds?: number;
}

export type ProbedPermission = 'gdpr:request:view' | 'gdpr:subject:view' | 'chat:setting:view' | 'directory:user:view';

export interface RequestListing {
  entities: GdprRequestInfo[];
  pageCount?: number;
  total?: number;
}

export interface GenesysClient extends GenesysPort {
  listRequests(page: { pageNumber?: number; pageSize?: number }): Promise<RequestListing>;
  /** logs in now (doctor, readiness); throws GenesysError 'auth_failed' with a fix-it message */
  verifyCredentials(): Promise<void>;
  /** a cached token exists and has not expired (readiness) */
  tokenUsable(): boolean;
  /** makes a harmless read that needs the permission (doctor) */
  probePermission(p: ProbedPermission): Promise<'ok' | 'missing'>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_LINK_TTL_SECONDS = 300;
/** a reserved domain (RFC 2606): the subject search probe can never match a real person */
const PROBE_EMAIL = 'permission-probe@example.invalid';
/** a user id no org has (all zeros but the version digits): the user probe can never read a person */
const PROBE_USER_ID = '00000000-0000-4000-8000-000000000000';

export function createGenesysClient(options: GenesysClientOptions): GenesysClient {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const retry = retrySettings(options.retry);
  const logger = options.logger.child({ component: 'genesys' });
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const linkTtlMs = (options.linkTtlSeconds ?? DEFAULT_LINK_TTL_SECONDS) * 1000;

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

  type ApiCall<T> = Omit<HttpCall<T>, 'url' | 'authorize'> & { path: string };

  /** a call with a bearer token; a 401 forgets the token, logs in again and repeats the call once */
  async function callApi<T>(call: ApiCall<T>): Promise<T> {
    let usedToken: string | undefined;
    let loginFailed = false;
    const send = () =>
      executor.execute<T>({
        ...call,
        url: `${apiUrl}${call.path}`,
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
      logger.info({ operation: call.operation }, 'access token rejected; logging in again');
      tokens.invalidate(usedToken);
    }
    try {
      return await send();
    } catch (e) {
      if (loginFailed || !isUnauthorized(e)) throw e;
      throw rejectedTwice(call.operation, e);
    }
  }

  function requestInfo(request: GdprRequest, operation: Operation, strict: boolean): GdprRequestInfo {
    const { info, rejectedResultsUrls } = toRequestInfo(request);
    if (rejectedResultsUrls > 0) {
      logger.warn({ operation, requestId: info.id, rejectedResultsUrls }, 'results URL of an unknown form ignored');
      if (strict) {
        throw new GenesysError(
          'unexpected_response',
          `Genesys Cloud reported GDPR request ${info.id} with a results location the bot does not recognise, so its archive cannot be fetched.`,
        );
      }
    }
    return info;
  }

  async function listRequests(page: { pageNumber?: number; pageSize?: number }): Promise<RequestListing> {
    const listing = await callApi({
      operation: 'listRequests',
      method: 'GET',
      path: '/api/v2/gdpr/requests',
      params: { pageNumber: page.pageNumber ?? 1, pageSize: page.pageSize ?? 25 },
      schema: gdprRequestListingSchema,
    });
    return {
      entities: listing.entities.map((r) => requestInfo(r, 'listRequests', false)),
      pageCount: listing.pageCount,
      total: listing.total,
    };
  }

  function findExport(userId: string, since: Date): Promise<GdprRequestInfo | undefined> {
    return findExportSince(
      {
        listPage: (pageNumber, pageSize) => listRequests({ pageNumber, pageSize }),
        onPageCapReached: (pages) => logger.warn({ operation: 'listRequests', pages }, 'stopped scanning GDPR requests at the page cap'),
      },
      userId,
      since,
    );
  }

  async function findSubjectsByEmail(email: string): Promise<GenesysSubjectMatch[]> {
    const listing = await callApi({
      operation: 'findSubjectsByEmail',
      method: 'GET',
      path: '/api/v2/gdpr/subjects',
      params: { searchType: 'EMAIL', searchValue: email },
      schema: gdprSubjectListingSchema,
    });
    return uniqueUserMatches(listing.entities);
  }

  function readUser(userId: string) {
    return callApi({ operation: 'getUserName', method: 'GET', path: `/api/v2/users/${encodeURIComponent(userId)}`, schema: userSchema });
  }

  function readChatSettings() {
    return callApi({ operation: 'getChatRetentionDays', method: 'GET', path: '/api/v2/chats/settings', schema: chatSettingsSchema });
  }

  return {
    findSubjectsByEmail,

    createExport(userId) {
      return createExportSafely(
        {
          post: async (subjectUserId) => {
            const created = await callApi({
              operation: 'createExport',
              method: 'POST',
              path: '/api/v2/gdpr/requests',
              // never deleteConfirmed (§3): this is an export
              body: { requestType: 'GDPR_EXPORT', subject: { userId: subjectUserId } },
              schema: gdprRequestSchema,
              retryIfMaybeProcessed: false,
            });
            return requestInfo(created, 'createExport', false);
          },
          findExportSince: findExport,
          clock,
          sleep,
          random,
          retry,
          logger,
        },
        userId,
      );
    },

    async getRequest(requestId) {
      const request = await callApi({
        operation: 'getRequest',
        method: 'GET',
        path: `/api/v2/gdpr/requests/${encodeURIComponent(requestId)}`,
        schema: gdprRequestSchema,
      });
      return requestInfo(request, 'getRequest', true);
    },

    findExportSince: findExport,

    async resolveDownload(downloadId): Promise<SignedDownload> {
      if (!isDownloadId(downloadId)) {
        throw new GenesysError('bad_request', 'The download id has an unexpected form, so no link was requested from Genesys Cloud.');
      }
      const { url } = await callApi({
        operation: 'resolveDownload',
        method: 'GET',
        path: `/api/v2/downloads/${downloadId}`,
        params: { issueRedirect: false },
        schema: urlResponseSchema,
      });
      return { url, expiresAt: new Date(clock.now().getTime() + linkTtlMs).toISOString() };
    },

    async getChatRetentionDays() {
      try {
        return (await readChatSettings()).messageRetentionPeriodDays;
      } catch (e) {
        if (isGenesysError(e) && e.code === 'permission_missing') {
          logger.info({ permission: e.permission }, 'chat retention unknown: the OAuth client may not read chat settings');
          return undefined;
        }
        throw e;
      }
    },

    async getUserName(userId) {
      try {
        return (await readUser(userId)).name?.trim() || undefined;
      } catch (e) {
        // optional permission; an unknown id may still be a deleted user whose chat can be exported
        if (isGenesysError(e) && (e.code === 'permission_missing' || e.code === 'not_found')) {
          logger.info({ code: e.code, permission: e.permission }, 'Genesys user name unknown');
          return undefined;
        }
        throw e;
      }
    },

    listRequests,

    async verifyCredentials() {
      await tokens.refresh();
    },

    tokenUsable: () => tokens.isUsable(),

    async probePermission(permission) {
      const probes: Record<ProbedPermission, () => Promise<unknown>> = {
        'gdpr:request:view': () => listRequests({ pageNumber: 1, pageSize: 1 }),
        'gdpr:subject:view': () => findSubjectsByEmail(PROBE_EMAIL),
        'chat:setting:view': readChatSettings,
        // a made-up id: 404 means the read was allowed
        'directory:user:view': () => readUser(PROBE_USER_ID).catch((e: unknown) => {
          if (isGenesysError(e) && e.code === 'not_found') return undefined;
          throw e;
        }),
      };
      try {
        await probes[permission]();
        return 'ok';
      } catch (e) {
        if (isGenesysError(e) && e.code === 'permission_missing') return 'missing';
        throw e;
      }
    },
  };
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

/** Only subjects with a userId can be exported; one entry per user, the first name seen kept. */
export function uniqueUserMatches(subjects: GdprSubject[]): GenesysSubjectMatch[] {
  const byUser = new Map<string, GenesysSubjectMatch>();
  for (const s of subjects) {
    if (!s.userId) continue;
    const known = byUser.get(s.userId);
    if (!known) byUser.set(s.userId, s.name ? { userId: s.userId, name: s.name } : { userId: s.userId });
    else if (!known.name && s.name) known.name = s.name;
  }
  return [...byUser.values()];
}
