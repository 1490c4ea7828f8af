import { describe, expect, it } from 'vitest';
import { GenesysError } from '../../../src/workflow/genesys-error.js';
import { verifyAuditTrail } from '../../../src/workflow/audit.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { ExportWorkflow } from '../../../src/workflow/export-workflow.js';
import { APPROVER, APPROVER_2, OUTSIDER, REQUESTER } from './fakes.js';
import { createWorld, newCaseInput } from './world.js';

const HOUR = 3_600_000;

function valueOf<T>(r: { ok: true; value: T } | { ok: false; refusal: { code: string; reason: string } }): T {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}: ${r.refusal.reason}`);
  return r.value;
}

describe('requestExport', () => {
  it('creates a case awaiting approval with its due date, approval timers and notifications', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(2)));

    expect(c.id).toMatch(/^GX-[0-9A-Z]{8}$/);
    expect(c.state).toBe('awaiting_approval');
    expect(c.subjects.map((s) => [s.id, s.state, s.attempts])).toEqual([
      ['s1', 'pending', 1],
      ['s2', 'pending', 1],
    ]);
    expect(c.receivedAt).toBe('2025-03-03T09:00:00.000Z');
    // received 2025-03-01 (no time zone: UTC): due by the end of 2025-04-01
    expect(c.receivedOn).toBe('2025-03-01');
    expect(c.dueAt).toBe('2025-04-02T00:00:00.000Z');
    expect(c.approval).toMatchObject({ required: true, approverIds: [APPROVER, APPROVER_2], expiresAt: '2025-03-06T09:00:00.000Z' });
    expect(await w.store.getCase(c.id)).toEqual(c);

    const { count, earliest } = await w.store.timerStats();
    expect(count).toBe(3); // approval reminder and expiry, and the GDPR deadline's first reminder
    expect(earliest?.toISOString()).toBe('2025-03-04T21:00:00.000Z'); // the reminder, at half of 72 h
    expect(await w.store.dueTimers(new Date('2025-03-25T00:00:00.000Z'), 10)).not.toContain(`deadline:${c.id}`);
    expect(await w.store.dueTimers(new Date('2025-03-26T00:00:00.000Z'), 10)).toContain(`deadline:${c.id}`); // 7 days before 2025-04-01
    expect(await w.store.getNotification(`${c.id}:approval_requested`)).toMatchObject({ kind: 'approval_requested', status: 'pending' });
    expect(await w.store.getNotification(`${c.id}:case_status:1`)).toMatchObject({ kind: 'case_status' });

    const [requested] = await w.audit();
    expect(requested).toMatchObject({ action: 'requested', actor: REQUESTER, caseId: c.id, subjectIds: ['genesys-user-1', 'genesys-user-2'] });
  });

  it('lets a member of a requester group request', async () => {
    const w = await createWorld();
    const r = await w.workflow.requestExport(newCaseInput(1, { requesterId: 'UGROUPMEMBER' }));
    expect(r.ok).toBe(true);
  });

  it('refuses someone who is not a requester, and audits the denial', async () => {
    const w = await createWorld();
    const r = await w.workflow.requestExport(newCaseInput(1, { requesterId: OUTSIDER }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'not_requester', reason: 'not_requester' } });
    expect(await w.audit()).toEqual([expect.objectContaining({ action: 'denied', actor: OUTSIDER })]);
    expect((await w.store.timerStats()).count).toBe(0);
  });

  it('refuses an invalid case with every problem, writing nothing', async () => {
    const w = await createWorld();
    const r = await w.workflow.requestExport(newCaseInput(0, { justification: 'short' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.code).toBe('invalid_request');
    expect(r.refusal.problems?.map((p) => p.field)).toEqual(['subjects', 'justification']);
    expect(await w.workflow.listMyCases(REQUESTER)).toEqual([]);
  });

  it('refuses when the requester is the only approver', async () => {
    const w = await createWorld({ config: { approvers: [REQUESTER] } });
    const r = await w.workflow.requestExport(newCaseInput());
    expect(r).toMatchObject({
      ok: false,
      refusal: { code: 'no_eligible_approver', reason: 'only_approver' },
    });
  });

  it('without approval, creates an approved case with submissions due now', async () => {
    const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
    const c = valueOf(await w.workflow.requestExport(newCaseInput(2)));
    expect(c.state).toBe('approved');
    expect(c.approval).toEqual({ required: false, approverIds: [] });
    expect(await w.store.dueTimers(w.clock.now(), 10)).toEqual([`submit:${c.id}:s1`, `submit:${c.id}:s2`].sort());
    expect(await w.store.getNotification(`${c.id}:approval_requested`)).toBeUndefined();
  });
});

describe('approve and reject', () => {
  async function awaiting() {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(2)));
    return { w, c };
  }

  it('approves: decision recorded, approval timers replaced by submissions due now', async () => {
    const { w, c } = await awaiting();
    w.clock.advance(HOUR);
    const approved = valueOf(await w.workflow.approve(c.id, APPROVER, '  looks fine  '));
    expect(approved.state).toBe('approved');
    expect(approved.approval).toMatchObject({ decision: 'approved', decidedBy: APPROVER, decidedAt: '2025-03-03T10:00:00.000Z', note: 'looks fine' });
    expect(await w.store.dueTimers(w.clock.now(), 10)).toEqual([`submit:${c.id}:s1`, `submit:${c.id}:s2`]);
    expect((await w.store.timerStats()).count).toBe(3); // the two submissions and the deadline reminder
    expect(await w.store.getNotification(`${c.id}:case_decided`)).toMatchObject({ kind: 'case_decided' });
    expect((await w.audit()).map((e) => e.action)).toEqual(['requested', 'approved']);
  });

  it('refuses the requester even when they are an approver', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1, { requesterId: APPROVER })));
    const r = await w.workflow.approve(c.id, APPROVER);
    expect(r).toMatchObject({ ok: false, refusal: { code: 'self_approval' } });
    expect((await w.store.getCase(c.id))?.state).toBe('awaiting_approval');
    expect((await w.audit()).at(-1)).toMatchObject({ action: 'denied', actor: APPROVER, detail: 'approve:self_approval' });
  });

  it('refuses someone who is not an approver', async () => {
    const { w, c } = await awaiting();
    expect(await w.workflow.approve(c.id, OUTSIDER)).toMatchObject({ ok: false, refusal: { code: 'not_approver' } });
    expect(await w.workflow.reject(c.id, OUTSIDER, 'no')).toMatchObject({ ok: false, refusal: { code: 'not_approver' } });
    expect((await w.store.getCase(c.id))?.state).toBe('awaiting_approval');
  });

  it('lets exactly one of two concurrent approvals win', async () => {
    const { w, c } = await awaiting();
    const results = await Promise.all([w.workflow.approve(c.id, APPROVER), w.workflow.approve(c.id, APPROVER_2)]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, refusal: { code: 'already_decided', reason: 'already_decided', params: { caseId: c.id, decision: 'approved', decidedBy: expect.stringMatching(/^UAPPROVER\d$/), decidedAt: expect.any(String) } } }]);
    expect((await w.audit()).filter((e) => e.action === 'approved')).toHaveLength(1);
    expect((await w.store.getCase(c.id))?.version).toBe(2);
  });

  it('lets an approval and a rejection race with one winner', async () => {
    const { w, c } = await awaiting();
    const [a, r] = await Promise.all([w.workflow.approve(c.id, APPROVER), w.workflow.reject(c.id, APPROVER_2, 'Not justified')]);
    expect([a.ok, r.ok].filter(Boolean)).toHaveLength(1);
    const stored = await w.store.getCase(c.id);
    expect(stored?.state).toBe(a.ok ? 'approved' : 'rejected');
  });

  it('needs a reason to reject', async () => {
    const { w, c } = await awaiting();
    expect(await w.workflow.reject(c.id, APPROVER, '   ')).toMatchObject({ ok: false, refusal: { code: 'invalid_request' } });
    expect((await w.store.getCase(c.id))?.state).toBe('awaiting_approval');
  });

  it('rejects: final, purge scheduled after the record retention, no submission', async () => {
    const { w, c } = await awaiting();
    const rejected = valueOf(await w.workflow.reject(c.id, APPROVER, 'Not a valid DSAR'));
    expect(rejected.state).toBe('rejected');
    expect(rejected.finishedAt).toBe(w.clock.now().toISOString());
    expect(rejected.approval).toMatchObject({ decision: 'rejected', decidedBy: APPROVER, note: 'Not a valid DSAR' });
    const { count, earliest } = await w.store.timerStats();
    expect(count).toBe(1);
    expect(earliest?.toISOString()).toBe('2025-06-01T09:00:00.000Z'); // + 90 days
    expect(await w.workflow.approve(c.id, APPROVER_2)).toMatchObject({
      ok: false,
      refusal: { code: 'already_decided', reason: 'already_decided', params: { decision: 'rejected', decidedBy: APPROVER } },
    });
    await w.settle();
    expect(w.genesys.calls).toEqual([]);
    expect(w.notifier.kinds().sort()).toEqual(['approval_requested', 'case_decided', 'case_status']);
  });

  it('refuses a decision once the approval time is over, even before the expiry timer ran', async () => {
    const { w, c } = await awaiting();
    w.clock.advance(72 * HOUR);
    expect(await w.workflow.approve(c.id, APPROVER)).toMatchObject({ ok: false, refusal: { code: 'approval_expired' } });
  });

  it('says when the case does not exist', async () => {
    const w = await createWorld();
    expect(await w.workflow.approve('GX-NOPE0000', APPROVER)).toMatchObject({ ok: false, refusal: { code: 'case_not_found' } });
  });

  it('lists what waits for my approval, never my own requests', async () => {
    const w = await createWorld();
    const mine = valueOf(await w.workflow.requestExport(newCaseInput(1, { requesterId: APPROVER })));
    const theirs = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    expect((await w.workflow.listAwaitingMyApproval(APPROVER)).map((c) => c.id)).toEqual([theirs.id]);
    expect((await w.workflow.listAwaitingMyApproval(APPROVER_2)).map((c) => c.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(await w.workflow.listAwaitingMyApproval(OUTSIDER)).toEqual([]);
    expect(await w.workflow.eligibleApprovers(APPROVER)).toEqual([APPROVER_2]);
  });
});

describe('issueDownloadLinks', () => {
  async function completed() {
    const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    await w.settle();
    const requestId = w.genesys.exportFor('genesys-user-1')!.id;
    w.genesys.setStatus(requestId, 'COMPLETED', ['dl-a', 'dl-b']);
    await w.nextTimer();
    expect((await w.store.getCase(c.id))?.state).toBe('completed');
    return { w, c, requestId };
  }

  it('re-reads the request and mints one fresh link per archive, for the requester only', async () => {
    const { w, c, requestId } = await completed();
    w.genesys.calls.length = 0;
    w.clock.advance(1000);
    const links = valueOf(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER));
    expect(links.links.map((l) => l.url)).toEqual([expect.stringContaining('dl-a'), expect.stringContaining('dl-b')]);
    expect(w.genesys.calls).toEqual([
      { op: 'getRequest', arg: requestId },
      { op: 'resolveDownload', arg: 'dl-a' },
      { op: 'resolveDownload', arg: 'dl-b' },
    ]);
    const issued = (await w.audit()).at(-1);
    expect(issued).toMatchObject({ action: 'link_issued', actor: REQUESTER, requestIds: [requestId] });
    expect(JSON.stringify(await w.audit())).not.toContain('SECRET-SIG');
    expect(w.log.lines.join('\n')).not.toContain('SECRET-SIG');

    expect(await w.workflow.issueDownloadLinks(c.id, 's1', APPROVER)).toMatchObject({ ok: false, refusal: { code: 'not_your_case' } });
  });

  it('says the export expired when Genesys no longer serves it', async () => {
    const { w, c } = await completed();
    w.genesys.failures.resolveDownload = [new GenesysError('not_found', 'gone', { status: 404 })];
    expect(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER)).toMatchObject({
      ok: false,
      refusal: { code: 'export_expired', reason: 'export_expired' },
    });
  });

  it('says so when Genesys is unavailable for now', async () => {
    const { w, c } = await completed();
    w.genesys.failures.getRequest = [new GenesysError('unavailable', 'down', { status: 503 })];
    expect(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'temporarily_unavailable' } });
  });

  it('refuses a subject that is not completed', async () => {
    const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    expect(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'not_ready' } });
  });
});

describe('retrySubject', () => {
  it('refuses anyone but the requester, and subjects that did not fail', async () => {
    const w = await createWorld({ config: { requireApproval: false, approvers: [] } });
    const c: ExportCase = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    expect(await w.workflow.retrySubject(c.id, 's1', APPROVER)).toMatchObject({ ok: false, refusal: { code: 'not_your_case' } });
    expect(await w.workflow.retrySubject(c.id, 's1', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'not_retryable' } });
    expect(await w.workflow.retrySubject(c.id, 's9', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'not_retryable' } });
  });
});

describe('audit entries of a case', () => {
  it('carry the case reference and legal basis, never the justification, and form one verified chain', async () => {
    const w = await createWorld();
    const c: ExportCase = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    valueOf(await w.workflow.approve(c.id, APPROVER));
    await w.workflow.recordDenied(OUTSIDER, 'T0001', 'other_workspace');
    const entries = await w.audit();
    const labels = { caseReference: 'DSAR-2025-001', legalBasis: 'data_subject_access_request' };
    expect(entries.filter((e) => e.caseId === c.id)).toEqual([
      expect.objectContaining({ action: 'requested', ...labels }),
      expect.objectContaining({ action: 'approved', ...labels }),
    ]);
    // an entry about no case carries no case labels
    expect(entries.at(-1)).not.toHaveProperty('caseReference');
    expect(JSON.stringify(entries)).not.toContain('Private reason');
    expect(await verifyAuditTrail(w.store)).toMatchObject({ ok: true, entries: 3 });
  });
});

describe('audit-only actions', () => {
  it('records denials and timelines with ids only', async () => {
    const w = await createWorld();
    await w.workflow.recordDenied(OUTSIDER, 'T0001', 'other_workspace');
    await w.workflow.recordTimelineBuilt('GX-00000000', REQUESTER, ['req-1', 'req-2']);
    expect(await w.audit()).toEqual([
      expect.objectContaining({ action: 'denied', actor: OUTSIDER, teamId: 'T0001', detail: 'other_workspace' }),
      expect.objectContaining({ action: 'timeline_built', actor: REQUESTER, caseId: 'GX-00000000', requestIds: ['req-1', 'req-2'] }),
    ]);
  });
});

describe('subjects never decide, and permissions follow today’s configuration (issue 11)', () => {
  const asSubject = (slackUserId: string) => ({ slackUserId, genesysUserId: `genesys-${slackUserId}`, name: 'An Approver', resolvedVia: 'slack_profile_email' as const });

  it('an approver who is a subject gets no card, cannot approve or reject, and does not see the case', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1, { subjects: [asSubject(APPROVER_2)] })));
    expect(c.approval).toMatchObject({ eligibleApproverIds: [APPROVER], subjectApproverIds: [APPROVER_2] });
    expect(await w.workflow.approve(c.id, APPROVER_2)).toMatchObject({ ok: false, refusal: { code: 'subject_of_request' } });
    expect(await w.workflow.reject(c.id, APPROVER_2, 'not me')).toMatchObject({ ok: false, refusal: { code: 'subject_of_request' } });
    expect((await w.store.getCase(c.id))?.state).toBe('awaiting_approval');
    expect((await w.audit()).filter((e) => e.action === 'denied').map((e) => e.detail)).toEqual(['approve:subject_of_request', 'reject:subject_of_request']);
    expect(await w.workflow.listAwaitingMyApproval(APPROVER_2)).toEqual([]);
    expect((await w.workflow.listAwaitingMyApproval(APPROVER)).map((x) => x.id)).toEqual([c.id]);
  });

  it('on a case written by v0.1.0 (no approver lists), resolves the approver in Genesys to tell a subject typed by email', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1, { subjects: [{ genesysUserId: 'genesys-of-approver', resolvedVia: 'email' }] })));
    await w.store.updateCase(c.id, (x) => ({ ...x, approval: { required: true, approverIds: x.approval.approverIds, expiresAt: x.approval.expiresAt } }));
    const identity = { genesysUserIdsOf: async (id: string) => (id === APPROVER ? ['GENESYS-OF-APPROVER'] : []) };
    const upgraded = new ExportWorkflow({ ...w.deps, identity });
    expect(await upgraded.approve(c.id, APPROVER)).toMatchObject({ ok: false, refusal: { code: 'subject_of_request' } });
    expect((await upgraded.listAwaitingMyApproval(APPROVER)).map((x) => x.id)).toEqual([]);
    expect(await upgraded.approve(c.id, APPROVER_2)).toMatchObject({ ok: true });
  });

  it('an approver who cannot be checked when the case is made gets no card, and is checked when they act', async () => {
    const w = await createWorld();
    let genesysDown = true;
    const identity = {
      genesysUserIdsOf: async (id: string) => {
        if (genesysDown && id === APPROVER_2) throw new Error('Genesys Cloud is not answering');
        return [];
      },
    };
    const workflow = new ExportWorkflow({ ...w.deps, identity });
    const c = valueOf(await workflow.requestExport(newCaseInput(1)));
    expect(c.approval).toMatchObject({ eligibleApproverIds: [APPROVER], subjectApproverIds: [], uncheckedApproverIds: [APPROVER_2] });
    genesysDown = false;
    expect(await workflow.approve(c.id, APPROVER_2)).toMatchObject({ ok: true });

    genesysDown = true;
    const alone = new ExportWorkflow({ ...w.deps, config: { ...w.config, approvers: [APPROVER_2] }, identity });
    expect(await alone.requestExport(newCaseInput(1))).toMatchObject({ ok: false, refusal: { code: 'temporarily_unavailable', reason: 'approvers_unchecked', field: 'subjects' } });
  });

  it('refuses the request on the subjects field when every other approver is a subject', async () => {
    const w = await createWorld();
    const r = await w.workflow.requestExport(newCaseInput(1, { subjects: [asSubject(APPROVER), asSubject(APPROVER_2)] }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'approvers_are_subjects', reason: 'approvers_are_subjects', field: 'subjects' } });
    expect(await w.workflow.listMyCases(REQUESTER)).toEqual([]);
  });

  it('a requester removed from the configuration can no longer retry nor get links, audited', async () => {
    const w = await createWorld();
    const c = valueOf(await w.workflow.requestExport(newCaseInput(1)));
    w.config.requesters.splice(w.config.requesters.indexOf(REQUESTER), 1);
    expect(await w.workflow.retrySubject(c.id, 's1', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'no_longer_requester' } });
    expect(await w.workflow.issueDownloadLinks(c.id, 's1', REQUESTER)).toMatchObject({ ok: false, refusal: { code: 'no_longer_requester' } });
    expect(await w.workflow.listMyCasesIfRequester(REQUESTER, 'T0001')).toMatchObject({ ok: false });
    expect((await w.audit()).filter((e) => e.action === 'denied').map((e) => e.detail)).toEqual([
      'retry:no_longer_requester',
      'download:no_longer_requester',
      'status:not_requester',
    ]);
  });
});
