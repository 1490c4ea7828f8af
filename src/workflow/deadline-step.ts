/**
 * Timer `deadline:<case>`: the reminders before a DSAR's due date and the escalation when it passes.
 * Each stage is an outbox entry with a deterministic id (case, due day, stage), so a timer that
 * fires twice, or again after a restart, tells nobody twice; the timer then moves to the next stage.
 */
import { planDeadline } from './deadlines.js';
import type { ExportCase } from './model.js';
import { enqueue, notificationIds } from './notifications.js';
import type { StepContext } from './step-context.js';
import { deadlineTimer } from './timer-keys.js';

/** Sets the case's deadline timer to its next stage (or clears it): on creation, extension, and by the step itself. */
export async function scheduleDeadline(ctx: Pick<StepContext, 'store' | 'clock' | 'config'>, c: ExportCase): Promise<void> {
  const plan = planDeadline(c, ctx.clock.now(), ctx.config.dueReminderDays);
  const key = deadlineTimer(c.id);
  // a stage already reached fires at once: the step decides whether it was sent
  const at = plan.send ? ctx.clock.now() : plan.next;
  if (at) await ctx.store.setTimer(key, at);
  else await ctx.store.clearTimer(key);
}

export async function runDeadlineStep(ctx: StepContext, caseId: string): Promise<void> {
  const key = deadlineTimer(caseId);
  const now = ctx.clock.now();
  const c = await ctx.store.getCase(caseId);
  if (!c) {
    await ctx.store.clearTimer(key);
    return;
  }
  const plan = planDeadline(c, now, ctx.config.dueReminderDays);
  if (plan.send) {
    const id = notificationIds.deadline(c.id, plan.send.dueOn, plan.send.stage);
    if (await enqueue(ctx.store, now, id, plan.send.kind, c.id)) {
      ctx.logger.info({ caseId, stage: plan.send.stage, dueOn: plan.send.dueOn }, plan.send.kind === 'deadline_overdue' ? 'GDPR deadline passed: escalating' : 'GDPR deadline reminder queued');
    }
  }
  if (plan.next) await ctx.store.setTimer(key, plan.next);
  else await ctx.store.clearTimer(key);
}
