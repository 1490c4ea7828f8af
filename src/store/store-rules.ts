/**
 * Rules every store implementation shares, so Redis and the embedded store cannot drift apart.
 */
import type { ExportCase, Notification } from '../workflow/model.js';
import type { TimerKey } from '../workflow/ports.js';

export const DEFAULT_REQUESTER_LIST_LIMIT = 50;
export const DEFAULT_AWAITING_LIST_LIMIT = 100;
export const DEFAULT_ALL_CASES_LIST_LIMIT = 500;
/** entries fetched per round trip when reading the audit log */
export const AUDIT_PAGE_SIZE = 256;

/** what `updateCase` writes: the mutated case with its identity kept and its version bumped once */
export function stampUpdate(previous: ExportCase, next: ExportCase, now: Date): ExportCase {
  return { ...next, id: previous.id, version: previous.version + 1, updatedAt: now.toISOString() };
}

export function isAwaitingApproval(c: ExportCase): boolean {
  return c.state === 'awaiting_approval';
}

/** the order of the requester and approval lists: when the case was created */
export function caseListScore(c: ExportCase): number {
  return toMillis(c.createdAt);
}

/** timer keys are `kind:caseId[:subjectId]`; case ids never contain a colon */
export function caseIdOfTimer(key: TimerKey): string {
  const caseId = key.split(':')[1];
  if (!caseId) throw new Error(`Timer key "${key}" does not name a case`);
  return caseId;
}

/** the outbox kind that deleting its case leaves in place: the clean-up queued by the purge */
export const KIND_OUTLIVING_ITS_CASE: Notification['kind'] = 'case_purged';

/** only these wait in the outbox; 'sent' and 'dead' are finished */
export function isNotificationDue(n: Notification): boolean {
  return n.status === 'pending' || n.status === 'sending';
}

/** applies a patch without letting it change which notification this is */
export function patchNotification(current: Notification, patch: Partial<Notification>): Notification {
  return { ...current, ...patch, id: current.id };
}

export function toMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`"${iso}" is not an ISO date`);
  return ms;
}

const MINUTE_MS = 60_000;

/** the fixed one-minute window `nowMs` falls in, and how long until it turns */
export function budgetWindow(nowMs: number): { start: number; msUntilNext: number } {
  const start = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  return { start, msUntilNext: start + MINUTE_MS - nowMs };
}

/** a deep copy, so callers never hold a reference into the store's own state */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
