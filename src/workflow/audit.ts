/** The append-only audit trail: writing entries, and exporting a period for the `npm run audit` command. */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from './audit-chain.js';
import type { AuditEntry } from './model.js';
import type { Clock, WorkflowStore } from './ports.js';

export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** A refusal repeated by the same person within this window is counted into the first one's entry. */
export const REFUSAL_COLLAPSE_WINDOW_MS = 5 * 60_000;

/**
 * Stamps an entry with the clock's time and a time-ordered id, adds the case's reference and legal
 * basis when it names a case (read here, so no caller has to), and appends it to the chain. A refusal ('denied')
 * that repeats one already recorded (same actor, workspace, case and detail) within
 * REFUSAL_COLLAPSE_WINDOW_MS raises that entry's `count` instead, so clicking a button in a loop
 * cannot flood the trail; every distinct refusal still gets its own entry.
 */
export async function recordAudit(
  store: WorkflowStore,
  clock: Clock,
  entry: AuditDraft,
  nextId: (at: Date) => string,
): Promise<AuditEntry> {
  const at = clock.now();
  const full: AuditEntry = { id: nextId(at), at: at.toISOString(), ...(await caseLabels(store, entry)), ...withoutUndefined(entry) };
  if (full.action === 'denied') return store.appendAuditOrCount(full, refusalCollapseKey(full), REFUSAL_COLLAPSE_WINDOW_MS);
  return store.appendAudit(full);
}

/** reference and legal basis only: never the justification, which may hold personal data */
async function caseLabels(store: WorkflowStore, entry: AuditDraft): Promise<Pick<AuditEntry, 'caseReference' | 'legalBasis'>> {
  if (!entry.caseId || (entry.caseReference !== undefined && entry.legalBasis !== undefined)) return {};
  const c = await store.getCase(entry.caseId);
  return c ? { caseReference: c.caseReference, legalBasis: c.legalBasis } : {};
}

/** a fixed-length key for "the same refusal" (details are short, but a key must never grow with input) */
function refusalCollapseKey(e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([e.actor, e.teamId ?? '', e.caseId ?? '', e.detail ?? '']))
    .digest('hex')
    .slice(0, 32);
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface AuditExportOptions {
  since: Date;
  until?: Date;
  format: 'csv' | 'jsonl';
}

/** new columns go at the end, so readers of the v0.1.0 layout keep working */
export const AUDIT_CSV_COLUMNS = [
  'id', 'at', 'action', 'actor', 'teamId', 'caseId', 'subjectIds', 'requestIds', 'detail',
  'count', 'caseReference', 'legalBasis', 'seq', 'prevHash', 'hash', 'custody',
] as const;

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
    String(e.count ?? 1),
    e.caseReference ?? '',
    e.legalBasis ?? '',
    e.seq === undefined ? '' : String(e.seq),
    e.prevHash ?? '',
    e.hash ?? '',
    e.custody ? JSON.stringify(e.custody) : '',
  ].map(neutraliseFormula);
}

/** Auditors open these files in spreadsheets: a cell starting with = + - @ must not run as a formula. */
function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Seals the entries written before the hash chain (by v0.1.0) into its genesis entry, once; a
 * no-op when the chain has begun. The first audit entry written by this version does it anyway;
 * a schema migration may call it to do it at a known moment.
 */
export function sealAuditGenesis(store: WorkflowStore, clock: Clock): Promise<AuditEntry | undefined> {
  return store.sealAuditGenesis(clock.now());
}

/** Checks the whole trail against its hash chain (`npm run audit -- --verify`). */
export async function verifyAuditTrail(store: WorkflowStore, options: Omit<VerifyOptions, 'storeHead'> = {}): Promise<AuditVerification> {
  const storeHead = await store.auditHead();
  return verifyAuditChain(store.readAudit(new Date(0)), { ...options, storeHead });
}
