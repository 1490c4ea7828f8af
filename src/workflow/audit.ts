/** The append-only audit trail: writing entries, and exporting a period for the `npm run audit` command. */
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from './model.js';
import type { Clock, WorkflowStore } from './ports.js';

export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** Stamps an entry with the clock's time and a time-ordered id, and appends it. */
export async function recordAudit(
  store: WorkflowStore,
  clock: Clock,
  entry: AuditDraft,
  nextId: (at: Date) => string,
): Promise<AuditEntry> {
  const at = clock.now();
  const full: AuditEntry = { id: nextId(at), at: at.toISOString(), ...withoutUndefined(entry) };
  await store.appendAudit(full);
  return full;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface AuditExportOptions {
  since: Date;
  until?: Date;
  format: 'csv' | 'jsonl';
}

// custody came later: appended last, so readers of the older columns by position keep working
export const AUDIT_CSV_COLUMNS = ['id', 'at', 'action', 'actor', 'teamId', 'caseId', 'subjectIds', 'requestIds', 'detail', 'custody'] as const;

/** Streams the entries of [since, until) to `write`, one line each; resolves how many were written. */
export async function exportAudit(
  store: WorkflowStore,
  options: AuditExportOptions,
  write: (chunk: string) => void,
): Promise<number> {
  if (options.format === 'csv') write(stringify([[...AUDIT_CSV_COLUMNS]]));
  let count = 0;
  for await (const entry of store.readAudit(options.since, options.until)) {
    write(options.format === 'csv' ? stringify([auditCsvRow(entry)]) : `${JSON.stringify(entry)}\n`);
    count += 1;
  }
  return count;
}

function auditCsvRow(e: AuditEntry): string[] {
  return [
    e.id,
    e.at,
    e.action,
    e.actor,
    e.teamId ?? '',
    e.caseId ?? '',
    (e.subjectIds ?? []).join(' '),
    (e.requestIds ?? []).join(' '),
    e.detail ?? '',
    e.custody ? JSON.stringify(e.custody) : '',
  ].map(neutraliseFormula);
}

/** Auditors open these files in spreadsheets: a cell starting with = + - @ must not run as a formula. */
function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
