import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  BOB,
  GENESYS_ALICE,
  GENESYS_BOB,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseOf,
  decisionSubmission,
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

async function clickDownload(harness: Harness, userId: string, value: string) {
  const channel = harness.slack.dmChannelOf(REQUESTER)!;
  const before = harness.slack.callsTo('views.update').length;
  const res = await harness.sender.interactive(buttonClick(userId, ids.GET_DOWNLOAD_LINK, value, channel, '1.000'));
  expect(res.status).toBe(200);
  const update = await harness.slack.waitFor('views.update', () => harness.slack.callsTo('views.update').length > before, 10_000);
  return JSON.stringify(update.args.view);
}

describe('from slash command to download link', () => {
  it('with approval: request, approve, submit one export per person, notify once each, mint links', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}|alice> <@${BOB}|bob>`);

    // The modal opened pre-filled with both people, with its look-ups (retention, approvers)
    // either at once or through views.update.
    const opened = h.slack.callsTo('views.open')[0]!;
    expect(JSON.stringify(opened.args.view)).toContain(ALICE);
    await eventually(() => JSON.stringify(h!.slack.views().get(viewId)?.view), (v) => !!v && v.includes('3650') && v.includes(APPROVER_1), 5_000, 'the completed form');

    const submitted = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ response_action: 'update' });

    const c = await caseOf(h, REQUESTER);
    expect(c.state).toBe('awaiting_approval');
    expect(c.subjects.map((s) => s.genesysUserId).sort()).toEqual([GENESYS_ALICE, GENESYS_BOB].sort());

    // An approval card reaches each approver other than the requester, by DM.
    // Once the card notification is sent every card is posted: count them all, so a card to the
    // requester cannot come after the check.
    await eventually(async () => (await h!.app.store.getNotification(`${c.id}:approval_requested`))?.status, (s) => s === 'sent', 15_000, 'the approval cards sent');
    const cards = h.slack.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.args).includes(ids.APPROVE_CASE));
    expect(cards.every((call) => call.ok)).toBe(true);
    const dm = (userId: string) => h!.slack.dmChannelOf(userId);
    expect(cards.map((call) => call.args.channel).sort()).toEqual([dm(APPROVER_1), dm(APPROVER_2), dm(REQUESTER_AND_APPROVER)].sort());
    expect(JSON.stringify(dmMessages(h, REQUESTER))).not.toContain(ids.APPROVE_CASE);
    const cardChannel = String(dm(APPROVER_1));

    // Approve: the button opens the confirmation modal, its submission decides.
    const click = await h.sender.interactive(buttonClick(APPROVER_1, ids.APPROVE_CASE, c.id, cardChannel, '1.000'));
    expect(click.status).toBe(200);
    await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.APPROVE_MODAL));
    const approved = await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'OK for the DSAR'));
    expect(approved.status).toBe(200);
    expect(approved.json ?? {}).not.toHaveProperty('errors');

    // Genesys completes each export; the requester gets one "ready" DM per person.
    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');
    expect(done.approval).toMatchObject({ decision: 'approved', decidedBy: APPROVER_1, note: 'OK for the DSAR' });
    expect(h.sim.exports().map((e) => e.userId).sort()).toEqual([GENESYS_ALICE, GENESYS_BOB].sort());
    const posts = h.sim.log.filter((l) => l.method === 'POST' && l.path === '/api/v2/gdpr/requests');
    expect(posts).toHaveLength(2);

    const ready = await eventually(
      () => dmMessages(h!, REQUESTER).filter((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK)),
      (ms) => ms.length === 2,
      10_000,
      'two ready messages',
    );
    const values = ready.flatMap((m) => buttonsOf(m).filter((b) => b.action_id === ids.GET_DOWNLOAD_LINK).map((b) => b.value));
    expect(new Set(values).size).toBe(2);

    // The button mints a fresh signed link that works against the simulator without a token.
    const view = await clickDownload(h, REQUESTER, values[0]!);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/signed\/[^|>"\\]+)/.exec(view)?.[1];
    expect(url, view).toBeDefined();
    const zip = await fetch(url!.replace(/&amp;/g, '&'));
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');

    // Everything was audited, with ids only.
    const actions: string[] = [];
    for await (const e of h.app.store.readAudit(new Date(0))) actions.push(e.action);
    expect(actions).toEqual(expect.arrayContaining(['requested', 'approved', 'submitted', 'completed', 'link_issued']));

    // No Slack call broke Block Kit limits.
    expect(h.slack.calls.filter((call) => !call.ok && call.error === 'invalid_blocks')).toEqual([]);

    // Health and metrics for the operator.
    const base = `http://127.0.0.1:${h.app.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await health.json()).toEqual({ status: 'ok', version });
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toEqual({ ready: true, checks: { store: true, genesysToken: true } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/gdpr_export_requests_total\{outcome="created"\} 1/);
    expect(metrics).toMatch(/gdpr_export_notifications_total\{kind="subject_ready",outcome="sent"\} 2/);
    expect(metrics).toMatch(/gdpr_export_genesys_calls_total\{operation="[a-zA-Z]+",status="200"\} \d+/);
    expect(metrics).toMatch(/gdpr_export_pending_timers \d+/);
    expect(metrics).toMatch(/gdpr_export_oldest_due_seconds \d+/);
  });

  it('a second command opens the complete form in one call, with no new Genesys look-up', async () => {
    h = await startHarness();
    await openModal(h, REQUESTER);
    await eventually(() => h!.slack.callsTo('views.update').length + h!.slack.callsTo('views.open').length, (n) => n >= 1);
    const settingsCalls = () => h!.sim.log.filter((l) => l.path === '/api/v2/chats/settings').length;
    const updatesBefore = h.slack.callsTo('views.update').length;
    expect(settingsCalls()).toBe(1);

    const second = await openModal(h, REQUESTER, `<@${BOB}>`);
    const view = JSON.stringify(h.slack.views().get(second)?.view);
    expect(view).toContain('3650');
    expect(view).toContain(APPROVER_1);
    expect(h.slack.callsTo('views.update')).toHaveLength(updatesBefore);
    expect(settingsCalls()).toBe(1);
  });

  it('without approval: the submission itself starts the exports', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
    const submitted = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
    expect(submitted.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(submitted.json.view)).toMatch(/submitted|Genesys/i);

    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');
    expect(done.approval.required).toBe(false);
    expect(h.slack.calls.filter((call) => JSON.stringify(call.args).includes(ids.APPROVE_CASE))).toEqual([]);
    expect(h.sim.exports()).toHaveLength(1);
  });

  it('without approval: the requester must confirm in the form, or nothing is created', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
    expect(JSON.stringify(h.slack.callsTo('views.open')[0]!.args.view)).toContain(ids.CONFIRM_BLOCK);
    const unconfirmed = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, confirmed: false }));
    expect(unconfirmed.json).toMatchObject({ response_action: 'errors', errors: { [ids.CONFIRM_BLOCK]: expect.stringMatching(/confirm/i) } });
    expect(await h.app.workflow.listMyCases(REQUESTER)).toEqual([]);
    expect(h.sim.exports()).toEqual([]);
  });

  it('accepts an email or Genesys user id for people who are not in Slack', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    const viewId = await openModal(h, REQUESTER, 'bob@example.com');
    const opened = h.slack.callsTo('views.open')[0]!;
    expect(JSON.stringify(opened.args.view)).toContain('bob@example.com');
    const submitted = await h.sender.interactive(
      requestSubmission(REQUESTER, viewId, { extraIds: `bob@example.com\n${GENESYS_ALICE.toUpperCase()}`, ...VALID_FORM }),
    );
    expect(submitted.json).toMatchObject({ response_action: 'update' });
    const c = await caseOf(h, REQUESTER);
    expect(c.subjects.map((s) => [s.genesysUserId, s.resolvedVia]).sort()).toEqual(
      [
        [GENESYS_ALICE, 'genesys_user_id'],
        [GENESYS_BOB, 'email'],
      ].sort(),
    );
    expect(JSON.stringify(c)).not.toContain('@example.com');
  });
});
