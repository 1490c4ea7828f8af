/**
 * Two real bot processes on one Redis prefix, then hostile requests against them. Replicas: requests
 * and clicks interleaved across both, approvals clicked on both at once, the worker's leader killed
 * mid-flow; still one decision per case, one export per subject, one Slack message per event.
 * Hostile: bad, missing, replayed (also with padded, doubled or re-cased signature headers) and
 * stale signatures, oversized bodies, forged users, other workspaces, tampered ids and an approver
 * deciding a request about themselves (by click, by form, by a forged button on another case's
 * card); each is refused and leaves nothing in the store but audit entries.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTriggerId } from '../../dev/fake-slack/index.js';
import { defaultSimUsers } from '../../dev/genesys-simulator/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  BOB,
  DANA,
  OUTSIDER,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  SLACK_USERS,
  VALID_FORM,
  buttonsOf,
  decisionSubmission,
  requestSubmission,
} from '../e2e/harness.js';
import { signatureVariants } from '../helpers/signature-variants.js';
import { count, finishFile } from './support/ledger.js';
import { findLeaks } from './support/secrets.js';
import { startPrivateRedis, type PrivateRedis } from './support/redis-server.js';
import { commandForm, interactiveForm, sendClick, sendCommand, signedHeaders, type SlackEnd } from './support/slack-requests.js';
import { eventually } from './support/util.js';
import {
  SIGNING_SECRET,
  STATIC_SECRETS,
  auditSince,
  dumpPrefix,
  expectExactlyOnce,
  newViewId,
  nextCall,
  requestCase,
  startWorld,
  submitDecision,
  waitCompleted,
  waitCompletedAfterKill,
  waitForCase,
  waitForReadyDms,
  waitOutboxDrained,
  type World,
} from './support/world.js';

let redis: PrivateRedis;
let w: World;
const end = (bot: number): SlackEnd => ({ fake: w.fake, sender: w.senders[bot]!, signingSecret: SIGNING_SECRET });

beforeAll(async () => {
  redis = await startPrivateRedis('replicas');
  // APPROVER_2 also has a Genesys user, so a request can name them as its subject
  const anna = SLACK_USERS.find((u) => u.id === APPROVER_2)!;
  const users = [...defaultSimUsers(), { id: 'a2a00000-0000-4000-8000-0000000000a2', name: anna.real_name, email: anna.email!, messages: [] }];
  w = await startWorld({ label: 'replicas', redis, replicas: 2, sim: { exportDurationMs: 4_000, users } });
});

afterAll(async () => {
  count('killsAndRestarts', w?.bots.reduce((n, b) => n + b.kills, 0) ?? 0);
  await w?.close();
  await redis?.destroy();
  const leaks = finishFile(fileURLToPath(import.meta.url));
  expect(leaks).toEqual([]);
});


describe('two replicas on one Redis', () => {
  it('interleaved requests and simultaneous clicks: one decision per case, one export per subject, one DM per event', async () => {
    // the other tests of the file export from this world too: count what this one makes
    const started = Date.now();
    // requests alternate between the replicas; each subject is in one case only
    const a = await requestCase(w, 0, REQUESTER, { users: [ALICE] });
    const b = await requestCase(w, 1, REQUESTER, { users: [BOB] });
    const c = await requestCase(w, 0, REQUESTER_AND_APPROVER, { users: [DANA] });
    const d = await requestCase(w, 1, REQUESTER, { extraIds: 'carol@example.com' });

    // both approvers decide each case at the same moment, each on a different replica
    const decisions = await Promise.all(
      [a, b, c].map((id) => Promise.all([submitDecision(w, 0, APPROVER_1, id), submitDecision(w, 1, APPROVER_2, id)])),
    );
    for (const [i, pair] of decisions.entries()) {
      const winners = pair.filter((r) => r.status === 200 && r.json?.errors === undefined);
      const losers = pair.filter((r) => r.json?.response_action === 'errors');
      expect(winners, `case ${i}: exactly one decision wins`).toHaveLength(1);
      expect(losers, `case ${i}: the other is refused`).toHaveLength(1);
      expect(String(losers[0]!.json.errors[ids.NOTE_BLOCK])).toMatch(/^Request GX-[0-9A-Z]{8} was already approved by <@U0APPROVER[12]> .*\. Nothing more to do\.$/);
    }
    // approve and reject at once: one wins, whichever it is
    const [approved, rejected] = await Promise.all([submitDecision(w, 0, APPROVER_1, d), submitDecision(w, 1, APPROVER_2, d, 'reject', 'Not needed any more.')]);
    expect([approved, rejected].filter((r) => r.json?.errors === undefined)).toHaveLength(1);
    const dDecision = approved.json?.errors === undefined ? 'approved' : 'rejected';

    // a click on either replica after the decision says so, on both at once
    const clicks = await Promise.all([sendClick(end(0), APPROVER_1, ids.APPROVE_CASE, a), sendClick(end(1), APPROVER_2, ids.REJECT_CASE, a)]);
    for (const click of clicks) expect(click.reply).toBe(`${a} has already been decided.`);

    // the worker's leader dies mid-flow; the other replica takes over when the lease runs out
    const leader = await eventually(
      () => w.bots.findIndex((bot) => bot.logs().filter((l) => l.msg === 'worker lease taken' || l.msg === 'worker lease lost').pop()?.leader === true),
      (i) => i >= 0,
      20_000,
      'a worker leader',
    );
    await w.bots[leader]!.kill();
    count('killsAndRestarts');

    const approvedCases = dDecision === 'approved' ? [a, b, c, d] : [a, b, c];
    for (const id of approvedCases) await waitCompletedAfterKill(w, id);
    if (dDecision === 'rejected') await waitForCase(w, d, (x) => x.state === 'rejected', 10_000, 'rejected');
    await w.bots[leader]!.start();

    await expectExactlyOnce(w, approvedCases, started);
    const since = new Date(Date.now() - 10 * 60_000);
    // one decision per case (the other tests of the file decide cases of their own)
    const decided = (await auditSince(w, since)).filter((e) => (e.action === 'approved' || e.action === 'rejected') && [a, b, c, d].includes(e.caseId ?? ''));
    expect(decided.map((e) => e.caseId).sort()).toEqual([a, b, c, d].sort());
  }, 360_000);
});

describe('hostile requests', () => {
  it('a replayed signed request is refused, on the same replica or the other, and creates no second case', async () => {
    const before = (await w.store.listCasesByRequester(REQUESTER, 100)).length;
    const body = interactiveForm(requestSubmission(REQUESTER, newViewId(), { users: [], extraIds: '0d5f3c2a-1b4e-4c8d-9f00-123456789abc', ...VALID_FORM }));
    const headers = signedHeaders(SIGNING_SECRET, body);
    const first = await w.senders[0]!.raw(body, headers);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ response_action: 'update' });
    const replayedElsewhere = await w.senders[1]!.raw(body, headers);
    const replayedHere = await w.senders[0]!.raw(body, headers);
    count('inputsTried', 2);
    expect(replayedElsewhere.status).toBe(401);
    expect(replayedHere.status).toBe(401);
    // Bolt accepts `v0=<hex>=anything`: every variant of the header is still the same request
    for (const [what, signature] of signatureVariants(headers['x-slack-signature']!)) {
      for (const bot of [0, 1]) {
        const variant = await w.senders[bot]!.raw(body, { ...headers, 'x-slack-signature': signature });
        expect(variant.status, `${what}, on replica ${bot}`).toBe(401);
        count('replayVariantsRefused');
      }
    }
    expect((await w.store.listCasesByRequester(REQUESTER, 100)).length).toBe(before + 1);
    expect(first.body).toMatch(/GX-[0-9A-Z]{8}/);

    // a slash command is not claimed (a replay is harmless: it answers the original sender again)
    const command = commandForm({ text: 'help', userId: REQUESTER, responseUrl: `${w.fake.responseUrlBase}r-replay`, triggerId: newTriggerId(REQUESTER) });
    const commandHeaders = signedHeaders(SIGNING_SECRET, command);
    expect((await w.senders[1]!.raw(command, commandHeaders)).status).toBe(200);
    expect((await w.senders[0]!.raw(command, commandHeaders)).status).toBe(200);
    count('inputsTried', 1);
  });

  it('bad, missing and stale signatures, future timestamps, oversized bodies, forged users, other workspaces and tampered ids are refused and leave only audit entries', async () => {
    const { pending, pendingOfApprover, aboutApprover, done, doneOfOther } = await hostileFixtures();
    // the card of another case that APPROVER_2 may decide, in their DM: a real message to forge a click on
    const cardOfOther = dmOf(APPROVER_2).find((m) => buttonsOf(m).some((b) => b.action_id === ids.APPROVE_CASE && b.value === pending));
    if (!cardOfOther) throw new Error(`${pending}'s card is not in APPROVER_2's DM`);
    const doneCase = (await w.store.getCase(done))!;
    const otherCase = (await w.store.getCase(doneOfOther))!;
    const doneValue = ids.subjectButtonValue(done, doneCase.subjects[0]!.id);
    const otherValue = ids.subjectButtonValue(doneOfOther, otherCase.subjects[0]!.id);
    const casesBefore = await caseCounts();
    const snapshot = await durableState();
    const since = new Date();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const validBody = interactiveForm(requestSubmission(REQUESTER, newViewId(), { users: [], extraIds: '2e5f3c2a-1b4e-4c8d-9f00-123456789abc', ...VALID_FORM }));

    // --- transport: what Slack's signature check must stop (HTTP status only, nothing runs)
    const transport: Array<[string, string, Record<string, string>, number]> = [
      ['a wrong signature', validBody, { ...signedHeaders(SIGNING_SECRET, validBody), 'x-slack-signature': `v0=${'0'.repeat(64)}` }, 401],
      ['no signature headers', validBody, { 'content-type': 'application/x-www-form-urlencoded' }, 401],
      ['a timestamp but no signature', validBody, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(nowSeconds) }, 401],
      ['signed with another secret', validBody, signedHeaders('not-the-signing-secret', validBody), 401],
      ['a signature of other bytes', validBody, signedHeaders(SIGNING_SECRET, `${validBody}x`), 401],
      ['a timestamp 6 minutes old', validBody, signedHeaders(SIGNING_SECRET, validBody, nowSeconds - 6 * 60), 401],
      ['a timestamp 10 minutes in the future', validBody, signedHeaders(SIGNING_SECRET, validBody, nowSeconds + 10 * 60), 401],
      ['a timestamp that is not a number', validBody, { ...signedHeaders(SIGNING_SECRET, validBody), 'x-slack-request-timestamp': 'soon' }, 401],
    ];
    for (const [what, body, headers, status] of transport) {
      const res = await w.senders[0]!.raw(body, headers);
      expect(res.status, what).toBe(status);
    }
    const huge = `payload=${'x'.repeat(4 * 1024 * 1024 + 1024)}`;
    const oversized = await w.senders[1]!.raw(huge, signedHeaders(SIGNING_SECRET, huge)).then(
      (r) => r.status,
      (e: Error) => `connection error: ${e.message}`,
    );
    expect(oversized, 'a body over 4 MB').toBe(413);
    count('inputsTried', transport.length + 1);

    // --- identity and ids: signed correctly, refused by the bot with words for the person
    const s0 = end(0);
    const s1 = end(1);
    const refusals: Array<[string, () => Promise<string | undefined>, string]> = [
      ['a forged user who is not a requester, by command', async () => (await sendCommand(s0, OUTSIDER, `<@${ALICE}>`)).reply, 'Only the configured GDPR requesters can request exports. If your role needs it, ask the app’s administrator to add you to GDPR_REQUESTERS.'],
      [
        'a forged user who is not a requester, by form',
        async () => JSON.stringify((await w.senders[1]!.interactive(requestSubmission(OUTSIDER, newViewId(), { users: [ALICE], ...VALID_FORM }))).json?.errors),
        JSON.stringify({ [ids.SUBJECTS_BLOCK]: 'You are not allowed to request GDPR exports. Ask an administrator to add you (or a user group you belong to) to GDPR_REQUESTERS.' }),
      ],
      ['an approval click from a non-approver', async () => (await sendClick(s0, OUTSIDER, ids.APPROVE_CASE, pending)).reply, `Only the configured GDPR approvers can decide ${pending}.`],
      [
        'an approval from a non-approver, straight to the modal',
        async () => JSON.stringify((await w.senders[1]!.interactive(decisionSubmission(OUTSIDER, ids.APPROVE_MODAL, pending, null))).json?.errors),
        JSON.stringify({ [ids.NOTE_BLOCK]: `You are not an approver, so you cannot approve ${pending}. Approvers are listed in GDPR_APPROVERS.` }),
      ],
      ['an approval click from the requester', async () => (await sendClick(s1, REQUESTER, ids.APPROVE_CASE, pending)).reply, `You asked for ${pending} yourself, so another approver has to decide it.`],
      ['a rejection click from a requester who is also an approver', async () => (await sendClick(s0, REQUESTER_AND_APPROVER, ids.REJECT_CASE, pendingOfApprover)).reply, `You asked for ${pendingOfApprover} yourself, so another approver has to decide it.`],
      [
        'an approval by the requester who is also an approver, straight to the modal',
        async () => JSON.stringify((await w.senders[0]!.interactive(decisionSubmission(REQUESTER_AND_APPROVER, ids.APPROVE_MODAL, pendingOfApprover, null))).json?.errors),
        JSON.stringify({ [ids.NOTE_BLOCK]: `You made request ${pendingOfApprover}, so another approver must approve it.` }),
      ],
      ['an approval click from an approver who is a subject of the case', async () => (await sendClick(s1, APPROVER_2, ids.APPROVE_CASE, aboutApprover)).reply, notTheirs(aboutApprover)],
      [
        'an approval by an approver who is a subject of the case, straight to the modal',
        async () => JSON.stringify((await w.senders[0]!.interactive(decisionSubmission(APPROVER_2, ids.APPROVE_MODAL, aboutApprover, null))).json?.errors),
        JSON.stringify({ [ids.NOTE_BLOCK]: notTheirs(aboutApprover) }),
      ],
      [
        'a rejection button on another case’s card, forged by a subject to carry their own case’s id',
        async () => (await sendClick(s0, APPROVER_2, ids.REJECT_CASE, aboutApprover, { channelId: cardOfOther.channel, messageTs: cardOfOther.ts })).reply,
        notTheirs(aboutApprover),
      ],
      ['a command from another workspace', async () => (await w.senders[1]!.raw(...signedCommand(APPROVER_1, 'status', 'T0OTHER'))).json?.text, 'This GDPR export bot serves another Slack workspace, so it cannot take requests from here.'],
      ['an approval click from another workspace', async () => (await sendClick(s0, APPROVER_1, ids.APPROVE_CASE, pending, { teamId: 'T0OTHER', waitMs: 1_500 })).reply, '(nothing)'],
      [
        'an approval from another workspace, straight to the modal',
        async () => {
          const ack = (await w.senders[1]!.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, pending, null, 'T0OTHER'))).json;
          // the form is replaced by the refusal, not closed as if it had been accepted
          return ack?.response_action === 'update' ? JSON.stringify(ack.view.blocks.map((b: { text?: { text?: string } }) => b.text?.text)) : JSON.stringify(ack);
        },
        '["This GDPR export bot serves another Slack workspace, so it cannot take requests from here."]',
      ],
      [
        'an approval by a Slack Connect guest (a user of another workspace in our channel), straight to the modal',
        async () => {
          const payload = decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, pending, null) as { user: { team_id: string } };
          payload.user.team_id = 'T0GUEST';
          const ack = (await w.senders[0]!.interactive(payload)).json;
          return ack?.response_action === 'update' ? JSON.stringify(ack.view.blocks.map((b: { text?: { text?: string } }) => b.text?.text)) : JSON.stringify(ack);
        },
        '["This GDPR export bot serves another Slack workspace, so it cannot take requests from here."]',
      ],
      ['an approval button naming a case that does not exist', async () => (await sendClick(s1, APPROVER_1, ids.APPROVE_CASE, 'GX-ZZZZZZZZ')).reply, 'This request no longer exists: it may have been removed after its retention period.'],
      ['an approval button with a value that is no case id', async () => (await sendClick(s0, APPROVER_2, ids.APPROVE_CASE, '../../admin')).reply, 'This request no longer exists: it may have been removed after its retention period.'],
      [
        'an approval modal whose private_metadata names a case that does not exist',
        async () => JSON.stringify((await w.senders[0]!.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, 'GX-ZZZZZZZZ', null))).json?.errors),
        JSON.stringify({ [ids.NOTE_BLOCK]: 'There is no export request GX-ZZZZZZZZ. It may have been deleted after its retention period.' }),
      ],
      [
        'a rejection modal whose private_metadata is not a case id',
        async () => JSON.stringify((await w.senders[1]!.interactive(decisionSubmission(APPROVER_2, ids.REJECT_MODAL, '{"ch":"C0GENERAL"}', 'A good enough reason.'))).json?.errors),
        JSON.stringify({ [ids.REASON_BLOCK]: 'There is no export request {"ch":"C0GENERAL"}. It may have been deleted after its retention period.' }),
      ],
      ['a download button for someone else’s case', async () => downloadRefusal(0, REQUESTER, otherValue), `Only the person who requested ${doneOfOther} can download its exports.`],
      ['a download button whose value is no reference', async () => downloadRefusal(1, REQUESTER, 'GX-1|s1|extra'), 'This button does not point to an export.'],
      ['a download button for a subject that does not exist', async () => downloadRefusal(0, REQUESTER, ids.subjectButtonValue(done, 's9')), 'The export for s9 is not ready yet. You will get a message when it is.'],
      ['a retry button for someone else’s case', async () => (await sendClick(s1, REQUESTER, ids.RETRY_SUBJECT, otherValue)).reply, `Only the person who requested ${doneOfOther} can retry its exports.`],
      ['a retry button whose value is no reference', async () => (await sendClick(s0, REQUESTER, ids.RETRY_SUBJECT, '<script>')).reply, 'This button does not point to an export.'],
      ['a request-again button for someone else’s case', async () => (await sendClick(s1, REQUESTER, ids.REQUEST_AGAIN, otherValue)).reply, 'Only the person who made the original request can request this export again.'],
      ['a timeline button for someone else’s case', async () => (await sendClick(s0, REQUESTER, ids.BUILD_TIMELINE, doneOfOther)).reply, 'Only the person who made the request can build its conversation timeline.'],
      ['a timeline button for a case that does not exist', async () => (await sendClick(s1, REQUESTER, ids.BUILD_TIMELINE, 'GX-ZZZZZZZZ')).reply, 'Only the person who made the request can build its conversation timeline.'],
      ['a download button for my own case, clicked by someone else', async () => downloadRefusal(1, OUTSIDER, doneValue), `Only the person who requested ${done} can download its exports.`],
    ];
    const seen: string[] = [];
    for (const [what, send, expected] of refusals) {
      const got = (await send()) ?? '(nothing)';
      seen.push(what);
      expect(String(got), what).toBe(expected);
      if (expected.includes(notTheirs(aboutApprover))) count('subjectDecisionsRefused');
    }
    count('inputsTried', refusals.length);

    // nothing changed but the audit trail
    expect(await caseCounts()).toEqual(casesBefore);
    expect(await durableState()).toEqual(snapshot);
    expect((await w.store.getCase(pending))?.state).toBe('awaiting_approval');
    expect((await w.store.getCase(aboutApprover))?.state).toBe('awaiting_approval');
    const denied = (await auditSince(w, since)).filter((e) => e.action === 'denied').map((e) => e.detail);
    expect(denied).toEqual(
      expect.arrayContaining([
        'not_requester',
        'request_export:not_requester',
        `not_approver:${pending}`,
        'approve:not_approver',
        `self_approval:${pending}`,
        `self_approval:${pendingOfApprover}`,
        'approve:self_approval',
        `subject_of_request:${aboutApprover}`,
        'approve:subject_of_request',
        'other_workspace',
        'decision_on_unknown_case',
        'download:not_requester',
        'download_link_bad_reference',
        'retry_bad_reference',
        'request_again_not_allowed',
        'timeline_not_allowed',
      ]),
    );
    // the same refusal of the same person is one entry with a count (issue 11: no flooding)
    const otherWorkspace = (await auditSince(w, since)).filter((e) => e.action === 'denied' && e.detail === 'other_workspace');
    expect(otherWorkspace.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(4);
    // no approval was recorded while all this went on
    expect((await auditSince(w, since)).filter((e) => e.action !== 'denied').map((e) => e.action)).toEqual([]);
  });
});

describe('the logs and the store of this world', () => {
  it('no log line and no stored record holds a secret, a link, an email or chat text', async () => {
    // its own case through to the download link, so the check has something to look at when run alone
    const own = await requestCase(w, 0, REQUESTER, { users: [BOB] });
    await submitDecision(w, 1, APPROVER_1, own);
    await waitCompleted(w, own, 90_000);
    await waitOutboxDrained(w, 30_000);
    const secrets = [...STATIC_SECRETS, ...w.issuedTokens];
    const texts = [...w.bots.map((b) => b.lines.join('\n')), (await dumpPrefix(redis.url, w.prefix)).join('\n')];
    expect(texts.every((t) => t.length > 0)).toBe(true);
    expect(texts.flatMap((t) => findLeaks(t, secrets))).toEqual([]);
  });
});

/**
 * What the hostile test needs, made by it: three cases awaiting approval (one of the requester, one
 * of a requester who is also an approver, one about an approver) and two completed ones (of two
 * requesters). Each run makes new cases, so earlier tests of the file change nothing here.
 */
