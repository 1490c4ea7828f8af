import { describe, expect, it } from 'vitest';
import { subjectFailureText, readerFor } from '../../../src/slack/catalog/index.js';
import { GenesysError } from '../../../src/workflow/genesys-error.js';
import { verifyAuditTrail } from '../../../src/workflow/audit.js';
import { minimumChecks } from '../../../src/workflow/backoff.js';
import type { ExportCase, SubjectExport } from '../../../src/workflow/model.js';
import { OUTBOX_MAX_ATTEMPTS } from '../../../src/workflow/outbox.js';
import { newNotification } from '../../../src/workflow/notifications.js';
import { WORKER_LEASE, WorkflowWorker } from '../../../src/workflow/worker.js';
import { APPROVER, REQUESTER } from './fakes.js';
import { createWorld, newCaseInput } from './world.js';

/** what the requester reads for a subject's stored failure codes */
const failureWords = (s: SubjectExport | undefined) => (s?.lastError ? subjectFailureText(s.lastError, readerFor('en')).text : '');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function valueOf<T>(r: { ok: true; value: T } | { ok: false; refusal: { code: string } }): T {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.value;
}

async function withoutApproval(subjects = 1) {
  const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
  const c = valueOf(await w.workflow.requestExport(newCaseInput(subjects)));
  return { w, c };
}

async function caseOf(w: Awaited<ReturnType<typeof createWorld>>, id: string): Promise<ExportCase> {
  const c = await w.store.getCase(id);
  if (!c) throw new Error(`case ${id} is gone`);
  return c;
}

async function eventuallyTrue(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(probe()).toBe(true);
}

/**
 * Two workers on one world: `holder` (heartbeat every 10 ms) and `other`. The first delivery hangs
 * until `stalls.release()` (a slow Slack call); `stalls.delivering` counts deliveries begun.
 */
function holderWithStalledDelivery(w: Awaited<ReturnType<typeof createWorld>>) {
  const holder = new WorkflowWorker({ ...w.deps, notifier: w.notifier, holderId: 'holder', heartbeatMs: 10 });
  const other = new WorkflowWorker({ ...w.deps, notifier: w.notifier, holderId: 'other' });
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const stalls = { delivering: 0, release: () => open() };
  const deliver = w.notifier.deliver.bind(w.notifier);
  w.notifier.deliver = async (...args) => {
    stalls.delivering += 1;
    if (stalls.delivering === 1) await gate;
    return deliver(...args);
  };
  return { holder, other, stalls };
}

function deliveredIdsAreUnique(w: Awaited<ReturnType<typeof createWorld>>): void {
  const ids = w.notifier.delivered.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('the whole life cycle', () => {
  it('with approval: request, approve, submit, poll, complete, tell once', async () => {
    const w = await createWorld();
    w.genesys.completeAfterMs = 2 * HOUR;
    const c = valueOf(await w.workflow.requestExport(newCaseInput(2)));
    await w.settle();
    expect(w.notifier.kinds()).toEqual(['approval_requested', 'case_status']);
    expect(w.genesys.calls).toEqual([]);

    w.clock.advance(10 * MINUTE);
    valueOf(await w.workflow.approve(c.id, APPROVER));
    w.clock.advance(SECOND);
    await w.settle();
    expect(w.genesys.callsOf('createExport')).toEqual(['genesys-user-1', 'genesys-user-2']);
    const submitted = await caseOf(w, c.id);
    expect(submitted.state).toBe('in_progress');
    expect(submitted.subjects.map((s) => [s.state, s.requestId, s.genesysStatus])).toEqual([
      ['submitted', 'req-1', 'INITIATED'],
      ['submitted', 'req-2', 'INITIATED'],
    ]);
    expect(submitted.subjects[0]?.nextCheckAt).toBe(new Date(w.clock.now().getTime() + MINUTE).toISOString());

    while ((await caseOf(w, c.id)).state !== 'completed') await w.nextTimer();
    const done = await caseOf(w, c.id);
    expect(done.finishedAt).toBeDefined();
    expect(done.subjects.map((s) => [s.state, s.downloadIds])).toEqual([
      ['completed', ['dl-req-1']],
      ['completed', ['dl-req-2']],
    ]);
    expect(w.notifier.count('subject_ready')).toBe(2);
    expect(w.notifier.count('case_finished')).toBe(1);
    expect(w.notifier.count('case_decided')).toBe(1);
    // "all done" comes after the last person's "ready", never before
    expect(w.notifier.kinds().lastIndexOf('subject_ready')).toBeLessThan(w.notifier.kinds().indexOf('case_finished'));
    expect(w.notifier.delivered.some((d) => d.kind === 'case_status' && d.caseState === 'completed')).toBe(true);
    deliveredIdsAreUnique(w);

    const actions = (await w.audit()).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['requested', 'approved', 'submitted', 'submitted']);
    expect(actions.filter((a) => a === 'status_changed')).toHaveLength(4); // INITIATED -> SEARCHING -> COMPLETED, each
    expect(actions.filter((a) => a === 'completed')).toHaveLength(2);

    // only the purge timer is left, 90 days out
    const timers = await w.store.timerStats();
    expect(timers.count).toBe(1);
    expect(timers.earliest?.getTime()).toBe(Date.parse(done.finishedAt!) + 90 * DAY);
  });

  it('without approval: submitted at once, ready notice per subject', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    expect((await caseOf(w, c.id)).state).toBe('in_progress');
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl-1']);
    await w.nextTimer();
    expect((await caseOf(w, c.id)).state).toBe('completed');
    expect(w.notifier.delivered.filter((d) => d.kind === 'subject_ready')).toEqual([
      expect.objectContaining({ id: `${c.id}:subject_ready:s1:1`, subjectId: 's1', possiblyDelivered: false }),
    ]);
    // more cycles, much later: nothing is said twice and nothing is asked of Genesys
    const calls = w.genesys.calls.length;
    w.clock.advance(DAY);
    await w.settle();
    expect(w.genesys.calls.length).toBe(calls);
    deliveredIdsAreUnique(w);
  });
});

