import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
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
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseOf,
  clickAnswer,
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

async function requestFor(harness: Harness, requester: string, users: string[]) {
  const viewId = await openModal(harness, requester);
  const res = await harness.sender.interactive(requestSubmission(requester, viewId, { users, ...VALID_FORM }));
  expect(res.json).toMatchObject({ response_action: 'update' });
  return caseOf(harness, requester);
}

describe('approval decisions', () => {
  it('never lets the requester approve, even when they are an approver', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER_AND_APPROVER, [ALICE]);
    const answer = await clickAnswer(h, buttonClick(REQUESTER_AND_APPROVER, ids.APPROVE_CASE, c.id, 'C0GENERAL', '1.000'));
    expect(answer).toMatch(/another approver/i);
    // A forged modal submission is refused by the workflow too.
    const forged = await h.sender.interactive(decisionSubmission(REQUESTER_AND_APPROVER, ids.APPROVE_MODAL, c.id, null));
    expect(forged.json.response_action).toBe('errors');
    expect((await caseOf(h, REQUESTER_AND_APPROVER)).state).toBe('awaiting_approval');
    // The card went to the other approvers only: once the card notification is sent (every card
    // posted), count all posts, so a late card to the requester cannot slip past.
    await eventually(
      async () => (await h!.app.store.getNotification(`${c.id}:approval_requested`))?.status,
      (status) => status === 'sent',
      15_000,
      'the approval cards sent',
    );
    const cardRecipients = h.slack.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.args).includes(ids.APPROVE_CASE));
    expect(cardRecipients.map((call) => call.args.channel)).not.toContain(h.slack.dmChannelOf(REQUESTER_AND_APPROVER));
    expect(cardRecipients.map((call) => call.args.channel).sort()).toEqual(
      [h.slack.dmChannelOf(APPROVER_1), h.slack.dmChannelOf(APPROVER_2)].sort(),
    );
  });

  it('refuses a click from someone who is not an approver, and audits it', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, [ALICE]);
    const answer = await clickAnswer(h, buttonClick(OUTSIDER, ids.APPROVE_CASE, c.id, 'C0GENERAL', '1.000'));
    expect(answer).toMatch(/only the configured GDPR approvers/i);
    const forged = await h.sender.interactive(decisionSubmission(OUTSIDER, ids.APPROVE_MODAL, c.id, null));
    expect(forged.json.response_action).toBe('errors');
    expect((await caseOf(h, REQUESTER)).state).toBe('awaiting_approval');
    const denied: string[] = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'denied') denied.push(e.actor);
    expect(denied).toContain(OUTSIDER);
  });

  it('lets the first of two simultaneous approvals win; the other is told who decided', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, [ALICE]);
    const [a, b] = await Promise.all([
      h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'first')),
      h.sender.interactive(decisionSubmission(APPROVER_2, ids.APPROVE_MODAL, c.id, 'second')),
    ]);
    const outcomes = [a.json, b.json].map((j) => (j?.response_action === 'errors' ? 'refused' : 'decided'));
    expect(outcomes.sort()).toEqual(['decided', 'refused']);
    const refusal = [a.json, b.json].find((j) => j?.response_action === 'errors');
    expect(JSON.stringify(refusal)).toMatch(/already/i);
    const decided = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state !== 'awaiting_approval');
    const approvals: string[] = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'approved') approvals.push(e.actor);
    expect(approvals).toEqual([decided.approval.decidedBy]);
    // Every card now shows the decision and has no buttons left.
    await eventually(
      () => h!.slack.callsTo('chat.update').filter((call) => JSON.stringify(call.args).includes(c.id)),
      (updates) => updates.length >= 2,
    );
    const cards = [APPROVER_1, APPROVER_2].flatMap((u) => dmMessages(h!, u)).filter((m) => JSON.stringify(m).includes(c.id));
    expect(cards.length).toBe(2);
    for (const card of cards) {
      expect(buttonsOf(card).map((x) => x.action_id)).not.toContain(ids.APPROVE_CASE);
      expect(JSON.stringify(card)).toMatch(/Approved by/);
    }
  });

  it('rejects with a required reason, and tells the requester', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, [ALICE]);
    const noReason = await h.sender.interactive(decisionSubmission(APPROVER_1, ids.REJECT_MODAL, c.id, '  '));
    expect(noReason.json).toMatchObject({ response_action: 'errors', errors: { [ids.REASON_BLOCK]: expect.stringMatching(/reason/i) } });
    const rejected = await h.sender.interactive(decisionSubmission(APPROVER_1, ids.REJECT_MODAL, c.id, 'No legal basis for Alice'));
    expect(rejected.json ?? {}).not.toHaveProperty('errors');
    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'rejected');
    expect(done.approval).toMatchObject({ decision: 'rejected', decidedBy: APPROVER_1, note: 'No legal basis for Alice' });
    await eventually(
      () => dmMessages(h!, REQUESTER).map((m) => JSON.stringify(m)).join(''),
      (text) => text.includes('No legal basis for Alice'),
    );
    expect(h.sim.exports()).toEqual([]);
  });
});

