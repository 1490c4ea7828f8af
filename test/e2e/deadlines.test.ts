/** Deadlines through signed payloads: the receipt date, the GDPR due date and where it shows. */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  OUTSIDER,
  REQUESTER,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseModalSubmission,
  caseOf,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const inWords = (day: string) => `${Number(day.slice(8))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

describe('the GDPR deadline counts from the receipt of the request', () => {
  it('refuses a receipt date in the future on its field, and stores nothing', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    const opened = h.slack.views().get(viewId);
    // the form opens on today in the requester's zone (Europe/Paris), which is never in the future
    expect(JSON.stringify(opened?.view)).toContain(`"action_id":"${ids.RECEIVED_ON_ACTION}"`);
    const res = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: dayFromNow(2) }));
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [ids.RECEIVED_ON_BLOCK]: expect.stringMatching(/is in the future/) } });
    expect(await h.app.workflow.listMyCases(REQUESTER)).toEqual([]);
    expect((await auditOf(h)).filter((e) => e.action === 'denied').map((e) => [e.actor, e.detail])).toEqual([[REQUESTER, 'request_export:received_on']]);
  });

  it('shows the due date (receipt + one month) in the approval card and the status message', async () => {
    h = await startHarness();
    const received = '2026-01-31';
    const viewId = await openModal(h, REQUESTER);
    const res = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: received }));
    expect(res.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(res.json)).toContain('GDPR response due 28 February 2026 (request received 31 January 2026)');
    const c = await caseOf(h, REQUESTER);
    expect(c).toMatchObject({ receivedOn: received, timeZone: 'Europe/Paris', dueAt: '2026-02-28T23:00:00.000Z' });
    const card = await eventually(
      () => dmMessages(h!, APPROVER_1).find((m) => JSON.stringify(m).includes(c.id)),
      (m) => m !== undefined,
      15_000,
      'the approval card',
    );
    expect(JSON.stringify(card)).toContain(`*Request received*\\n${inWords(received)}`);
    expect(JSON.stringify(card)).toContain('*GDPR response due*\\n28 February 2026');
    const status = await eventually(() => dmMessages(h!, REQUESTER)[0], (m) => m !== undefined, 15_000, 'the status message');
    expect(JSON.stringify(status)).toContain('GDPR response due 28 February 2026');
  });

  it('gives a legal hold no GDPR due date, only the "needed by" date the requester gave', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    const neededBy = dayFromNow(20);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, legalBasis: 'legal_hold', neededBy }));
    const c = await caseOf(h, REQUESTER);
    expect(c.dueAt).toBeUndefined();
    expect(c.receivedOn).toBeUndefined();
    expect(c.neededBy).toBe(neededBy);
    const card = await eventually(() => dmMessages(h!, APPROVER_1).find((m) => JSON.stringify(m).includes(c.id)), (m) => m !== undefined);
    expect(JSON.stringify(card)).not.toContain('GDPR response due');
    expect(JSON.stringify(card)).toContain(`*Needed by*\\n${inWords(neededBy)}`);
  });
});

function extendSubmission(userId: string, caseId: string, months: string, reason: string): object {
  return caseModalSubmission(
    userId,
    ids.EXTEND_MODAL,
    caseId,
    { block: ids.EXTEND_MONTHS_BLOCK, action: ids.EXTEND_MONTHS_ACTION, value: months },
    { block: ids.EXTEND_REASON_BLOCK, action: ids.EXTEND_REASON_ACTION, value: reason },
  );
}

async function auditOf(h: Harness): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of h.app.store.readAudit(new Date(0))) out.push(e);
  return out;
}

describe('extending a DSAR deadline', () => {
  it('opens the dialog from the status message, extends once with a reason, audits it and shows it everywhere', async () => {
    h = await startHarness();
    const received = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: received }));
    const c = await caseOf(h, REQUESTER);
    const status = await eventually(() => dmMessages(h!, REQUESTER)[0], (m) => m !== undefined, 15_000, 'the status message');
    const extend = buttonsOf(status!).find((b) => b.action_id === ids.EXTEND_DEADLINE);
    expect(extend?.value).toBe(c.id);

    const opens = h.slack.callsTo('views.open').length;
    await h.sender.interactive(buttonClick(REQUESTER, ids.EXTEND_DEADLINE, c.id, h.slack.dmChannelOf(REQUESTER)!, status!.ts));
    await h.slack.waitFor('views.open', () => h!.slack.callsTo('views.open').length > opens);
    expect([...h.slack.views().values()].some((v) => v.view?.callback_id === ids.EXTEND_MODAL)).toBe(true);

    // an outsider's forged submission is refused and audited
    const forged = await h.sender.interactive(extendSubmission(OUTSIDER, c.id, '2', 'I want more time'));
    expect(forged.json).toMatchObject({ response_action: 'errors' });
    const done = await h.sender.interactive(extendSubmission(REQUESTER, c.id, '2', 'Chat spread over five systems'));
    expect(done.json ?? {}).not.toHaveProperty('errors');
    const extended = await caseOf(h, REQUESTER);
    expect(extended.extension).toMatchObject({ months: 2, by: REQUESTER, reason: 'Chat spread over five systems' });

    const again = await h.sender.interactive(extendSubmission(APPROVER_1, c.id, '1', 'Once more'));
    expect(JSON.stringify(again.json)).toMatch(/already extended once/);

    const audit = await auditOf(h);
    expect(audit.filter((e) => e.action === 'extended')).toEqual([expect.objectContaining({ actor: REQUESTER, caseId: c.id, detail: expect.stringContaining('+2 month(s)') })]);
    expect(JSON.stringify(audit)).not.toContain('five systems');
    expect(audit.some((e) => e.action === 'denied' && e.actor === OUTSIDER)).toBe(true);

    // the requester is told in the thread; the status message and the card show the new date
    await eventually(() => JSON.stringify(dmMessages(h!, REQUESTER)), (t) => t.includes('Deadline extended by 2 months'), 15_000, 'the extension reply');
    await eventually(() => JSON.stringify(dmMessages(h!, APPROVER_1)), (t) => t.includes('extended by 2 months'), 15_000, 'the updated card');
    const updated = await eventually(() => dmMessages(h!, REQUESTER)[0], (m) => JSON.stringify(m).includes('extended by 2 months'));
    expect(buttonsOf(updated!).map((b) => b.action_id)).not.toContain(ids.EXTEND_DEADLINE);
  });
});

describe('deadline reminders across restarts', () => {
  it('reminds 7 days and 1 day before and escalates when overdue, each exactly once, with the clock moved ahead over restarts', async () => {
    let offsetMs = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    h = await startHarness({ clock, env: { GDPR_REQUIRE_APPROVAL: 'false' }, sim: { exportDurationMs: 365 * 86_400_000 } });
    const viewId = await openModal(h, REQUESTER);
    const received = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: received }));
    const c = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'in_progress', 15_000, 'the case in progress');
    const dueMs = Date.parse(c.dueAt!);

    const deadlineMessages = (userId: string, stage: string) =>
      dmMessages(h!, userId).filter((m) => JSON.stringify(m).includes(`${c.id}:deadline:`) && JSON.stringify(m).includes(`:${stage}`));
    const cycles = async (n: number) => {
      for (let i = 0; i < n; i++) await h!.app.worker.tick();
    };

    offsetMs = dueMs - 7 * 86_400_000 + 3_600_000 - Date.now();
    await h.restart({ clock });
    await eventually(() => deadlineMessages(REQUESTER, 'before-7').length, (n) => n >= 1, 15_000, 'the 7-day reminder');
    expect(JSON.stringify(deadlineMessages(REQUESTER, 'before-7'))).toContain('the data subject must be told of an extension');
    await h.restart({ clock }); // same moment again: nothing new
    await cycles(3);

    offsetMs = dueMs - 86_400_000 + 3_600_000 - Date.now();
    await h.restart({ clock });
    await eventually(() => deadlineMessages(REQUESTER, 'before-1').length, (n) => n >= 1, 15_000, 'the 1-day reminder');

    offsetMs = dueMs + 3_600_000 - Date.now();
    await h.restart({ clock });
    await eventually(() => deadlineMessages(APPROVER_2, 'overdue').length, (n) => n >= 1, 15_000, 'the escalation to approvers');
    await h.restart({ clock });
    await cycles(3);

    expect(deadlineMessages(REQUESTER, 'before-7')).toHaveLength(1);
    expect(deadlineMessages(REQUESTER, 'before-1')).toHaveLength(1);
    expect(deadlineMessages(REQUESTER, 'overdue')).toHaveLength(1);
    for (const approver of [APPROVER_1, APPROVER_2]) {
      expect(deadlineMessages(approver, 'overdue')).toHaveLength(1);
      expect(JSON.stringify(deadlineMessages(approver, 'overdue'))).toContain('passed its GDPR due date');
    }
    expect(JSON.stringify(dmMessages(h, APPROVER_1))).not.toContain('before-');
  });
});

describe('"Request again" keeps the original receipt date', () => {
  it('opens the form with the original receipt date, legal basis and reference', async () => {
    h = await startHarness();
    const received = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: received }));
    const c = await caseOf(h, REQUESTER);
    const opens = h.slack.callsTo('views.open').length;
    await h.sender.interactive(buttonClick(REQUESTER, ids.REQUEST_AGAIN, `${c.id}|s1`, 'D0FAKE', '1.000'));
    const call = await h.slack.waitFor('views.open', () => h!.slack.callsTo('views.open').length > opens);
    const form = JSON.stringify(call.args.view);
    expect(form).toContain(`"action_id":"${ids.RECEIVED_ON_ACTION}","initial_date":"${received}"`);
    expect(form).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Data subject access request"`);
    expect(form).toContain(`"initial_value":"${VALID_FORM.caseReference}"`);
  });
});