async function hostileFixtures() {
  const pending = await requestCase(w, 0, REQUESTER, { extraIds: '4e5f3c2a-1b4e-4c8d-9f00-123456789abc' });
  const pendingOfApprover = await requestCase(w, 1, REQUESTER_AND_APPROVER, { extraIds: '1e5f3c2a-1b4e-4c8d-9f00-123456789abc' });
  // an internal investigation of an approver: APPROVER_2 is its subject, so never one of its approvers
  const aboutApprover = await requestCase(w, 0, REQUESTER, { users: [APPROVER_2] });
  const done = await requestCase(w, 1, REQUESTER, { users: [ALICE] });
  const doneOfOther = await requestCase(w, 0, REQUESTER_AND_APPROVER, { users: [DANA] });
  await submitDecision(w, 0, APPROVER_1, done);
  await submitDecision(w, 1, APPROVER_2, doneOfOther);
  for (const id of [done, doneOfOther]) await waitCompleted(w, id, 90_000);
  // every card and ready message delivered: the hostile test compares the store before and after
  await waitForReadyDms(w, [done, doneOfOther]);
  await waitOutboxDrained(w, 90_000);
  expect(JSON.stringify(dmOf(APPROVER_2)), 'no card for the subject').not.toContain(aboutApprover);
  return { pending, pendingOfApprover, aboutApprover, done, doneOfOther };
}