describe('approval timers', () => {
  it('reminds once at half the approval time, then expires the case', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    await w.settle();

    await w.nextTimer();
    expect(w.clock.now().toISOString()).toBe('2025-03-04T21:00:00.000Z');
    expect(w.notifier.count('approval_reminder')).toBe(1);
    expect((await caseOf(w, c.id)).approval.reminderSentAt).toBe('2025-03-04T21:00:00.000Z');

    await w.nextTimer();
    expect(w.clock.now().toISOString()).toBe('2025-03-06T09:00:00.000Z');
    const expired = await caseOf(w, c.id);
    expect(expired.state).toBe('approval_expired');
    expect(expired.approval.decision).toBe('expired');
    expect(expired.finishedAt).toBe('2025-03-06T09:00:00.000Z');
    expect(w.notifier.count('case_decided')).toBe(1);
    expect(w.notifier.count('approval_reminder')).toBe(1);
    expect((await w.audit()).map((e) => e.action)).toEqual(['requested', 'expired']);
    expect(await w.workflow.approve(c.id, APPROVER)).toMatchObject({ ok: false, refusal: { code: 'approval_expired' } });
    expect(w.genesys.calls).toEqual([]);
  });

  it('sends no reminder for a case decided before it was due', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    valueOf(await w.workflow.reject(c.id, APPROVER, 'Not justified'));
    w.clock.advance(80 * HOUR);
    await w.settle();
    expect(w.notifier.count('approval_reminder')).toBe(0);
    expect((await caseOf(w, c.id)).state).toBe('rejected');
  });
  it('a crash right after a case was written: the sweep still asks approvers, reminds and expires', async () => {
    // The case as requestExport writes it, in a store where nothing else of it exists.
    const origin = await createWorld();
    const c = valueOf(await origin.workflow.requestExport(newCaseInput(1)));
    const w = await createWorld({ clock: origin.clock });
    await w.store.createCase(c);
    expect((await w.store.timerStats()).count).toBe(0);

    await w.settle();
    expect(w.notifier.count('approval_requested')).toBe(1);
    expect((await w.store.timerStats()).count).toBe(2);
    await w.settle();
    expect(w.notifier.count('approval_requested')).toBe(1);

    await w.nextTimer();
    expect(w.notifier.count('approval_reminder')).toBe(1);
    await w.nextTimer();
    expect((await caseOf(w, c.id)).state).toBe('approval_expired');
  });
});

