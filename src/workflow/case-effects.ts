/**
 * What follows a change to a case: notifications and timers. Every effect here is keyed by a
 * deterministic id or timer key, so running it twice (a retry after a crash, a stale timer) is a no-op.
 */
import { DAY_MS } from './dates.js';
import type { AuditAction, ExportCase, SubjectExport } from './model.js';
import { enqueue, notificationIds } from './notifications.js';
import type { CaseUpdate } from './ports.js';
import { isTerminal } from './state-machine.js';
import type { StatusTransition } from './subject-transitions.js';
import type { StepContext } from './step-context.js';
import { deadlineTimer, pollTimer, purgeTimer } from './timer-keys.js';

/** A system step on one subject, audited by ids only. */
export function auditSubjectStep(
  ctx: Pick<StepContext, 'audit'>,
  c: ExportCase,
  s: SubjectExport,
  action: AuditAction,
  detail: string,
  requestId = s.requestId,
): Promise<void> {
  return ctx.audit({ action, actor: 'system', teamId: c.teamId, caseId: c.id, subjectIds: [s.genesysUserId], requestIds: requestId ? [requestId] : [], detail });
}

/** After a subject moved: announce the finished case, or refresh the requester's status message. */
export async function announceCaseProgress(ctx: StepContext, update: CaseUpdate, now: Date): Promise<void> {
  const { previous, updated } = update;
  if (isTerminal(updated.state) && !isTerminal(previous.state)) {
    ctx.logger.info({ caseId: updated.id, from: previous.state, state: updated.state }, 'case finished');
    await ensureCaseFinished(ctx, updated, now);
  } else if (hasVisibleChange(previous, updated)) {
    await enqueue(ctx.store, now, notificationIds.caseStatus(updated), 'case_status', updated.id);
  }
}

function hasVisibleChange(previous: ExportCase, updated: ExportCase): boolean {
  if (previous.state !== updated.state) return true;
  return updated.subjects.some((s) => {
    const before = previous.subjects.find((p) => p.id === s.id);
    return before?.state !== s.state || before.genesysStatus !== s.genesysStatus;
  });
}

export async function ensureCaseFinished(ctx: StepContext, c: ExportCase, now: Date): Promise<void> {
  await enqueue(ctx.store, now, notificationIds.caseFinished(c), 'case_finished', c.id);
  await enqueue(ctx.store, now, notificationIds.caseStatus(c), 'case_status', c.id);
  await schedulePurge(ctx, c);
}

/** A case in a final state: its deadline reminders stop and its purge is scheduled. */
export async function schedulePurge(ctx: Pick<StepContext, 'store' | 'config'>, c: ExportCase): Promise<void> {
  if (!c.finishedAt) return;
  await ctx.store.clearTimer(deadlineTimer(c.id));
  await ctx.store.setTimer(purgeTimer(c.id), new Date(Date.parse(c.finishedAt) + ctx.config.recordRetentionDays * DAY_MS));
}

export async function announceSubjectReady(ctx: StepContext, c: ExportCase, s: SubjectExport, now: Date): Promise<void> {
  await enqueue(ctx.store, now, notificationIds.subjectReady(c.id, s.id, s.attempts), 'subject_ready', c.id, s.id);
}

export async function announceSubjectFailed(ctx: StepContext, c: ExportCase, s: SubjectExport, now: Date): Promise<void> {
  await enqueue(ctx.store, now, notificationIds.subjectFailed(c.id, s.id, s.attempts), 'subject_failed', c.id, s.id);
}

/**
 * A timer found its step already done. A crash may have come between the case write and its
 * effects, so re-create whatever the stored state says should exist (the ids make it a no-op otherwise).
 */
export async function ensureSubjectFollowUp(ctx: StepContext, c: ExportCase, s: SubjectExport, now: Date): Promise<void> {
  if (c.state === 'withdrawn') return; // nothing follows a withdrawal: no polls, no announcements
  if (s.state === 'submitted') await ctx.store.setTimer(pollTimer(c.id, s.id), new Date(s.nextCheckAt ?? now));
  if (s.state === 'completed') await announceSubjectReady(ctx, c, s, now);
  if (s.state === 'failed') await announceSubjectFailed(ctx, c, s, now);
  if (isTerminal(c.state) && c.state !== 'rejected' && c.state !== 'approval_expired') await ensureCaseFinished(ctx, c, now);
}

/** The effects of a status the subject just took: the same after a POST and after a status check. */
export async function followStatusOutcome(
  ctx: StepContext,
  c: ExportCase,
  s: SubjectExport,
  moved: StatusTransition,
  now: Date,
): Promise<void> {
  const key = pollTimer(c.id, s.id);
  switch (moved.outcome.kind) {
    case 'completed':
      ctx.logger.info({ caseId: c.id, subjectId: s.id, requestId: s.requestId, files: s.downloadIds?.length ?? 0 }, 'export completed');
      await auditSubjectStep(ctx, c, s, 'completed', `${s.downloadIds?.length ?? 0} file(s)`);
      await announceSubjectReady(ctx, c, s, now);
      await ctx.store.clearTimer(key);
      return;
    case 'failed':
      ctx.logger.info({ caseId: c.id, subjectId: s.id, requestId: s.requestId, code: moved.outcome.error.code }, 'export failed');
      await auditSubjectStep(ctx, c, s, 'failed', moved.outcome.error.code);
      await announceSubjectFailed(ctx, c, s, now);
      await ctx.store.clearTimer(key);
      return;
    case 'running':
      await ctx.store.setTimer(key, moved.outcome.nextCheckAt);
      return;
  }
}
