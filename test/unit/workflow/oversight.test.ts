import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../../../src/workflow/audit.js';
import { applyCaseFilter } from '../../../src/workflow/oversight.js';
import { APPROVER, OUTSIDER, REQUESTER } from './fakes.js';
import { createWorld, newCaseInput } from './world.js';

const AUDITOR = 'UAUDITOR1';

async function worldWithCases() {
  const world = await createWorld({ config: { auditors: [AUDITOR], requireApproval: false } });
  // received ten days before the second, so its GDPR deadline ends first
  const tenDaysAgo = new Date(world.clock.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  const first = await world.workflow.requestExport(newCaseInput(1, { caseReference: 'first', receivedOn: tenDaysAgo }));
  world.clock.advance(60_000);
  const second = await world.workflow.requestExport(newCaseInput(1, { caseReference: 'second', requesterId: APPROVER }));
  if (!first.ok || !second.ok) throw new Error('setup failed');
  return { world, first: first.value, second: second.value };
}

describe('oversight', () => {
  it('shows an auditor every case, newest first; nobody else', async () => {
    const { world, first, second } = await worldWithCases();
    const listed = await world.workflow.listCasesFor(AUDITOR, 'all');
    expect(listed.ok && listed.value.cases.map((c) => c.id)).toEqual([second.id, first.id]);

    const refused = await world.workflow.listCasesFor(OUTSIDER, 'all');
    expect(refused.ok ? undefined : refused.refusal.code).toBe('not_auditor');
    const requesterRefused = await world.workflow.listCasesFor(REQUESTER, 'overdue');
    expect(requesterRefused.ok ? undefined : requesterRefused.refusal.code).toBe('not_auditor');
    expect((await world.audit()).filter((e) => e.action === 'denied').map((e) => e.detail)).toEqual([
      'list_cases:all:not_auditor',
      'list_cases:overdue:not_auditor',
    ]);
  });

  it('never shows an auditor a case about themselves, in a list or by id', async () => {
    const world = await createWorld({ config: { auditors: [AUDITOR], requireApproval: false } });
    const input = newCaseInput(1);
    const aboutAuditor = await world.workflow.requestExport({ ...input, subjects: [{ ...input.subjects[0]!, slackUserId: AUDITOR }] });
    const other = await world.workflow.requestExport(newCaseInput(1, { caseReference: 'other' }));
    if (!aboutAuditor.ok || !other.ok) throw new Error('setup failed');

    const listed = await world.workflow.listCasesFor(AUDITOR, 'all');
    expect(listed.ok && listed.value.cases.map((c) => c.id)).toEqual([other.value.id]);
    const viewed = await world.workflow.viewCaseFor(AUDITOR, aboutAuditor.value.id);
    expect(viewed.ok ? 'shown' : viewed.refusal.code).toBe('not_allowed_to_view');
  });

  it('nobody oversees when GDPR_AUDITORS is empty', async () => {
    const world = await createWorld();
    expect(await world.workflow.canOversee(AUDITOR)).toBe(false);
    expect(await world.workflow.canOversee(APPROVER)).toBe(false);
  });

  it('lists overdue cases only once the due date has passed, and never finished ones', async () => {
    const { world, first } = await worldWithCases();
    const overdue = async () => {
      const r = await world.workflow.listCasesFor(AUDITOR, 'overdue');
      return r.ok ? r.value.cases.map((c) => c.id) : r.refusal.code;
    };
    expect(await overdue()).toEqual([]);
    world.clock.set(new Date(Date.parse(first.dueAt!) + 1));
    expect(await overdue()).toEqual([first.id]);
    // a finished case is not overdue, however late
    const finished = { ...first, state: 'completed' as const };
    expect(applyCaseFilter([finished], 'overdue', world.clock.now())).toEqual([]);
    expect(applyCaseFilter([finished], 'open', world.clock.now())).toEqual([]);
  });

  it('lets an auditor view any case but not download it or approve it', async () => {
    const world = await createWorld({ config: { auditors: [AUDITOR] } });
    const made = await world.workflow.requestExport(newCaseInput(1));
    if (!made.ok) throw new Error('setup failed');
    const viewed = await world.workflow.viewCaseFor(AUDITOR, made.value.id);
    expect(viewed.ok).toBe(true);
    const outsider = await world.workflow.viewCaseFor(OUTSIDER, made.value.id);
    expect(outsider.ok ? undefined : outsider.refusal.code).toBe('not_allowed_to_view');
    const approved = await world.workflow.approve(made.value.id, AUDITOR);
    expect(approved.ok ? undefined : approved.refusal.code).toBe('not_approver');
    const download = await world.workflow.issueDownloadLinks(made.value.id, 's1', AUDITOR);
    expect(download.ok ? undefined : download.refusal.code).toBe('not_your_case');
  });

  it('exports the audit trail as CSV for an auditor only, and audits the export', async () => {
    const { world, first } = await worldWithCases();
    const exported = await world.workflow.exportAuditFor(AUDITOR, 7);
    if (!exported.ok) throw new Error(`${exported.refusal.code}: ${exported.refusal.reason}`);
    expect(exported.value.csv.split('\n')[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(exported.value.csv).toContain(first.id);
    expect(exported.value.csv).not.toContain('privacy@example.com');
    expect((await world.audit()).at(-1)).toMatchObject({ action: 'audit_exported', actor: AUDITOR });

    const refused = await world.workflow.exportAuditFor(REQUESTER, 7);
    expect(refused.ok ? undefined : refused.refusal.code).toBe('not_auditor');
    const tooLong = await world.workflow.exportAuditFor(AUDITOR, 100_000);
    expect(tooLong.ok ? undefined : tooLong.refusal.code).toBe('invalid_request');
  });
});