describe('submission is never made twice', () => {
  it('a crash after Genesys created the export: the next attempt adopts it without a second POST', async () => {
    const { w, c } = await withoutApproval(1);
    w.genesys.loseAnswerWith = new Error('process died mid-request');
    await w.settle();
    const stuck = await caseOf(w, c.id);
    expect(stuck.subjects[0]).toMatchObject({ state: 'submitting', submitStartedAt: '2025-03-03T09:00:00.000Z' });
    expect(w.log.entries().some((e) => e.msg === 'workflow step failed; will retry')).toBe(true);

    // the step comes back after 30 s but the attempt may still be running: it waits out the claim
    await w.nextTimer();
    expect(w.genesys.callsOf('findExportSince')).toEqual([]);
    await w.nextTimer();
    expect(w.clock.now().getTime() - Date.parse('2025-03-03T09:00:00.000Z')).toBe(2 * MINUTE);
    expect(w.genesys.callsOf('findExportSince')).toEqual(['genesys-user-1']);
    expect(w.genesys.callsOf('createExport')).toHaveLength(1);
    expect(w.genesys.exports.size).toBe(1);
    const adopted = await caseOf(w, c.id);
    expect(adopted.subjects[0]).toMatchObject({ state: 'submitted', requestId: 'req-1' });
    expect(adopted.state).toBe('in_progress');
    expect((await w.audit()).find((e) => e.action === 'submitted')?.detail).toMatch(/adopted/);
  });

  it('a crash before the POST reached Genesys: reconciliation finds nothing and posts once', async () => {
    const { w, c } = await withoutApproval(1);
    // what a crash right after the claim leaves behind: a 'submitting' subject and its timer
    await w.store.updateCase(c.id, (x) => ({
      ...x,
      state: 'submitting',
      subjects: x.subjects.map((s) => ({ ...s, state: 'submitting', submitStartedAt: w.clock.now().toISOString() })),
    }));
    w.clock.advance(5 * MINUTE);
    await w.settle();
    expect(w.genesys.callsOf('findExportSince')).toEqual(['genesys-user-1']);
    expect(w.genesys.callsOf('createExport')).toEqual(['genesys-user-1']);
    expect((await caseOf(w, c.id)).subjects[0]).toMatchObject({ state: 'submitted', requestId: 'req-1' });
  });

  it('a second worker that meets an attempt in flight leaves it alone', async () => {
    const { w, c } = await withoutApproval(1);
    await w.store.updateCase(c.id, (x) => ({
      ...x,
      state: 'submitting',
      subjects: x.subjects.map((s) => ({ ...s, state: 'submitting', submitStartedAt: w.clock.now().toISOString() })),
    }));
    w.clock.advance(30 * SECOND);
    await w.settle();
    expect(w.genesys.calls).toEqual([]);
    expect((await w.store.timerStats()).earliest?.toISOString()).toBe('2025-03-03T09:02:00.000Z');
  });

  it('an adopted export that already finished completes the case straight from submitting', async () => {
    const { w, c } = await withoutApproval(1);
    w.genesys.loseAnswerWith = new Error('crash');
    await w.settle();
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl-x']);
    w.clock.advance(2 * MINUTE);
    await w.settle();
    const done = await caseOf(w, c.id);
    expect(done.state).toBe('completed');
    expect(done.subjects[0]?.downloadIds).toEqual(['dl-x']);
    expect(w.notifier.count('subject_ready')).toBe(1);
    expect(w.notifier.count('case_finished')).toBe(1);
  });
});

describe('crashes between a write and its follow-ups', () => {
  it('an approval interrupted after the decision is still submitted', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    const realClear = w.store.clearTimer.bind(w.store);
    w.store.clearTimer = async () => Promise.reject(new Error('process died'));
    await expect(w.workflow.approve(c.id, APPROVER)).rejects.toThrow('process died');
    w.store.clearTimer = realClear;
    expect((await caseOf(w, c.id)).state).toBe('approved');

    await w.settle();
    expect(w.genesys.calls).toEqual([]);
    w.clock.advance(30 * SECOND);
    await w.settle();
    expect(w.genesys.callsOf('createExport')).toEqual(['genesys-user-1']);
  });

  it('a submission recorded but never scheduled for a check is still polled', async () => {
    const { w, c } = await withoutApproval(1);
    const realSet = w.store.setTimer.bind(w.store);
    let failPoll = true;
    w.store.setTimer = async (key, at) => {
      if (failPoll && key.startsWith('poll:')) {
        failPoll = false;
        throw new Error('process died');
      }
      return realSet(key, at);
    };
    await w.settle();
    expect((await caseOf(w, c.id)).subjects[0]?.state).toBe('submitted');
    await w.nextTimer(); // the submit step comes back, finds it submitted, and schedules the check
    expect(await w.store.dueTimers(new Date(w.clock.now().getTime() + HOUR), 10)).toEqual([`poll:${c.id}:s1`]);
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl']);
    await w.nextTimer();
    expect((await caseOf(w, c.id)).state).toBe('completed');
    expect(w.genesys.callsOf('createExport')).toHaveLength(1);
  });
});

