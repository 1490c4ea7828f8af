/**
 * Issue 11, items 1, 3 and 10: a subject never decides nor sees their own request, permissions are
 * checked against today's configuration at every action, and the card names who is concerned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import { viewSubmissionPayload } from '../../dev/fake-slack/index.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  BOB,
  GENESYS_ALICE,
  GENESYS_BOB,
  OUTSIDER,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  TEAM,
  VALID_FORM,
  buttonClick,
  clickAnswer,
  buttonsOf,
  caseOf,
  decisionSubmission,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
  type RequestForm,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function submit(harness: Harness, requester: string, form: RequestForm) {
  const viewId = await openModal(harness, requester);
  return harness.sender.interactive(requestSubmission(requester, viewId, { ...VALID_FORM, ...form }));
}

async function requestFor(harness: Harness, requester: string, form: RequestForm) {
  const res = await submit(harness, requester, form);
  expect(res.json).toMatchObject({ response_action: 'update' });
  return caseOf(harness, requester);
}

/** The modal a download-link click ends on (it opens a progress modal, then updates it). */
async function downloadAnswer(harness: Harness, userId: string, value: string): Promise<string> {
  const before = harness.slack.callsTo('views.update').length;
  await harness.sender.interactive(buttonClick(userId, ids.GET_DOWNLOAD_LINK, value, harness.slack.dmChannelOf(REQUESTER) ?? 'C0GENERAL', '1.000'));
  const update = await harness.slack.waitFor('views.update', () => harness.slack.callsTo('views.update').length > before, 10_000);
  return JSON.stringify(update.args.view);
}

async function auditOf(harness: Harness): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of harness.app.store.readAudit(new Date(0))) out.push(e);
  return out;
}

/** chat.postMessage calls that carried an approval card for this case */
function cardPosts(harness: Harness, caseId: string) {
  return harness.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.ok && JSON.stringify(call.args).includes(ids.APPROVE_CASE) && JSON.stringify(call.args).includes(caseId));
}

