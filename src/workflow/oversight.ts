/**
 * Read-only oversight: which cases a listing shows. Who may list them is decided in export-workflow.ts
 * (`canOversee`); this file holds the pure filters.
 */
import { dueInstantOf, isOpenCase, isOverdue } from './case-deadline.js';
import type { ExportCase } from './model.js';

export const CASE_LIST_FILTERS = ['mine', 'all', 'open', 'overdue'] as const;
export type CaseListFilter = (typeof CASE_LIST_FILTERS)[number];

export function isCaseListFilter(value: unknown): value is CaseListFilter {
  return typeof value === 'string' && (CASE_LIST_FILTERS as readonly string[]).includes(value);
}

/** how many cases an oversight listing reads at most (newest first); the rest is counted as unseen */
export const OVERSIGHT_READ_LIMIT = 1_000;
/** the audit export covers at most this many days back from now */
export const AUDIT_EXPORT_MAX_DAYS = 3_650;

export interface CaseListing {
  filter: CaseListFilter;
  cases: ExportCase[];
  /** true when the store held more cases than were read: older ones are not in `cases` */
  truncated: boolean;
}

/** the cases `filter` keeps, in the order given (newest first); overdue ones by due date, most late first */
export function applyCaseFilter(cases: readonly ExportCase[], filter: Exclude<CaseListFilter, 'mine'>, now: Date): ExportCase[] {
  if (filter === 'all') return [...cases];
  if (filter === 'open') return cases.filter(isOpenCase);
  return cases
    .filter((c) => isOverdue(c, now))
    .sort((a, b) => (dueInstantOf(a)?.getTime() ?? 0) - (dueInstantOf(b)?.getTime() ?? 0));
}