describe('Genesys failures', () => {
  it('a transient POST failure keeps the subject submitting and retries with growing back-off, reconciling first', async () => {
    const { w, c } = await withoutApproval(1);
    const down = () => new GenesysError('unavailable', 'down', { status: 503 });
    w.genesys.failures.createExport = [down()];
    w.genesys.failures.findExportSince = [down(), down()];
    await w.settle();
    const waiting = await caseOf(w, c.id);
    expect(waiting.subjects[0]).toMatchObject({ state: 'submitting', lastError: { code: 'unavailable' } });
    expect(waiting.subjects[0]?.lastError).not.toHaveProperty('message');
    expect(failureWords(waiting.subjects[0])).toBe('Genesys Cloud did not answer properly; the bot keeps trying on its own.');
    const start = w.clock.now().getTime();
    const gaps: number[] = [];
    let last = start;
    for (let i = 0; i < 3; i++) {
      await w.nextTimer();
      gaps.push(w.clock.now().getTime() - last);
      last = w.clock.now().getTime();
    }
    expect(gaps).toEqual([30 * SECOND, 60 * SECOND, 120 * SECOND]);
    expect(w.genesys.callsOf('findExportSince')).toHaveLength(3);
    expect(w.genesys.callsOf('createExport')).toHaveLength(2);
    expect((await caseOf(w, c.id)).subjects[0]).toMatchObject({ state: 'submitted', requestId: 'req-1' });
  });

  it('a 429 on the POST waits at least as long as Genesys asks', async () => {
    const { w, c } = await withoutApproval(1);
    w.genesys.failures.createExport = [new GenesysError('rate_limited', 'slow down', { status: 429, retryAfterMs: 5 * MINUTE })];
    await w.settle();
    const { earliest } = await w.store.timerStats();
    expect(earliest?.getTime()).toBe(Date.parse(c.createdAt) + 5 * MINUTE);
  });

  it('a refused POST fails the subject with a reason naming the permission', async () => {
    const { w, c } = await withoutApproval(2);
    w.genesys.failures.createExport = [new GenesysError('permission_missing', 'no', { status: 403, permission: 'gdpr:request:add' })];
    await w.settle();
    const after = await caseOf(w, c.id);
    expect(after.subjects[0]).toMatchObject({ state: 'failed', lastError: { code: 'permission_missing', stage: 'submit', permission: 'gdpr:request:add' } });
    expect(failureWords(after.subjects[0])).toContain('lacks the permission `gdpr:request:add`');
    expect(after.subjects[1]?.state).toBe('submitted');
    expect(after.state).toBe('in_progress');
    expect(w.notifier.delivered.filter((d) => d.kind === 'subject_failed').map((d) => d.subjectId)).toEqual(['s1']);
    expect((await w.audit()).filter((e) => e.action === 'failed').map((e) => e.detail)).toEqual(['permission_missing']);
  });

  it('ERROR fails only that subject; a retry resubmits only it and the case finishes again', async () => {
    const { w, c } = await withoutApproval(2);
    await w.settle();
    w.genesys.setStatus('req-1', 'ERROR');
    w.genesys.setStatus('req-2', 'COMPLETED', ['dl-2']);
    await w.nextTimer();
    const partly = await caseOf(w, c.id);
    expect(partly.state).toBe('partly_failed');
    expect(partly.subjects[0]?.lastError?.code).toBe('export_error');
    expect(failureWords(partly.subjects[0])).toMatch(/^The Genesys export ended in ERROR/);
    expect(w.notifier.count('subject_failed')).toBe(1);
    expect(w.notifier.count('case_finished')).toBe(1);
    expect((await w.store.timerStats()).count).toBe(1); // the purge

    w.clock.advance(HOUR);
    const retried = valueOf(await w.workflow.retrySubject(c.id, 's1', REQUESTER));
    expect(retried.state).toBe('in_progress');
    expect(retried.finishedAt).toBeUndefined();
    expect(retried.subjects[0]).toMatchObject({ state: 'pending', attempts: 2, checks: 0 });
    expect(retried.subjects[0]?.requestId).toBeUndefined();
    expect(retried.subjects[0]?.lastError).toBeUndefined();
    expect(retried.subjects[1]).toEqual(partly.subjects[1]);

    await w.settle();
    expect(w.genesys.callsOf('createExport')).toEqual(['genesys-user-1', 'genesys-user-2', 'genesys-user-1']);
    expect((await w.store.timerStats()).count).toBe(2); // the new poll and the deadline reminder again; the purge is gone
    w.genesys.setStatus('req-3', 'COMPLETED', ['dl-3']);
    await w.nextTimer();
    const done = await caseOf(w, c.id);
    expect(done.state).toBe('completed');
    expect(w.notifier.delivered.filter((d) => d.kind === 'subject_ready').map((d) => d.id)).toEqual([
      `${c.id}:subject_ready:s2:1`,
      `${c.id}:subject_ready:s1:2`,
    ]);
    expect(w.notifier.count('case_finished')).toBe(2);
    expect((await w.audit()).filter((e) => e.action === 'retried')).toEqual([
      expect.objectContaining({ actor: REQUESTER, subjectIds: ['genesys-user-1'] }),
    ]);
    deliveredIdsAreUnique(w);
  });

  it('a request that vanished (404) fails clearly', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.exports.delete('req-1');
    await w.nextTimer();
    const failed = await caseOf(w, c.id);
    expect(failed.state).toBe('failed');
    expect(failed.subjects[0]?.lastError).toMatchObject({ code: 'not_found', stage: 'poll' });
    expect(failureWords(failed.subjects[0])).toBe(
      'The export request no longer exists in Genesys Cloud: it may have expired or been removed. Press Retry to request a new export.',
    );
  });

  it('a status check refused (403) fails naming the permission', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.failures.getRequest = [new GenesysError('permission_missing', 'no', { status: 403, permission: 'gdpr:request:view' })];
    await w.nextTimer();
    expect(failureWords((await caseOf(w, c.id)).subjects[0])).toContain('gdpr:request:view');
    expect(w.notifier.count('subject_failed')).toBe(1);
  });

  it('a transient status-check failure looks again later, honouring Retry-After', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.failures.getRequest = [new GenesysError('rate_limited', 'slow', { status: 429, retryAfterMs: 20 * MINUTE })];
    await w.nextTimer();
    const after = await caseOf(w, c.id);
    expect(after.subjects[0]).toMatchObject({ state: 'submitted', checks: 0, lastError: { code: 'rate_limited' } });
    const { earliest } = await w.store.timerStats();
    expect(earliest?.getTime()).toBe(w.clock.now().getTime() + 20 * MINUTE);
    await w.nextTimer();
    expect((await caseOf(w, c.id)).subjects[0]).toMatchObject({ checks: 1, genesysStatus: 'INITIATED' });
    expect((await caseOf(w, c.id)).subjects[0]?.lastError).toBeUndefined();
  });

  it('bad credentials while polling keep the export alive and log at error', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.failures.getRequest = [new GenesysError('auth_failed', 'no', { status: 401 })];
    await w.nextTimer();
    expect((await caseOf(w, c.id)).subjects[0]?.state).toBe('submitted');
    expect(w.log.entries().some((e) => e.level === 50 && e.msg === 'export status check failed; will look again')).toBe(true);
  });
});