describe('a subject never decides their own request and is never told of it', () => {
  it('an approver picked in Slack, or typed by Genesys id, gets no card and cannot decide by forged click or form', async () => {
    h = await startHarness({ env: { GDPR_APPROVERS: `${APPROVER_1},${BOB},${ALICE}` } });
    const c = await requestFor(h, REQUESTER, { users: [BOB], extraIds: GENESYS_ALICE });
    expect(c.state).toBe('awaiting_approval');

    const cards = await eventually(() => cardPosts(h!, c.id), (calls) => calls.length >= 1);
    // give the worker a moment to post any further card, then check who got one
    await eventually(() => h!.app.store.getNotification(`${c.id}:approval_requested`), (n) => n?.status === 'sent');
    expect(cardPosts(h, c.id).map((call) => call.args.channel)).toEqual([h.slack.dmChannelOf(APPROVER_1)]);
    expect(cards).toHaveLength(1);
    for (const subject of [ALICE, BOB]) expect(JSON.stringify(dmMessages(h, subject))).not.toContain(c.id);

    // forged clicks and forged modal submissions, whatever they carry, change nothing
    const click = await clickAnswer(h, buttonClick(ALICE, ids.APPROVE_CASE, c.id, 'C0GENERAL', '1.000'));
    expect(click).toMatch(/not one of the approvers/i);
    expect(click).not.toMatch(/concern|subject/i);
    const reject = await clickAnswer(h, buttonClick(BOB, ids.REJECT_CASE, c.id, 'C0GENERAL', '1.000'));
    expect(reject).toMatch(/not one of the approvers/i);
    for (const [who, modal, text] of [
      [BOB, ids.APPROVE_MODAL, null],
      [ALICE, ids.REJECT_MODAL, 'I would rather not'],
      [ALICE, ids.APPROVE_MODAL, 'ok'],
    ] as const) {
      const forged = await h.sender.interactive(decisionSubmission(who, modal, c.id, text));
      expect(forged.json).toMatchObject({ response_action: 'errors' });
      expect(JSON.stringify(forged.json)).toMatch(/not one of the approvers/i);
    }
    expect((await caseOf(h, REQUESTER)).state).toBe('awaiting_approval');
    const denied = (await auditOf(h)).filter((e) => e.action === 'denied');
    expect(denied.filter((e) => e.actor === ALICE && /subject_of_request/.test(e.detail ?? '')).length).toBeGreaterThanOrEqual(2);
    expect(denied.filter((e) => e.actor === BOB && /subject_of_request/.test(e.detail ?? '')).length).toBeGreaterThanOrEqual(2);

    // App Home does not list it for a subject; the eligible approver can still decide
    await h.sender.interactive({ type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0FAKESLACK', event: { type: 'app_home_opened', user: ALICE, tab: 'home', channel: 'D0HOME' }, event_id: 'EvAlice', event_time: 1 });
    const home = await h.slack.waitFor('views.publish', (call) => call.args.user_id === ALICE);
    expect(JSON.stringify(home.args.view)).not.toContain(c.id);
    const approved = await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, null));
    expect(approved.json ?? {}).not.toHaveProperty('errors');
  });

  it('in approval-channel mode, a subject in the channel means the cards go by DM and the channel hears nothing', async () => {
    h = await startHarness({
      env: { GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' },
      channelMembers: { C0APPROVALS: [APPROVER_1, APPROVER_2, REQUESTER_AND_APPROVER, ALICE] },
    });
    const c = await requestFor(h, REQUESTER, { users: [ALICE] });
    await eventually(() => h!.app.store.getNotification(`${c.id}:approval_requested`), (n) => n?.status === 'sent');
    expect(h.slack.messages('C0APPROVALS')).toEqual([]);
    expect(cardPosts(h, c.id).map((call) => call.args.channel).sort()).toEqual(
      [APPROVER_1, APPROVER_2, REQUESTER_AND_APPROVER].map((u) => h!.slack.dmChannelOf(u)).sort(),
    );
    expect(h.slack.callsTo('conversations.members').length).toBeGreaterThan(0);

    // a subject outside the channel: the card goes to the channel as before
    const other = await requestFor(h, REQUESTER, { users: [BOB] });
    await eventually(() => h!.app.store.getNotification(`${other.id}:approval_requested`), (n) => n?.status === 'sent');
    expect(cardPosts(h, other.id).map((call) => call.args.channel)).toEqual(['C0APPROVALS']);
  });

  it('when the bot cannot read the channel members, the cards go by DM', async () => {
    h = await startHarness({ env: { GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' }, channelMembers: { C0APPROVALS: [APPROVER_1] } });
    h.slack.failWith('conversations.members', 'missing_scope', 5);
    const c = await requestFor(h, REQUESTER, { users: [BOB] });
    await eventually(() => h!.app.store.getNotification(`${c.id}:approval_requested`), (n) => n?.status === 'sent');
    expect(h.slack.messages('C0APPROVALS')).toEqual([]);
    expect(cardPosts(h, c.id).length).toBe(3);
  });

  it('refuses the form on the people field when every other approver is a subject', async () => {
    h = await startHarness({ env: { GDPR_APPROVERS: `${ALICE},${REQUESTER}` } });
    const res = await submit(h, REQUESTER, { extraIds: 'alice@example.com' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [ids.SUBJECTS_BLOCK]: expect.stringMatching(/approver/i) } });
    expect(JSON.stringify(res.json)).toMatch(/concern|people (named|in this request)/i);
    expect(await h.app.workflow.listMyCases(REQUESTER, 5)).toEqual([]);
  });
});

describe('permissions are checked against today’s configuration at every action', () => {
  it('a requester removed from GDPR_REQUESTERS can no longer get links, retry, build a timeline or request again', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' }, sim: { failUserIds: [GENESYS_BOB] } });
    const c = await requestFor(h, REQUESTER, { users: [ALICE, BOB] });
    const settled = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'partly_failed', 20_000, 'partly failed');
    const alice = settled.subjects.find((s) => s.genesysUserId === GENESYS_ALICE)!;
    const bob = settled.subjects.find((s) => s.genesysUserId === GENESYS_BOB)!;
    const dm = h.slack.dmChannelOf(REQUESTER)!;

    await h.restart({ env: { GDPR_REQUESTERS: REQUESTER_AND_APPROVER } });
    const linksBefore = h.sim.log.filter((l) => l.path.includes('/downloads/')).length;

    expect(await downloadAnswer(h, REQUESTER, `${c.id}|${alice.id}`)).toMatch(/no longer/i);
    expect(await clickAnswer(h, buttonClick(REQUESTER, ids.RETRY_SUBJECT, `${c.id}|${bob.id}`, dm, '1.000'))).toMatch(/no longer/i);
    expect(await clickAnswer(h, buttonClick(REQUESTER, ids.REQUEST_AGAIN, `${c.id}|${alice.id}`, dm, '1.000'))).toMatch(/no longer/i);
    expect(await clickAnswer(h, buttonClick(REQUESTER, ids.BUILD_TIMELINE, c.id, dm, '1.000'))).toMatch(/no longer/i);
    // the timeline form itself, submitted without the button
    const timelineRefusal = h.slack.callsTo('chat.postMessage').length;
    await h.sender.interactive(
      viewSubmissionPayload({ userId: REQUESTER, teamId: TEAM, view: { id: 'V0TL', callback_id: ids.TIMELINE_MODAL, private_metadata: c.id, state_values: {} } }),
    );
    // the worker may post the case's own news meanwhile: look for the refusal among the new posts
    await eventually(
      () => h!.slack.callsTo('chat.postMessage').slice(timelineRefusal).map((call) => String(call.args.text)),
      (texts) => texts.some((t) => /no longer/i.test(t)),
      10_000,
      'the timeline form refused as no longer a requester',
    );

    expect(h.sim.log.filter((l) => l.path.includes('/downloads/')).length).toBe(linksBefore);
    expect(h.sim.exports().filter((e) => e.userId === GENESYS_BOB)).toHaveLength(1);
    expect(h.slack.files()).toEqual([]);
    const details = (await auditOf(h)).filter((e) => e.action === 'denied' && e.actor === REQUESTER).map((e) => e.detail);
    for (const action of ['download', 'retry', 'request_again', 'timeline']) expect(details).toContain(`${action}:no_longer_requester`);
  });

  it('an unknown user submitting the form triggers no Genesys search', async () => {
    h = await startHarness();
    const res = await h.sender.interactive(requestSubmission(OUTSIDER, 'V0FORGED', { ...VALID_FORM, users: [ALICE], extraIds: 'bob@example.com' }));
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(res.json)).toMatch(/GDPR_REQUESTERS|not allowed/i);
    expect(h.sim.log.filter((l) => l.path.includes('/gdpr/subjects'))).toEqual([]);
    expect((await auditOf(h)).some((e) => e.action === 'denied' && e.actor === OUTSIDER)).toBe(true);
  });

  it('an approver removed from GDPR_APPROVERS can no longer decide', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, { users: [ALICE] });
    await h.restart({ env: { GDPR_APPROVERS: `${APPROVER_2}` } });
    const forged = await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, null));
    expect(forged.json).toMatchObject({ response_action: 'errors' });
    expect((await caseOf(h, REQUESTER)).state).toBe('awaiting_approval');
  });
});

