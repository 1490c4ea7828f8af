/**
 * GDPR auditors (GDPR_AUDITORS, here a user group) see every case read-only in Slack, and export the
 * audit trail to their DM; they cannot approve or download. Driven by signed payloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../../src/workflow/audit.js';
import { blockActionPayload } from '../../dev/fake-slack/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { ExportCase } from '../../src/workflow/model.js';
import {
  ALICE,
  AUDITOR,
  AUDITOR_GROUP,
  OUTSIDER,
  REQUESTER,
  VALID_FORM,
  buttonClick,
  caseOf,
  commandReply,
  decisionSubmission,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness;
let c: ExportCase;
/** the bot's clock runs this far ahead of real time */
let clockOffsetMs = 0;

beforeAll(async () => {
  h = await startHarness({ env: { GDPR_AUDITORS: AUDITOR_GROUP }, clock: { now: () => new Date(Date.now() + clockOffsetMs) } });
  const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
  await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
  c = await caseOf(h, REQUESTER);
}, 30_000);

afterAll(async () => {
  await h.close();
});

/** the ephemeral answer (response_url) to a slash command */
async function commandAnswer(text: string, userId: string): Promise<{ text: string; blocks?: unknown }> {
  const answer = await commandReply(h, userId, text);
  return { text: String(answer.text), blocks: answer.blocks };
}

async function deniedDetails(actor: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'denied' && e.actor === actor) out.push(e.detail ?? '');
  return out;
}

function homeOpened(user: string) {
  return { type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0FAKESLACK', event: { type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME' }, event_id: `Ev${user}${Date.now()}`, event_time: 1 };
}

function filterChosen(user: string, filter: string) {
  const payload = blockActionPayload({ userId: user, teamId: 'T0TEST', actionId: ids.OVERSIGHT_FILTER, container: { type: 'view', viewId: 'V0HOME' }, view: { type: 'home' } }) as {
    actions: Array<Record<string, unknown>>;
  };
  const option = { text: { type: 'plain_text', text: filter }, value: filter };
  payload.actions = [{ ...payload.actions[0], type: 'static_select', selected_option: option, value: undefined }];
  return payload;
}

