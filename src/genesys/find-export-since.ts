/**
 * Finds an export created since a moment by paging through GET /api/v2/gdpr/requests. Genesys
 * lists newest first, but that order is not documented, so we do not stop at the first old entry:
 * we stop at a page whose every entry is older than `since`, at the last page, or at a page cap.
 */
import type { GdprRequestInfo } from '../workflow/ports.js';

export const FIND_EXPORT_PAGE_SIZE = 100;
export const FIND_EXPORT_MAX_PAGES = 20;

export interface RequestPage {
  entities: GdprRequestInfo[];
  pageCount?: number;
}

export interface FindExportSinceDeps {
  listPage: (pageNumber: number, pageSize: number) => Promise<RequestPage>;
  /** told when the page cap stopped the scan before the listing ran out */
  onPageCapReached?: (pagesRead: number) => void;
  maxPages?: number;
}

export async function findExportSince(
  deps: FindExportSinceDeps,
  userId: string,
  since: Date,
): Promise<GdprRequestInfo | undefined> {
  const sinceMs = since.getTime();
  const maxPages = deps.maxPages ?? FIND_EXPORT_MAX_PAGES;
  let newest: GdprRequestInfo | undefined;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await deps.listPage(pageNumber, FIND_EXPORT_PAGE_SIZE);
    for (const request of page.entities) {
      if (isExportOf(request, userId) && createdMs(request) >= sinceMs && isNewer(request, newest)) newest = request;
    }
    const lastPage =
      page.entities.length === 0 ||
      page.entities.length < FIND_EXPORT_PAGE_SIZE ||
      (page.pageCount !== undefined && pageNumber >= page.pageCount);
    const allOlder = page.entities.every((r) => createdMs(r) < sinceMs);
    if (lastPage || allOlder) return newest;
  }
  deps.onPageCapReached?.(maxPages);
  return newest;
}

function isExportOf(request: GdprRequestInfo, userId: string): boolean {
  return request.requestType === 'GDPR_EXPORT' && request.subjectUserId === userId;
}

/** NaN for an unreadable date: never "older", never a match */
function createdMs(request: GdprRequestInfo): number {
  return Date.parse(request.createdDate);
}

function isNewer(candidate: GdprRequestInfo, current: GdprRequestInfo | undefined): boolean {
  return current === undefined || createdMs(candidate) > createdMs(current);
}
