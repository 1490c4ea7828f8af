/** Building and reading timer keys; the key alone says what is due. */
import type { TimerKey } from './ports.js';

export type ParsedTimer =
  | { kind: 'submit'; caseId: string; subjectId: string }
  | { kind: 'poll'; caseId: string; subjectId: string }
  | { kind: 'approval-remind'; caseId: string }
  | { kind: 'approval-expire'; caseId: string }
  | { kind: 'purge'; caseId: string }
  | { kind: 'deadline'; caseId: string };

export const submitTimer = (caseId: string, subjectId: string): TimerKey => `submit:${caseId}:${subjectId}`;
export const pollTimer = (caseId: string, subjectId: string): TimerKey => `poll:${caseId}:${subjectId}`;
export const approvalRemindTimer = (caseId: string): TimerKey => `approval-remind:${caseId}`;
export const approvalExpireTimer = (caseId: string): TimerKey => `approval-expire:${caseId}`;
export const purgeTimer = (caseId: string): TimerKey => `purge:${caseId}`;
export const deadlineTimer = (caseId: string): TimerKey => `deadline:${caseId}`;

/** undefined for a key this version does not know (it is logged and dropped by the worker) */
export function parseTimerKey(key: string): ParsedTimer | undefined {
  const [kind, caseId, subjectId, ...rest] = key.split(':');
  if (!caseId || rest.length > 0) return undefined;
  switch (kind) {
    case 'submit':
    case 'poll':
      return subjectId ? { kind, caseId, subjectId } : undefined;
    case 'approval-remind':
    case 'approval-expire':
    case 'purge':
    case 'deadline':
      return subjectId === undefined ? { kind, caseId } : undefined;
    default:
      return undefined;
  }
}
