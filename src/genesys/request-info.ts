/**
 * Maps a validated GDPRRequest to what the workflow needs. The results URLs themselves are
 * dropped here: they are API endpoints (reference §14) and must not be stored or logged.
 */
import type { GdprRequestInfo } from '../workflow/ports.js';
import { extractDownloadIds } from './download-ids.js';
import type { GdprRequest } from './models.js';

export interface RequestInfoResult {
  info: GdprRequestInfo;
  /** results URLs whose form we did not recognise */
  rejectedResultsUrls: number;
}

export function toRequestInfo(request: GdprRequest): RequestInfoResult {
  const { ids, rejected } = extractDownloadIds(request);
  return {
    info: {
      id: request.id,
      requestType: request.requestType,
      status: request.status,
      createdDate: request.createdDate,
      subjectUserId: request.subject?.userId,
      downloadIds: ids,
    },
    rejectedResultsUrls: rejected,
  };
}
