/**
 * GDPR export requests and their life cycle. Nothing runs in the background: a request's status is
 * computed from its creation time and the clock whenever someone looks, so a test moves an export
 * along by moving its clock.
 */
import type { SimExport } from './types.js';

export type SimGdprStatus = 'INITIATED' | 'SEARCHING' | 'FINALIZING' | 'COMPLETED' | 'ERROR';

export interface ExportRecord {
  id: string;
  name?: string;
  userId: string;
  subjectName?: string;
  clientId: string;
  createdAt: number;
  durationMs: number;
  fails: boolean;
  /** assigned at creation, revealed only once COMPLETED */
  downloadIds: string[];
  expiredManually: boolean;
}

/** first 10% of the duration INITIATED, until 80% SEARCHING, until 100% FINALIZING, then the outcome */
export function exportStatusAt(record: Pick<ExportRecord, 'createdAt' | 'durationMs' | 'fails'>, now: number): SimGdprStatus {
  const elapsed = now - record.createdAt;
  if (elapsed >= record.durationMs) return record.fails ? 'ERROR' : 'COMPLETED';
  if (elapsed < record.durationMs * 0.1) return 'INITIATED';
  if (elapsed < record.durationMs * 0.8) return 'SEARCHING';
  return 'FINALIZING';
}

export function completedAt(record: ExportRecord): number {
  return record.createdAt + record.durationMs;
}

/** a completed export's downloads answer 404 once it expired (by age or by expireExport) */
export function isDownloadable(record: ExportRecord, now: number, expiryMs: number): boolean {
  return (
    exportStatusAt(record, now) === 'COMPLETED' && !record.expiredManually && now < completedAt(record) + expiryMs
  );
}

export function toSimExport(record: ExportRecord, now: number): SimExport {
  const status = exportStatusAt(record, now);
  return {
    id: record.id,
    userId: record.userId,
    clientId: record.clientId,
    createdAt: record.createdAt,
    status,
    downloadIds: status === 'COMPLETED' ? [...record.downloadIds] : [],
  };
}

/** results URLs in the observed form (reference §14): an API endpoint, not a file */
export function resultsUrlFor(baseUrl: string, downloadId: string): string {
  return `${baseUrl}/platform/api/v2/downloads/${downloadId}`;
}

/** the GDPRRequest model (reference §4) */
export function toGdprRequest(record: ExportRecord, now: number, baseUrl: string): Record<string, unknown> {
  const status = exportStatusAt(record, now);
  const resultsUrls = status === 'COMPLETED' ? record.downloadIds.map((d) => resultsUrlFor(baseUrl, d)) : [];
  return {
    id: record.id,
    ...(record.name !== undefined ? { name: record.name } : {}),
    requestType: 'GDPR_EXPORT',
    status,
    createdDate: new Date(record.createdAt).toISOString(),
    subject: { userId: record.userId, ...(record.subjectName !== undefined ? { name: record.subjectName } : {}) },
    // with client credentials the creator is the OAuth client, not a person (reference §14)
    createdBy: { id: record.clientId, name: record.clientId, selfUri: `/api/v2/oauth/clients/${record.clientId}` },
    ...(resultsUrls.length > 0 ? { resultsUrl: resultsUrls[0], resultsUrls } : {}),
    selfUri: `/api/v2/gdpr/requests/${record.id}`,
  };
}

export interface ExportRegistry {
  add(record: ExportRecord): void;
  get(id: string): ExportRecord | undefined;
  /** oldest first */
  all(): ExportRecord[];
  /** newest first; requests created in the same millisecond keep "last created first" */
  newestFirst(): ExportRecord[];
  findByDownloadId(downloadId: string): { record: ExportRecord; index: number } | undefined;
}

export function createExportRegistry(): ExportRegistry {
  const records: ExportRecord[] = [];
  return {
    add(record) {
      records.push(record);
    },
    get(id) {
      return records.find((r) => r.id === id);
    },
    all() {
      return [...records];
    },
    newestFirst() {
      return records
        .map((record, order) => ({ record, order }))
        .sort((a, b) => b.record.createdAt - a.record.createdAt || b.order - a.order)
        .map((x) => x.record);
    },
    findByDownloadId(downloadId) {
      for (const record of records) {
        const index = record.downloadIds.indexOf(downloadId);
        if (index >= 0) return { record, index };
      }
      return undefined;
    },
  };
}
