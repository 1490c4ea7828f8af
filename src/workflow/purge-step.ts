/** Timer `purge:<case>`: a finished case is deleted once the record retention has passed. */
import { DAY_MS } from './dates.js';
import { enqueue, notificationIds } from './notifications.js';
import { isTerminal } from './state-machine.js';
import type { StepContext } from './step-context.js';
import { approvalExpireTimer, approvalRemindTimer, deadlineTimer, pollTimer, purgeTimer, submitTimer } from './timer-keys.js';

export async function runPurgeStep(ctx: StepContext, caseId: string): Promise<void> {
  const key = purgeTimer(caseId);
  const now = ctx.clock.now();
  const c = await ctx.store.getCase(caseId);
  // gone already, or retried since (a retry clears this timer; a stale one must not delete live work)
  if (!c || !isTerminal(c.state) || !c.finishedAt) {
    await ctx.store.clearTimer(key);
    return;
  }
  const dueAt = new Date(Date.parse(c.finishedAt) + ctx.config.recordRetentionDays * DAY_MS);
  if (dueAt > now) {
    await ctx.store.setTimer(key, dueAt);
    return;
  }
  // queued first, so a crash before the delete leaves it for the timer's next run to find; the
  // store keeps this kind when it deletes the case's other outbox entries
  await enqueue(ctx.store, now, notificationIds.casePurged(caseId), 'case_purged', caseId);
  await ctx.store.deleteCase(caseId);
  // the case is gone now: its reference and basis are given here, so the entry still links it to its ticket
  await ctx.audit({ action: 'purged', actor: 'system', teamId: c.teamId, caseId, caseReference: c.caseReference, legalBasis: c.legalBasis, detail: c.state });
  const leftovers = [
    approvalRemindTimer(caseId),
    approvalExpireTimer(caseId),
    deadlineTimer(caseId),
    ...c.subjects.flatMap((s) => [submitTimer(caseId, s.id), pollTimer(caseId, s.id)]),
    key,
  ];
  for (const timer of leftovers) await ctx.store.clearTimer(timer);
  ctx.logger.info({ caseId, state: c.state }, 'case purged after retention');
}