describe('the outbox', () => {
  it('redelivers with possiblyDelivered after a crash between sending and sent', async () => {
    const { w, c } = await withoutApproval(1);
    // a crash after the 'sending' mark: the entry stays 'sending', due again after the grace period
    await w.store.updateNotification(`${c.id}:case_status:1`, { status: 'sending', nextAttemptAt: new Date(w.clock.now().getTime() + MINUTE).toISOString() });
    await w.settle();
    expect(w.notifier.delivered.find((d) => d.id === `${c.id}:case_status:1`)).toBeUndefined();
    w.clock.advance(MINUTE);
    await w.settle();
    expect(w.notifier.delivered.filter((d) => d.id === `${c.id}:case_status:1`)).toEqual([
      expect.objectContaining({ possiblyDelivered: true }),
    ]);
    expect(await w.store.getNotification(`${c.id}:case_status:1`)).toMatchObject({ status: 'sent', sentAt: w.clock.now().toISOString() });
  });

  it('retries a failed delivery with back-off and gives up after repeated failures', async () => {
    const { w, c } = await withoutApproval(1);
    const id = `${c.id}:case_status:1`;
    w.notifier.failOnly = id;
    w.notifier.failures = Array.from({ length: 3 }, () => Object.assign(new Error('An API error occurred: ratelimited'), { data: { error: 'ratelimited' } }));
    await w.worker.runCycle();
    expect(await w.store.getNotification(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ratelimited', nextAttemptAt: '2025-03-03T09:00:05.000Z' });
    w.clock.advance(5 * SECOND);
    await w.worker.runCycle();
    expect(await w.store.getNotification(id)).toMatchObject({ attempts: 2, nextAttemptAt: '2025-03-03T09:00:15.000Z' });

    w.notifier.failures = Array.from({ length: 50 }, () => new Error('boom'));
    for (let i = 0; i < 40 && (await w.store.getNotification(id))?.status !== 'dead'; i++) {
      w.clock.advance(15 * MINUTE);
      await w.worker.runCycle();
    }
    expect(await w.store.getNotification(id)).toMatchObject({ status: 'dead', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(w.log.entries().filter((e) => e.level === 50 && e.msg === 'notification given up after repeated failures')).toHaveLength(1);
  });

  it('purging a case deletes its pending notifications, so nothing is sent', async () => {
    const { w, c } = await withoutApproval(1);
    await w.store.deleteCase(c.id);
    await w.worker.runCycle();
    expect(await w.store.getNotification(`${c.id}:case_status:1`)).toBeUndefined();
    expect(w.notifier.delivered).toEqual([]);
  });

  it('marks dead a notification whose case is missing', async () => {
    const w = await createWorld();
    const orphan = newNotification('GX-ZZZZZZZZ:case_status:1', 'case_status', 'GX-ZZZZZZZZ', w.clock.now());
    await w.store.enqueueNotification(orphan);
    await w.worker.runCycle();
    expect(await w.store.getNotification(orphan.id)).toMatchObject({ status: 'dead' });
    expect(w.notifier.delivered).toEqual([]);
  });
});

describe('audit retention', () => {
  it('removes audit entries older than AUDIT_RETENTION_DAYS and keeps the rest, once an hour', async () => {
    const w = await createWorld();
    const now = w.clock.now().getTime();
    const entry = (id: string, ageDays: number) => ({ id, at: new Date(now - ageDays * DAY).toISOString(), action: 'requested' as const, actor: 'U0REQ' });
    const withoutCheckpoints = async () => (await w.audit()).filter((e) => e.action !== 'audit_checkpoint').map((e) => e.id);
    await w.store.appendAudit(entry('0001-old', 401));
    await w.store.appendAudit(entry('0002-kept', 399));
    await w.worker.runCycle();
    expect(await withoutCheckpoints()).toEqual(['0002-kept']);

    // two days later the kept entry has aged past the limit too
    w.clock.advance(2 * DAY);
    await w.worker.runCycle();
    expect(await withoutCheckpoints()).toEqual([]);
    // within the hour after a purge, nothing is purged again
    await w.store.appendAudit(entry('0003-aged', 401));
    w.clock.advance(30 * MINUTE);
    await w.worker.runCycle();
    expect(await withoutCheckpoints()).toEqual(['0003-aged']);
  });
});

describe('leases and stopping', () => {
  it('two workers, one lease: only the holder works', async () => {
    const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
    const other = new WorkflowWorker({ ...w.deps, notifier: w.notifier, holderId: 'worker-2' });
    valueOf(await w.workflow.requestExport(newCaseInput(2)));
    const [a, b] = await Promise.all([w.worker.tick(), other.tick()]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await other.tick()).toBe(!b ? false : true);
    expect(w.genesys.callsOf('createExport')).toEqual(['genesys-user-1', 'genesys-user-2']);
    deliveredIdsAreUnique(w);

    // the holder stops and hands the lease back: the other takes over at once
    const [holder, waiting] = a ? [w.worker, other] : [other, w.worker];
    await holder.stop();
    expect(await holder.tick()).toBe(false);
    expect(await waiting.tick()).toBe(true);
  });

  it('takes over within seconds when the holder vanished: its lease runs out after 5 s', async () => {
    const w = await createWorld();
    const other = new WorkflowWorker({ ...w.deps, notifier: w.notifier, holderId: 'worker-2' });
    expect(await w.worker.tick()).toBe(true);
    expect(await other.tick()).toBe(false);
    w.clock.advance(4.9 * SECOND);
    expect(await other.tick()).toBe(false);
    w.clock.advance(0.2 * SECOND);
    expect(await other.tick()).toBe(true);
  });

  it('a cycle longer than the lease keeps it by heartbeat; a holder that lost it stops between steps', async () => {
    const { w } = await withoutApproval(3);
    await w.worker.stop();
    const { holder, other, stalls } = holderWithStalledDelivery(w);
    // the first delivery hangs (a slow Slack call) for far longer than the lease
    const ticking = holder.tick();
    await eventuallyTrue(() => stalls.delivering === 1);
    for (let i = 0; i < 6; i++) {
      w.clock.advance(2 * SECOND);
      await new Promise((r) => setTimeout(r, 40)); // heartbeats renew at the new time
      expect(await other.tick(), `still held after ${2 * (i + 1)} s`).toBe(false);
    }

    // the holder stalls (its heartbeat cannot reach the store): the lease lapses, another replica takes it
    const renew = w.store.acquireLease.bind(w.store);
    const stalled: Array<() => void> = [];
    w.store.acquireLease = (name, who, ttl) =>
      who === 'holder' ? new Promise<boolean>((resolve) => stalled.push(() => resolve(renew(name, who, ttl)))) : renew(name, who, ttl);
    w.clock.advance(6 * SECOND);
    expect(await w.store.acquireLease(WORKER_LEASE, 'other', 5 * SECOND)).toBe(true);
    // the holder wakes up: its pending beat learns the lease is gone
    w.store.acquireLease = renew;
    for (const wake of stalled) wake();
    await new Promise((r) => setTimeout(r, 40));
    const calledBefore = stalls.delivering;
    stalls.release();
    expect(await ticking).toBe(true);
    // the stalled holder finished the one delivery it was in, and started no other
    expect(stalls.delivering - calledBefore).toBe(0);
    expect((await w.store.dueNotifications(w.clock.now(), 50)).length, 'left for the new holder').toBeGreaterThan(0);
  });

  it('a stopping worker keeps the lease by heartbeat until its last cycle ends, then hands it over', async () => {
    const { w } = await withoutApproval(1);
    await w.worker.stop();
    const { holder, other, stalls } = holderWithStalledDelivery(w);
    const ticking = holder.tick();
    await eventuallyTrue(() => stalls.delivering === 1);
    const stopping = holder.stop();
    w.clock.advance(6 * SECOND);
    await new Promise((r) => setTimeout(r, 40));
    expect(await other.tick(), 'the last cycle still holds the lease').toBe(false);
    stalls.release();
    await stopping;
    expect(await ticking).toBe(true);
    expect(await other.tick(), 'handed over once stopped').toBe(true);
  });

  it('stop() waits for the cycle under way', async () => {
    const { w } = await withoutApproval(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowDeliver = w.notifier.deliver.bind(w.notifier);
    w.notifier.deliver = async (...args) => {
      await gate;
      return slowDeliver(...args);
    };
    const ticking = w.worker.tick();
    await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = w.worker.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await ticking).toBe(true);
    expect(w.notifier.delivered.length).toBeGreaterThan(0);
  });

  it('a failing step is logged and tried again later, without stopping the others', async () => {
    const { w, c } = await withoutApproval(2);
    const realUpdate = w.store.updateCase.bind(w.store);
    let broken = true;
    w.store.updateCase = async (id, mutate) =>
      broken && id === c.id ? Promise.reject(new Error('store hiccup')) : realUpdate(id, mutate);
    await w.worker.runCycle();
    expect(w.log.entries().filter((e) => e.msg === 'workflow step failed; will retry')).toHaveLength(2);
    expect((await w.store.timerStats()).earliest?.getTime()).toBe(w.clock.now().getTime() + 30 * SECOND);
    broken = false;
    await w.nextTimer();
    expect((await caseOf(w, c.id)).state).toBe('in_progress');
  });
});

describe('retention', () => {
  it('purges a finished case after the record retention, and old audit hourly', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl']);
    await w.nextTimer();
    const finishedAt = Date.parse((await caseOf(w, c.id)).finishedAt!);
    await w.nextTimer();
    expect(w.clock.now().getTime()).toBe(finishedAt + 90 * DAY);
    expect(await w.store.getCase(c.id)).toBeUndefined();
    // the case is gone, the entry still names its ticket
    expect((await w.audit()).at(-1)).toMatchObject({ action: 'purged', caseId: c.id, detail: 'completed', caseReference: 'DSAR-2025-001', legalBasis: 'data_subject_access_request' });
    expect((await w.store.timerStats()).count).toBe(0);

    w.clock.advance(400 * DAY - 1);
    await w.worker.runCycle();
    // the case's older entries went (a checkpoint says so); 'purged' is not due yet
    expect((await w.audit()).map((e) => e.action)).toEqual(['purged', 'audit_checkpoint']);
    w.clock.advance(HOUR);
    await w.worker.runCycle();
    // only the checkpoints of what went are left, and they still verify as a chain
    expect((await w.audit()).map((e) => e.action)).toEqual(['audit_checkpoint', 'audit_checkpoint']);
    expect(await verifyAuditTrail(w.store)).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('clean-up in Slack after a purge', () => {
  it('is delivered once the case is gone, retried when it fails, and never twice', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl']);
    await w.nextTimer();
    w.notifier.failOnly = `${c.id}:case_purged`;
    w.notifier.failures.push(Object.assign(new Error('platform'), { data: { error: 'fatal_error' } }));
    await w.nextTimer(); // the purge

    expect(await w.store.getCase(c.id)).toBeUndefined();
    expect(w.notifier.count('case_purged')).toBe(0);
    const failed = await w.store.getNotification(`${c.id}:case_purged`);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'fatal_error' });

    w.clock.advance(10 * SECOND);
    await w.settle();
    expect(w.notifier.delivered.filter((d) => d.kind === 'case_purged')).toEqual([
      // the failed attempt may have done part of it: the retry is told so (the clean-up is safe to repeat)
      { id: `${c.id}:case_purged`, kind: 'case_purged', caseId: c.id, possiblyDelivered: true, caseState: 'purged' },
    ]);
    w.clock.advance(HOUR);
    await w.settle();
    expect(w.notifier.count('case_purged')).toBe(1);
  });
});

describe('a long export', () => {
  it('three simulated days: few checks, completion noticed within the longest interval', async () => {
    const { w, c } = await withoutApproval(1);
    const duration = 3 * DAY;
    w.genesys.completeAfterMs = duration;
    await w.settle();
    const createdAt = w.genesys.exports.get('req-1')!.createdMs;
    while ((await caseOf(w, c.id)).state !== 'completed') await w.nextTimer();

    const noticed = w.clock.now().getTime() - createdAt;
    expect(noticed).toBeGreaterThanOrEqual(duration);
    expect(noticed - duration).toBeLessThanOrEqual(w.config.pollMaxIntervalSeconds * SECOND);
    const checks = w.genesys.callsOf('getRequest').length;
    const floor = minimumChecks(duration, { intervalSeconds: 60, maxIntervalSeconds: 1800 });
    expect(checks).toBeGreaterThanOrEqual(floor);
    // jitter keeps delays at ≥ 90% of nominal, so at most ~11% more checks than the floor
    expect(checks).toBeLessThanOrEqual(Math.ceil(floor / 0.9) + 1);
    expect((await caseOf(w, c.id)).subjects[0]?.checks).toBe(checks);
  });
});

describe('what the logs never hold', () => {
  it('no justification, email or link in any log line', async () => {
    const { w, c } = await withoutApproval(1);
    await w.settle();
    w.genesys.setStatus('req-1', 'COMPLETED', ['dl']);
    await w.nextTimer();
    valueOf(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER));
    const all = w.log.lines.join('\n');
    expect(w.log.lines.length).toBeGreaterThan(5);
    expect(all).not.toContain('privacy@example.com');
    expect(all).not.toContain('Private reason');
    expect(all).not.toContain('SECRET-SIG');
    expect(all).not.toContain('https://');
  });
});
