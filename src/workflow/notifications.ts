/**
 * Outbox entries with deterministic ids: enqueueing the same event twice is a no-op, so a step
 * that is repeated after a crash never tells anyone twice.
 */
import type { ExportCase, Notification, NotificationKind } from './model.js';
import type { WorkflowStore } from './ports.js';

export const notificationIds = {
  approvalRequested: (caseId: string) => `${caseId}:approval_requested`,
  approvalReminder: (caseId: string) => `${caseId}:approval_reminder`,
  caseDecided: (caseId: string) => `${caseId}:case_decided`,
  /** one per written version: each refresh shows the case as it was then */
  caseStatus: (c: Pick<ExportCase, 'id' | 'version'>) => `${c.id}:case_status:${c.version}`,
  subjectReady: (caseId: string, subjectId: string, attempts: number) => `${caseId}:subject_ready:${subjectId}:${attempts}`,
  subjectFailed: (caseId: string, subjectId: string, attempts: number) => `${caseId}:subject_failed:${subjectId}:${attempts}`,
  /** once per case: the case id is never reused */
  casePurged: (caseId: string) => `${caseId}:case_purged`,
  deadlineExtended: (caseId: string) => `${caseId}:deadline_extended`,
  caseWithdrawn: (caseId: string) => `${caseId}:case_withdrawn`,
  /** one per stage ('before-7', 'before-1', 'overdue') of one due day: an extension starts afresh */
  deadline: (caseId: string, dueOn: string, stage: string) => `${caseId}:deadline:${dueOn}:${stage}`,
  /** a retry adds an attempt, so a case that finishes again is announced again */
  caseFinished: (c: Pick<ExportCase, 'id' | 'subjects'>) =>
    `${c.id}:case_finished:${c.subjects.reduce((sum, s) => sum + s.attempts, 0)}`,
};

export function newNotification(id: string, kind: NotificationKind, caseId: string, now: Date, subjectId?: string): Notification {
  const at = now.toISOString();
  const n: Notification = { id, kind, caseId, createdAt: at, status: 'pending', attempts: 0, nextAttemptAt: at };
  return subjectId === undefined ? n : { ...n, subjectId };
}

export async function enqueue(
  store: WorkflowStore,
  now: Date,
  id: string,
  kind: NotificationKind,
  caseId: string,
  subjectId?: string,
): Promise<boolean> {
  return store.enqueueNotification(newNotification(id, kind, caseId, now, subjectId));
}
