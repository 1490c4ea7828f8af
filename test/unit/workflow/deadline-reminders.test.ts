/** Reminders before a DSAR's due date and the escalation after it, on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { runDeadlineStep } from '../../../src/workflow/deadline-step.js';
import { deadlineTimer } from '../../../src/workflow/timer-keys.js';
import type { RecordingNotifier } from './fakes.js';
import { REQUESTER } from './fakes.js';
import { createWorld, newCaseInput } from './world.js';

// received 2025-03-01 (UTC): due by the end of 2025-04-01
const SLOW_POLLS = { requireApproval: false, pollIntervalSeconds: 20 * 86_400, pollMaxIntervalSeconds: 20 * 86_400 };
const deadlineIds = (n: RecordingNotifier) => n.delivered.filter((d) => d.kind === 'deadline_reminder' || d.kind === 'deadline_overdue').map((d) => d.id.split(':').slice(1).join(':'));

async function worldWithOpenCase(config: Record<string, unknown> = {}) {
  const w = await createWorld({ config: { ...SLOW_POLLS, ...config } });
  const c = w.workflow.requestExport(newCaseInput(1));
  const created = await c;
  if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
  await w.settle();
  return { w, caseId: created.value.id };
}

async function runUntil(w: Awaited<ReturnType<typeof createWorld>>, until: string): Promise<void> {
  while (true) {
    const { earliest } = await w.store.timerStats();
    if (!earliest || earliest.getTime() > Date.parse(until)) break;
    await w.nextTimer();
  }
  w.clock.set(new Date(until));
  await w.settle();
}

describe('GDPR deadline reminders', () => {
  it('reminds the requester 7 days and 1 day before, then escalates once when the due date passes', async () => {
    const { w, caseId } = await worldWithOpenCase();
    expect(deadlineIds(w.notifier)).toEqual([]);
    await runUntil(w, '2025-03-26T00:00:00.000Z');
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:before-7']);
    await runUntil(w, '2025-04-10T00:00:00.000Z');
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:before-7', 'deadline:2025-04-01:before-1', 'deadline:2025-04-01:overdue']);
    expect(w.notifier.delivered.find((d) => d.kind === 'deadline_overdue')?.caseId).toBe(caseId);
    // the timer is gone; running the step again (a stale timer, a second worker) tells nobody twice
    expect(await w.store.dueTimers(new Date('2030-01-01'), 100)).not.toContain(deadlineTimer(caseId));
    await w.store.setTimer(deadlineTimer(caseId), w.clock.now());
    await w.settle();
    expect(deadlineIds(w.notifier)).toHaveLength(3);
  });

  it('sends each reminder once across a restart: a new worker on the same store carries on', async () => {
    const { w, caseId } = await worldWithOpenCase();
    await runUntil(w, '2025-03-27T00:00:00.000Z');
    // a crash after the entry was queued but before the timer moved on: the timer fires again
    await w.store.setTimer(deadlineTimer(caseId), w.clock.now());
    const restarted = await createWorld({ store: w.store, clock: w.clock, notifier: w.notifier, config: SLOW_POLLS, holderId: 'worker-2' });
    await w.store.releaseLease('worker', 'worker-1');
    await restarted.settle();
    await runUntil(restarted, '2025-04-05T00:00:00.000Z');
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:before-7', 'deadline:2025-04-01:before-1', 'deadline:2025-04-01:overdue']);
  });

  it('after a long outage sends only the latest stage reached, not a burst', async () => {
    const { w } = await worldWithOpenCase();
    w.clock.set(new Date('2025-04-03T12:00:00.000Z'));
    await w.settle();
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:overdue']);
  });

  it('follows DUE_REMINDER_DAYS and starts afresh for an extended due day', async () => {
    const { w, caseId } = await worldWithOpenCase({ dueReminderDays: [3] });
    await runUntil(w, '2025-03-30T00:00:00.000Z');
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:before-3']);
    const extended = await w.workflow.extendDeadline(caseId, REQUESTER, 1, 'Complex');
    expect(extended.ok).toBe(true);
    await runUntil(w, '2025-05-05T00:00:00.000Z');
    expect(deadlineIds(w.notifier)).toEqual(['deadline:2025-04-01:before-3', 'deadline:2025-05-01:before-3', 'deadline:2025-05-01:overdue']);
  });

  it('stops for a closed case and never starts for another legal basis', async () => {
    const w = await createWorld({ config: { pollIntervalSeconds: 20 * 86_400, pollMaxIntervalSeconds: 20 * 86_400 } });
    const dsar = await w.workflow.requestExport(newCaseInput(1));
    const hold = await w.workflow.requestExport(newCaseInput(1, { legalBasis: 'legal_hold', receivedOn: undefined }));
    if (!dsar.ok || !hold.ok) throw new Error('not created');
    expect(await w.store.dueTimers(new Date('2030-01-01'), 100)).not.toContain(deadlineTimer(hold.value.id));
    await runUntil(w, '2025-04-10T00:00:00.000Z'); // the approval expired on day 3: the case closed
    expect(deadlineIds(w.notifier)).toEqual([]);
    await runDeadlineStep({ ...w.deps, random: () => 0.5, audit: async () => undefined }, dsar.value.id);
    expect(deadlineIds(w.notifier)).toEqual([]);
  });
});
