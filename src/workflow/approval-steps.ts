/** Timers `approval-remind:<case>` and `approval-expire:<case>`. */
import { schedulePurge } from './case-effects.js';
import { expireApproval } from './case-decisions.js';
import { enqueue, notificationIds } from './notifications.js';
import type { ExportCase } from './model.js';
import type { StepContext } from './step-context.js';
import { approvalExpireTimer, approvalRemindTimer } from './timer-keys.js';

/**
 * What an awaiting case must have: its expiry and reminder timers and the request to approvers.
 * Keyed timers and notification ids make this a no-op when they exist, so it serves both the
 * creation of a case and the worker's sweep that repairs a crash between the case write and these.
 */
export async function ensureApprovalFollowUps(ctx: Pick<StepContext, 'store' | 'clock'>, c: ExportCase): Promise<void> {
  if (c.state !== 'awaiting_approval' || !c.approval.expiresAt) return;
  const created = Date.parse(c.createdAt);
  const expiresAt = Date.parse(c.approval.expiresAt);
  await ctx.store.setTimer(approvalExpireTimer(c.id), new Date(expiresAt));
  if (!c.approval.reminderSentAt) await ctx.store.setTimer(approvalRemindTimer(c.id), new Date(created + (expiresAt - created) / 2));
  await enqueue(ctx.store, ctx.clock.now(), notificationIds.approvalRequested(c.id), 'approval_requested', c.id);
}

/** One reminder per case, at half the approval time. */
export async function runApprovalRemindStep(ctx: StepContext, caseId: string): Promise<void> {
  const key = approvalRemindTimer(caseId);
  const now = ctx.clock.now();
  const c = await ctx.store.getCase(caseId);
  if (c && c.state === 'awaiting_approval' && !c.approval.reminderSentAt) {
    // enqueue first: its id makes a repeat harmless, while a mark without a reminder would lose it
    await enqueue(ctx.store, now, notificationIds.approvalReminder(caseId), 'approval_reminder', caseId);
    await ctx.store.updateCase(caseId, (current) =>
      current.state === 'awaiting_approval' && !current.approval.reminderSentAt
        ? { ...current, approval: { ...current.approval, reminderSentAt: now.toISOString() } }
        : undefined,
    );
    ctx.logger.info({ caseId }, 'approval reminder queued');
  }
  await ctx.store.clearTimer(key);
}

export async function runApprovalExpireStep(ctx: StepContext, caseId: string): Promise<void> {
  const key = approvalExpireTimer(caseId);
  const now = ctx.clock.now();
  let notYet: Date | undefined;
  const update = await ctx.store.updateCase(caseId, (c) => {
    notYet = undefined;
    if (c.state !== 'awaiting_approval') return undefined;
    const expiresAt = c.approval.expiresAt ? new Date(c.approval.expiresAt) : undefined;
    if (expiresAt && expiresAt > now) {
      notYet = expiresAt;
      return undefined;
    }
    return expireApproval(c, now);
  });
  if (notYet) {
    await ctx.store.setTimer(key, notYet);
    return;
  }
  const expired = update?.updated ?? (await ctx.store.getCase(caseId));
  if (expired?.state === 'approval_expired') {
    if (update) {
      ctx.logger.info({ caseId, state: expired.state }, 'approval expired');
      await ctx.audit({ action: 'expired', actor: 'system', teamId: expired.teamId, caseId, subjectIds: expired.subjects.map((s) => s.genesysUserId) });
    }
    // also after a crash between the write and these: both are keyed, so repeating is a no-op
    await enqueue(ctx.store, now, notificationIds.caseDecided(caseId), 'case_decided', caseId);
    await schedulePurge(ctx, expired);
    await ctx.store.clearTimer(approvalRemindTimer(caseId));
  }
  await ctx.store.clearTimer(key);
}