describe('results', () => {
  it('a failed export can be retried alone; the others are not resubmitted', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' }, sim: { failUserIds: [GENESYS_BOB] } });
    await requestFor(h, REQUESTER, [ALICE, BOB]);
    const settled = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'partly_failed', 20_000, 'partly failed');
    const bob = settled.subjects.find((s) => s.genesysUserId === GENESYS_BOB)!;
    expect(bob.state).toBe('failed');

    const failedMessage = await eventually(
      () => dmMessages(h!, REQUESTER).find((m) => buttonsOf(m).some((b) => b.action_id === ids.RETRY_SUBJECT)),
      (m) => m !== undefined,
    );
    expect(JSON.stringify(failedMessage)).toMatch(/ERROR/);
    const retry = buttonsOf(failedMessage!).find((b) => b.action_id === ids.RETRY_SUBJECT)!;

    // Someone else cannot retry it.
    expect(await clickAnswer(h, buttonClick(OUTSIDER, ids.RETRY_SUBJECT, retry.value!, h.slack.dmChannelOf(REQUESTER)!, failedMessage!.ts))).toMatch(/only the person who requested/i);

    h.sim.clearFaults();
    const answer = await clickAnswer(h, buttonClick(REQUESTER, ids.RETRY_SUBJECT, retry.value!, h.slack.dmChannelOf(REQUESTER)!, failedMessage!.ts));
    expect(answer).toMatch(/again/i);
    await eventually(() => h!.sim.exports().filter((e) => e.userId === GENESYS_BOB).length, (n) => n === 2, 10_000, 'second export for Bob');
    expect(h.sim.exports().filter((e) => e.userId === GENESYS_ALICE)).toHaveLength(1);
  });

  it('an expired export says so and offers to request it again', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    await requestFor(h, REQUESTER, [ALICE]);
    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
    h.sim.expireExport(done.subjects[0]!.requestId!);
    const before = h.slack.callsTo('views.update').length;
    await h.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, `${done.id}|${done.subjects[0]!.id}`, h.slack.dmChannelOf(REQUESTER)!, '1.000'));
    const update = await h.slack.waitFor('views.update', () => h!.slack.callsTo('views.update').length > before, 10_000);
    const view = JSON.stringify(update.args.view);
    expect(view).toMatch(/expired/i);
    expect(view).toContain(ids.REQUEST_AGAIN);
    expect(view).not.toMatch(/\/signed\//);
  });

  it('only the requester can mint a download link', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    await requestFor(h, REQUESTER, [ALICE]);
    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
    const before = h.slack.callsTo('views.update').length;
    await h.sender.interactive(buttonClick(OUTSIDER, ids.GET_DOWNLOAD_LINK, `${done.id}|${done.subjects[0]!.id}`, 'C0GENERAL', '1.000'));
    const update = await h.slack.waitFor('views.update', () => h!.slack.callsTo('views.update').length > before, 10_000);
    expect(JSON.stringify(update.args.view)).not.toMatch(/\/signed\//);
    expect(h.sim.log.filter((l) => l.path.includes('/downloads/'))).toEqual([]);
  });

  it('delivers every notification exactly once while Slack answers 429', async () => {
    h = await startHarness({ env: { GDPR_REQUIRE_APPROVAL: 'false', GDPR_APPROVERS: '' } });
    h.slack.rateLimit('chat.postMessage', 3, 1);
    await requestFor(h, REQUESTER, [ALICE, BOB]);
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 30_000, 'completed');
    const ready = await eventually(
      () => dmMessages(h!, REQUESTER).filter((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK)),
      (ms) => ms.length >= 2,
      30_000,
      'ready messages',
    );
    expect(ready).toHaveLength(2);
    expect(h.slack.calls.some((c) => c.method === 'chat.postMessage' && c.error === 'ratelimited')).toBe(true);
  });

  it('App Home lists my requests, and approvers see what waits for them', async () => {
    h = await startHarness();
    const c = await requestFor(h, REQUESTER, [ALICE]);
    for (const user of [REQUESTER, APPROVER_1]) {
      await h.sender.interactive({ type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0FAKESLACK', event: { type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME' }, event_id: `Ev${user}`, event_time: 1 });
    }
    const homes = await eventually(() => h!.slack.callsTo('views.publish'), (calls) => calls.length >= 2);
    const mine = homes.find((call) => call.args.user_id === REQUESTER)!;
    expect(JSON.stringify(mine.args.view)).toContain(c.id);
    const approver = homes.find((call) => call.args.user_id === APPROVER_1)!;
    expect(JSON.stringify(approver.args.view)).toContain(ids.APPROVE_CASE);
  });
});