describe('GDPR auditors', () => {
  it('list every case with /gdpr-export cases; anyone else is refused, and the refusal audited', async () => {
    const listed = await commandAnswer('cases', AUDITOR);
    expect(listed.text).toContain(c.id);
    expect(listed.text).toContain(`<@${REQUESTER}>`);
    expect(listed.text).not.toContain(VALID_FORM.justification);

    const refused = await commandAnswer('cases open', OUTSIDER);
    expect(refused.text).toMatch(/Only the configured GDPR auditors/);
    expect(refused.text).not.toContain(c.id);
    expect(await deniedDetails(OUTSIDER)).toContain('list_cases:open:not_auditor');
  });

  it('see a case as overdue once its GDPR due date has passed', async () => {
    expect((await commandAnswer('cases overdue', AUDITOR)).text).toMatch(/No case is past its GDPR due date/);
    clockOffsetMs = Date.parse(c.dueAt!) - Date.now() + 86_400_000;
    try {
      const overdue = await commandAnswer('cases overdue', AUDITOR);
      expect(overdue.text).toContain(c.id);
      expect(overdue.text).toMatch(/overdue/);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('see one case in full with /gdpr-export cases GX-…; an outsider does not', async () => {
    const detail = await commandAnswer(`cases ${c.id}`, AUDITOR);
    expect(detail.text).toContain(c.id);
    expect(JSON.stringify(detail.blocks)).toContain('Alice');
    expect(JSON.stringify(detail.blocks)).not.toContain(ids.APPROVE_CASE);
    const refused = await commandAnswer(`cases ${c.id}`, OUTSIDER);
    expect(refused.text).toMatch(/Only the requester of/);
    expect(JSON.stringify(refused)).not.toContain('Alice');
  });

  it('cannot approve: a forged Approve click and a forged approval are refused', async () => {
    const before = h.slack.callsTo('response_url').length;
    await h.sender.interactive(buttonClick(AUDITOR, ids.APPROVE_CASE, c.id, 'C0GENERAL', '1.000'));
    const answer = await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length > before);
    expect(String(h.slack.callsTo('response_url')[before]?.args.text ?? answer.args.text)).toMatch(/Only the configured GDPR approvers/);
    const forged = await h.sender.interactive(decisionSubmission(AUDITOR, ids.APPROVE_MODAL, c.id, 'looks fine'));
    expect(forged.json?.response_action).toBe('errors');
    expect((await h.app.workflow.getCase(c.id))?.state).toBe('awaiting_approval');
    expect(await deniedDetails(AUDITOR)).toEqual(expect.arrayContaining([`not_approver:${c.id}`, 'approve:not_approver']));
  });

  it('cannot download: a forged Get download link click is refused', async () => {
    const before = h.slack.callsTo('views.update').length;
    await h.sender.interactive(buttonClick(AUDITOR, ids.GET_DOWNLOAD_LINK, `${c.id}|s1`, 'D0AUDIT', '1.000'));
    const shown = await h.slack.waitFor('views.update', () => h.slack.callsTo('views.update').length > before);
    expect(JSON.stringify(shown.args.view)).toMatch(/Only the person who requested/);
    expect(await deniedDetails(AUDITOR)).toContain('download:not_requester');
  });

  it('see an oversight section on App Home, and switch it to overdue cases', async () => {
    await h.sender.interactive(homeOpened(AUDITOR));
    const home = await eventually(
      () => h.slack.callsTo('views.publish').filter((call) => call.args.user_id === AUDITOR),
      (calls) => calls.length >= 1,
    );
    const first = JSON.stringify(home[0]!.args.view);
    expect(first).toContain('Oversight (read-only)');
    expect(first).toContain(c.id);
    expect(first).toContain(ids.OVERSIGHT_FILTER);
    expect(first).not.toContain(ids.APPROVE_CASE);

    await h.sender.interactive(filterChosen(AUDITOR, 'overdue'));
    const switched = await eventually(
      () => h.slack.callsTo('views.publish').filter((call) => call.args.user_id === AUDITOR),
      (calls) => calls.length >= 2,
    );
    const overdue = JSON.stringify(switched[1]!.args.view);
    expect(overdue).toContain('No case is past its GDPR due date');
    expect(overdue).not.toContain(c.id);
  });

  it('App Home shows no oversight to others, even when they forge the filter', async () => {
    await h.sender.interactive(filterChosen(OUTSIDER, 'all'));
    const published = await eventually(
      () => h.slack.callsTo('views.publish').filter((call) => call.args.user_id === OUTSIDER),
      (calls) => calls.length >= 1,
    );
    expect(JSON.stringify(published[0]!.args.view)).not.toContain('Oversight');
    expect(JSON.stringify(published[0]!.args.view)).not.toContain(c.id);
  });

  it('get the audit trail as a CSV file in their DM; others are refused', async () => {
    const sent = await commandAnswer('audit-export 7', AUDITOR);
    expect(sent.text).toMatch(/I sent the audit export/);
    const file = await eventually(
      () => h.slack.files().find((f) => f.filename.startsWith('gdpr-export-audit-')),
      (f) => f !== undefined,
    );
    expect(file!.channel_id).toBe(h.slack.dmChannelOf(AUDITOR));
    const csv = file!.bytes.toString('utf8');
    expect(csv.split('\n')[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(csv).toContain(`requested,${REQUESTER},T0TEST,${c.id}`);
    expect(csv).not.toContain(VALID_FORM.justification);

    const refused = await commandAnswer('audit-export', OUTSIDER);
    expect(refused.text).toMatch(/Only the configured GDPR auditors can export/);
    expect(await deniedDetails(OUTSIDER)).toContain('audit_export:not_auditor');
    const tooLong = await commandAnswer('audit-export 5000', AUDITOR);
    expect(tooLong.text).toMatch(/from 1 to 400/);
  });
});
