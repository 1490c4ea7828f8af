/**
 * The GDPR API operations (reference §3–§7, §14), each a function over the one call helper:
 * subject search, the duplicate-safe export POST, reading and listing requests, download links.
 */
import { GenesysError } from '../workflow/genesys-error.js';
import type { GdprRequestInfo, GenesysSubjectMatch, SignedDownload } from '../workflow/ports.js';
import { requestInfoOf, type ApiCaller } from './api-caller.js';
import { createExportSafely } from './create-export.js';
import { isDownloadId } from './download-ids.js';
import { findExportSince } from './find-export-since.js';
import { gdprRequestListingSchema, gdprRequestSchema, gdprSubjectListingSchema, urlResponseSchema, type GdprSubject } from './models.js';

export interface RequestListing {
  entities: GdprRequestInfo[];
  pageCount?: number;
  total?: number;
}

export async function listRequests(api: ApiCaller, page: { pageNumber?: number; pageSize?: number }): Promise<RequestListing> {
  const listing = await api.call({
    operation: 'listRequests',
    method: 'GET',
    path: '/api/v2/gdpr/requests',
    params: { pageNumber: page.pageNumber ?? 1, pageSize: page.pageSize ?? 25 },
    schema: gdprRequestListingSchema,
  });
  return {
    entities: listing.entities.map((r) => requestInfoOf(api, r, 'listRequests', false)),
    pageCount: listing.pageCount,
    total: listing.total,
  };
}

export function findExport(api: ApiCaller, userId: string, since: Date): Promise<GdprRequestInfo | undefined> {
  return findExportSince(
    {
      listPage: (pageNumber, pageSize) => listRequests(api, { pageNumber, pageSize }),
      onPageCapReached: (pages) => api.logger.warn({ operation: 'listRequests', pages }, 'stopped scanning GDPR requests at the page cap'),
    },
    userId,
    since,
  );
}

export async function findSubjectsByEmail(api: ApiCaller, email: string): Promise<GenesysSubjectMatch[]> {
  const listing = await api.call({
    operation: 'findSubjectsByEmail',
    method: 'GET',
    path: '/api/v2/gdpr/subjects',
    params: { searchType: 'EMAIL', searchValue: email },
    schema: gdprSubjectListingSchema,
  });
  return uniqueUserMatches(listing.entities);
}

/** POSTs once; a lost answer is looked up among recent requests before any re-send (create-export.ts) */
export function createExport(api: ApiCaller, userId: string): Promise<GdprRequestInfo> {
  return createExportSafely(
    {
      post: async (subjectUserId) => {
        const created = await api.call({
          operation: 'createExport',
          method: 'POST',
          path: '/api/v2/gdpr/requests',
          // never deleteConfirmed (§3): this is an export
          body: { requestType: 'GDPR_EXPORT', subject: { userId: subjectUserId } },
          schema: gdprRequestSchema,
          retryIfMaybeProcessed: false,
        });
        return requestInfoOf(api, created, 'createExport', false);
      },
      findExportSince: (subjectUserId, since) => findExport(api, subjectUserId, since),
      clock: api.clock,
      sleep: api.sleep,
      random: api.random,
      retry: api.retry,
      logger: api.logger,
    },
    userId,
  );
}

export async function getRequest(api: ApiCaller, requestId: string): Promise<GdprRequestInfo> {
  const request = await api.call({
    operation: 'getRequest',
    method: 'GET',
    path: `/api/v2/gdpr/requests/${encodeURIComponent(requestId)}`,
    schema: gdprRequestSchema,
  });
  return requestInfoOf(api, request, 'getRequest', true);
}

/** A short-lived signed link for one archive; Genesys does not state its lifetime, so we do (linkTtlMs). */
export async function resolveDownload(api: ApiCaller, downloadId: string, linkTtlMs: number): Promise<SignedDownload> {
  if (!isDownloadId(downloadId)) {
    throw new GenesysError('bad_request', 'The download id has an unexpected form, so no link was requested from Genesys Cloud.');
  }
  const { url } = await api.call({
    operation: 'resolveDownload',
    method: 'GET',
    path: `/api/v2/downloads/${downloadId}`,
    params: { issueRedirect: false },
    schema: urlResponseSchema,
  });
  return { url, expiresAt: new Date(api.clock.now().getTime() + linkTtlMs).toISOString() };
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
