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
 *
 * The operations are functions over one call helper (api-caller.ts): gdpr-calls.ts for the GDPR API,
 * org-calls.ts for users and chat settings; this file puts them behind the GenesysPort interface.
 */
import { isGenesysError } from '../workflow/genesys-error.js';
import type { GenesysPort } from '../workflow/ports.js';
import { createApiCaller, type ApiCallerOptions } from './api-caller.js';
import { createExport, findExport, findSubjectsByEmail, getRequest, listRequests, resolveDownload, type RequestListing } from './gdpr-calls.js';
import { getChatRetentionDays, getUserName, readChatSettings, readUser } from './org-calls.js';

export { uniqueUserMatches, type RequestListing } from './gdpr-calls.js';

export interface GenesysClientOptions extends ApiCallerOptions {
  /** the lifetime we state for a minted link; Genesys does not document it (§14). Default 300 */
  linkTtlSeconds?: number;
}

export type ProbedPermission = 'gdpr:request:view' | 'gdpr:subject:view' | 'chat:setting:view' | 'directory:user:view';

export interface GenesysClient extends GenesysPort {
  listRequests(page: { pageNumber?: number; pageSize?: number }): Promise<RequestListing>;
  /** logs in now (doctor, readiness); throws GenesysError 'auth_failed' with a fix-it message */
  verifyCredentials(): Promise<void>;
  /** a cached token exists and has not expired (readiness) */
  tokenUsable(): boolean;
  /** makes a harmless read that needs the permission (doctor) */
  probePermission(p: ProbedPermission): Promise<'ok' | 'missing'>;
}

const DEFAULT_LINK_TTL_SECONDS = 300;
/** a reserved domain (RFC 2606): the subject search probe can never match a real person */
const PROBE_EMAIL = 'permission-probe@example.invalid';
/** a user id no org has (all zeros but the version digits): the user probe can never read a person */
const PROBE_USER_ID = '00000000-0000-4000-8000-000000000000';

export function createGenesysClient(options: GenesysClientOptions): GenesysClient {
  const api = createApiCaller(options);
  const linkTtlMs = (options.linkTtlSeconds ?? DEFAULT_LINK_TTL_SECONDS) * 1000;

  const probes: Record<ProbedPermission, () => Promise<unknown>> = {
    'gdpr:request:view': () => listRequests(api, { pageNumber: 1, pageSize: 1 }),
    'gdpr:subject:view': () => findSubjectsByEmail(api, PROBE_EMAIL),
    'chat:setting:view': () => readChatSettings(api),
    // a made-up id: 404 means the read was allowed
    'directory:user:view': () =>
      readUser(api, PROBE_USER_ID).catch((e: unknown) => {
        if (isGenesysError(e) && e.code === 'not_found') return undefined;
        throw e;
      }),
  };

  return {
    findSubjectsByEmail: (email) => findSubjectsByEmail(api, email),
    createExport: (userId) => createExport(api, userId),
    getRequest: (requestId) => getRequest(api, requestId),
    findExportSince: (userId, since) => findExport(api, userId, since),
    resolveDownload: (downloadId) => resolveDownload(api, downloadId, linkTtlMs),
    getChatRetentionDays: () => getChatRetentionDays(api),
    getUserName: (userId) => getUserName(api, userId),
    listRequests: (page) => listRequests(api, page),
    async verifyCredentials() {
      await api.tokens.refresh();
    },
    tokenUsable: () => api.tokens.isUsable(),
    async probePermission(permission) {
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
