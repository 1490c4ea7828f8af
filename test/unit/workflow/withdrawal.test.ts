/** Withdrawing a case: what stops, what is told, what is audited. */
import { describe, expect, it } from 'vitest';
import { progressCase } from '../../../src/workflow/state-machine.js';
import { APPROVER, OUTSIDER, REQUESTER } from './fakes.js';
import { createWorld, newCaseInput } from './world.js';

describe('withdrawing a case', () => {
  it('before approval: the case is withdrawn, nothing is sent, the approval timers go, the audit says who and why', async () => {
    const w = await createWorld();
    const created = await w.workflow.requestExport(newCaseInput(2));
    if (!created.ok) throw new Error('not created');
    const id = created.value.id;
    expect((await w.workflow.withdraw(id, OUTSIDER, 'made_in_error')).ok).toBe(false);
    expect((await w.workflow.withdraw(id, REQUESTER, 'because')).ok).toBe(false);
    const done = await w.workflow.withdraw(id, REQUESTER, 'subject_withdrew', '  They wrote back  ');
    expect(done.ok && done.value.state).toBe('withdrawn');
    expect(done.ok && done.value.withdrawal).toEqual({ by: REQUESTER, at: w.clock.now().toISOString(), reason: 'subject_withdrew', note: 'They wrote back', stage: 'before_approval' });
    expect((await w.workflow.approve(id, APPROVER)).ok).toBe(false);
    await w.settle();
    expect(await w.store.dueTimers(new Date('2030-01-01'), 10)).toEqual([`purge:${id}`]);
    w.clock.advance(86_400_000);
    await w.settle();
    expect(w.genesys.callsOf('createExport')).toEqual([]);
    expect(w.notifier.count('case_withdrawn')).toBe(1);
    const audit = await w.audit();
    expect(audit.filter((e) => e.action === 'withdrawn')).toEqual([expect.objectContaining({ actor: REQUESTER, caseId: id, detail: 'before_approval: subject_withdrew' })]);
    expect(JSON.stringify(audit)).not.toContain('wrote back');
    expect(audit.filter((e) => e.action === 'denied').map((e) => e.detail)).toEqual(['withdraw:not_your_case', 'withdraw:invalid_reason']);
    // once only
    expect((await w.workflow.withdraw(id, REQUESTER, 'duplicate')).ok).toBe(false);
  });

  it('after submission: polling stops, nothing is announced or fetched, a retry and a download are refused', async () => {
    const w = await createWorld({ config: { requireApproval: false } });
    const created = await w.workflow.requestExport(newCaseInput(1));
    if (!created.ok) throw new Error('not created');
    const id = created.value.id;
    await w.settle();
    expect(w.genesys.callsOf('createExport')).toHaveLength(1);
    const done = await w.workflow.withdraw(id, REQUESTER, 'duplicate');
    expect(done.ok && done.value.withdrawal?.stage).toBe('after_submission');
    const polls = w.genesys.callsOf('getRequest').length;
    w.genesys.completeAfterMs = 0;
    await w.settle();
    expect(await w.store.dueTimers(new Date('2030-01-01'), 10)).toEqual([`purge:${id}`]);
    w.clock.advance(86_400_000);
    await w.settle();
    expect(w.genesys.callsOf('getRequest')).toHaveLength(polls);
    expect(w.notifier.count('subject_ready')).toBe(0);
    expect(w.notifier.count('case_finished')).toBe(0);
    expect((await w.workflow.getCase(id))?.state).toBe('withdrawn');
    expect((await w.workflow.issueDownloadLinks(id, 's1', REQUESTER)).ok).toBe(false);
    expect((await w.audit()).find((e) => e.action === 'withdrawn')?.requestIds).toEqual([w.genesys.exportFor('genesys-user-1')?.id]);
  });

  it('a withdrawn case stays withdrawn whatever its subjects report', async () => {
    const w = await createWorld();
    const created = await w.workflow.requestExport(newCaseInput(1));
    if (!created.ok) throw new Error('not created');
    const done = await w.workflow.withdraw(created.value.id, REQUESTER, 'other');
    if (!done.ok) throw new Error('not withdrawn');
    const finished = { ...done.value, subjects: done.value.subjects.map((s) => ({ ...s, state: 'completed' as const })) };
    expect(progressCase(finished, w.clock.now()).state).toBe('withdrawn');
  });
});