describe('an approver always knows whom they approve', () => {
  it('the card shows the Genesys name for people typed by Genesys id or email, never the email', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, { extraIds: `${GENESYS_ALICE}\nbob@example.com` });
    const card = await eventually(() => cardPosts(h!, c.id), (calls) => calls.length >= 1);
    const text = JSON.stringify(card[0]!.args.blocks);
    expect(text).toContain('Alice Martin');
    expect(text).toContain('Bob Nguyen');
    expect(text).not.toContain('bob@example.com');
  });

  it('when the name cannot be looked up, the card says so plainly instead of passing the id off as a name', async () => {
    h = await startHarness();
    h.sim.setPermissions('sim-client', ['gdpr:request:add', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view']);
    const c = await requestFor(h, REQUESTER, { extraIds: `${GENESYS_ALICE}\ndana@example.com` });
    const card = await eventually(() => cardPosts(h!, c.id), (calls) => calls.length >= 1);
    const text = JSON.stringify(card[0]!.args.blocks);
    expect(text).toContain(GENESYS_ALICE);
    expect(text.match(/name could not be looked up/gi)).toHaveLength(2);
    expect(text).not.toContain('dana@example.com');
    expect(buttonsOf(card[0]!.args as { blocks?: unknown[] }).map((b) => b.action_id)).toContain(ids.APPROVE_CASE);
  });
});