/** the messages of a person's DM with the bot (they have one: cards of other cases went there) */
function dmOf(userId: string) {
  const channel = w.fake.dmChannelOf(userId);
  if (!channel) throw new Error(`no DM with ${userId}`);
  return w.fake.messages(channel);
}

/** the refusal an approver gets for a request about themselves: it does not say why (no tip-off) */
function notTheirs(caseId: string): string {
  return `You are not one of the approvers of ${caseId}, so you cannot decide it. Nothing was changed.`;
}

function signedCommand(userId: string, text: string, teamId: string): [string, Record<string, string>] {
  const body = commandForm({ text, userId, teamId, responseUrl: `${w.fake.responseUrlBase}r-other-${Date.now()}`, triggerId: newTriggerId(userId) });
  return [body, signedHeaders(SIGNING_SECRET, body)];
}

/** the refusal the download-link modal shows (the button opens a modal, then updates it) */
async function downloadRefusal(bot: number, userId: string, value: string): Promise<string | undefined> {
  const from = w.fake.calls.length;
  await sendClick(end(bot), userId, ids.GET_DOWNLOAD_LINK, value);
  const update = await nextCall(w.fake, 'views.update', from, 10_000).catch(() => undefined);
  const blocks = (update?.args.view as { blocks?: Array<{ text?: { text?: string } }> } | undefined)?.blocks ?? [];
  return blocks.map((b) => b.text?.text).filter(Boolean).join(' ') || undefined;
}

async function caseCounts(): Promise<number[]> {
  return Promise.all([REQUESTER, REQUESTER_AND_APPROVER, OUTSIDER, APPROVER_1, APPROVER_2].map(async (u) => (await w.store.listCasesByRequester(u, 500)).length));
}

/** every durable key of the prefix with its value: cases, indexes, timers, outbox, meta (not audit and its chain head, leases, locks or the call budget) */
async function durableState(): Promise<string[]> {
  const ephemeral = /:(audit|audit-head|audit-collapse:[^\t]*|lease:[^\t]*|lock:[^\t]*|budget:[^\t]*|pause:[^\t]*)\t/;
  return (await dumpPrefix(redis.url, w.prefix)).filter((line) => !ephemeral.test(line)).sort();
}
