/**
 * The outbox and the Slack notifier together, against the fake Slack over HTTP and real Redis: a
 * notification that posts several messages and fails part-way posts only the missing ones when it
 * is retried, never one twice, and never posts while it cannot tell what Slack already shows.
 */
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../../../dev/fake-slack/index.js';
import { createLogger } from '../../../src/logger.js';
import { NOTIFICATION_EVENT_TYPE, SlackNotifier } from '../../../src/slack/slack-notifier.js';
import { createReaders } from '../../../src/slack/readers.js';
import { createRedisStore } from '../../../src/store/index.js';
import type { RedisStore } from '../../../src/store/redis-store.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { newNotification, notificationIds } from '../../../src/workflow/notifications.js';
import { dispatchDueNotifications } from '../../../src/workflow/outbox.js';
import { ExportWorkflow } from '../../../src/workflow/export-workflow.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { deletePrefix } from '../store/redis-test-support.js';
import { APPROVER, APPROVER_2, FakeClock, FakeGenesys, REQUESTER, StaticMembership, workflowConfig } from '../../unit/workflow/fakes.js';
import { newCaseInput } from '../../unit/workflow/world.js';

const APPROVER_3 = 'UAPPROVER3';
const APPROVERS = [APPROVER, APPROVER_2, APPROVER_3];
const SECOND = 1000;
const silent = createLogger({ level: 'silent' });

interface Setup {
  fake: FakeSlack;
  clock: FakeClock;
  store: RedisStore;
  workflow: ExportWorkflow;
  notifier: SlackNotifier;
  client: WebClient;
  prefix: string;
  /** runs once for each call the fake records, before it answers (so it can arm the next fault) */
  onCall(hook: (call: RecordedCall) => void): void;
  /** one outbox pass, as the worker makes it */
  dispatch(): Promise<number>;
}

let s: Setup;

beforeEach(async () => {
  const fake = await startFakeSlack({
    users: [REQUESTER, ...APPROVERS].map((id) => ({ id, name: id.toLowerCase(), real_name: id })),
  });
  const hooks: Array<(call: RecordedCall) => void> = [];
  const push = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...items: RecordedCall[]) => {
    const n = push(...items);
    for (const item of items) for (const hook of hooks) hook(item);
    return n;
  };
  const clock = new FakeClock();
  const prefix = testRedisPrefix('notifier');
  const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: silent, clock });
  const membership = new StaticMembership();
  const client = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  const notifier = new SlackNotifier({ client, store, membership, readers: createReaders({ person: async () => undefined, defaultLocale: 'en' }), logger: silent, approvers: APPROVERS, timelineEnabled: false, refTtlMs: 86_400_000 });
  const workflow = new ExportWorkflow({ store, genesys: new FakeGenesys(clock), membership, clock, logger: silent, config: workflowConfig({ approvers: APPROVERS }) });
  s = {
    fake,
    clock,
    store,
    workflow,
    notifier,
    client,
    prefix,
    onCall: (hook) => void hooks.push(hook),
    dispatch: () => dispatchDueNotifications({ store, holderId: 'test-worker', notifier, clock, logger: silent }, 50),
  };
});

afterEach(async () => {
  await s.fake.close();
  await s.store.close();
  await deletePrefix(testRedisUrl(), s.prefix);
});

async function newCase(): Promise<ExportCase> {
  const r = await s.workflow.requestExport(newCaseInput(1));
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.value;
}

/** fails the `nth` successful-so-far call to `method` onwards once: the call after the (nth-1)th success */
function failNthCall(method: string, nth: number, error: string): void {
  let seen = 0;
  let armed = false;
  if (nth === 1) {
    s.fake.failWith(method, error);
    return;
  }
  s.onCall((call) => {
    if (armed || call.method !== method || !call.ok) return;
    seen += 1;
    if (seen === nth - 1) {
      armed = true;
      s.fake.failWith(method, error);
    }
  });
}

/** the first approver's card, posted as v0.1.0 posted it (notification id in metadata); resolves the DM */
async function postFirstCardAsV010(caseId: string): Promise<string> {
  const dm = (await s.client.conversations.open({ users: APPROVER })).channel!.id!;
  await s.client.chat.postMessage({
    channel: dm,
    text: 'card',
    metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { notification_id: notificationIds.approvalRequested(caseId), case_id: caseId } },
  });
  return dm;
}

/** approval cards of the case in each approver's DM, by approver */
function cardsPerApprover(caseId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const approver of APPROVERS) {
    const channel = s.fake.dmChannelOf(approver);
    out[approver] = (channel ? s.fake.messages(channel) : []).filter(
      (m) => (m.metadata as { event_payload?: { notification_id?: string } } | undefined)?.event_payload?.notification_id === notificationIds.approvalRequested(caseId),
    ).length;
  }
  return out;
}

const oneEach = Object.fromEntries(APPROVERS.map((a) => [a, 1]));
const cardPosts = () => s.fake.callsTo('chat.postMessage').filter((c) => (c.args.metadata as { event_payload?: { notification_id?: string } } | undefined)?.event_payload?.notification_id?.endsWith(':approval_requested'));

describe('a notification with several messages, failing part-way', () => {
  it('the 2nd of 3 approval cards fails: the retry posts only the two missing cards', async () => {
    const c = await newCase();
    failNthCall('chat.postMessage', 2, 'channel_not_found');
    await s.dispatch();
    expect(cardPosts().map((p) => p.ok)).toEqual([true, false]);
    expect(await s.store.getNotification(notificationIds.approvalRequested(c.id))).toMatchObject({ status: 'pending', attempts: 1, lastError: 'channel_not_found' });

    s.clock.advance(5 * SECOND);
    await s.dispatch();
    expect(cardsPerApprover(c.id)).toEqual(oneEach);
    expect(cardPosts().filter((p) => p.ok)).toHaveLength(3);
    expect(await s.store.getNotification(notificationIds.approvalRequested(c.id))).toMatchObject({ status: 'sent' });
  });

  it('when the "already sent?" look-up fails, nothing is posted until a later look-up answers', async () => {
    const c = await newCase();
    failNthCall('chat.postMessage', 2, 'channel_not_found');
    await s.dispatch();

    s.fake.failWith('conversations.history', 'internal_error');
    s.clock.advance(5 * SECOND);
    const postsBefore = s.fake.callsTo('chat.postMessage').length;
    await s.dispatch();
    expect(s.fake.callsTo('chat.postMessage').length, 'nothing posted blind').toBe(postsBefore);
    const entry = await s.store.getNotification(notificationIds.approvalRequested(c.id));
    expect(entry).toMatchObject({ status: 'pending', attempts: 2, lastError: 'internal_error' });

    s.clock.advance(10 * SECOND);
    await s.dispatch();
    expect(cardsPerApprover(c.id)).toEqual(oneEach);
    expect(await s.store.getNotification(notificationIds.approvalRequested(c.id))).toMatchObject({ status: 'sent' });
  });

  it('an entry v0.1.0 left after a partial failure (no progress recorded) is checked against Slack, not posted again', async () => {
    const c = await newCase();
    // what v0.1.0 left: the first card posted (with its notification id in metadata), the entry
    // back to pending after the second failed, and no record of which parts went out
    await postFirstCardAsV010(c.id);
    await s.store.updateNotification(notificationIds.approvalRequested(c.id), { status: 'pending', attempts: 1, lastError: 'channel_not_found' });

    await s.dispatch();
    expect(cardsPerApprover(c.id)).toEqual(oneEach);
  });

  it('the look-up pages back to when the entry was made: a card under 120 later messages is still found', async () => {
    const c = await newCase();
    const dm = await postFirstCardAsV010(c.id);
    for (let i = 0; i < 120; i++) await s.client.chat.postMessage({ channel: dm, text: `later message ${i}` });
    await s.store.updateNotification(notificationIds.approvalRequested(c.id), { status: 'pending', attempts: 1, lastError: 'request_timeout' });

    await s.dispatch();
    expect(cardsPerApprover(c.id)).toEqual(oneEach);
  });

  it('a decision whose reply fails is retried without updating the cards and the status message again', async () => {
    const c = await newCase();
    await s.dispatch();
    const decided = await s.workflow.approve(c.id, APPROVER, 'fine');
    if (!decided.ok) throw new Error(decided.refusal.code);
    failNthCall('chat.postMessage', 1, 'channel_not_found');
    await s.dispatch();
    const updatesAfterFirstTry = s.fake.callsTo('chat.update').length;
    expect(await s.store.getNotification(notificationIds.caseDecided(c.id))).toMatchObject({ status: 'pending', attempts: 1 });

    s.clock.advance(5 * SECOND);
    await s.dispatch();
    expect(await s.store.getNotification(notificationIds.caseDecided(c.id))).toMatchObject({ status: 'sent' });
    expect(s.fake.callsTo('chat.update').length, 'no update repeated').toBe(updatesAfterFirstTry);
    const replies = s.fake.callsTo('chat.postMessage').filter((p) => p.ok && p.args.thread_ts !== undefined);
    expect(replies).toHaveLength(1);
  });

  it('a status refresh that would show what the status message already shows makes no chat.update; a v0.1.0 record without a fingerprint is updated once', async () => {
    const c = await newCase();
    await s.dispatch();
    const updates = () => s.fake.callsTo('chat.update').length;
    const before = updates();
    // a case_status for a version that changed nothing the requester sees
    const unchanged = await s.store.updateCase(c.id, (x) => ({ ...x }));
    await s.store.enqueueNotification(newNotification(notificationIds.caseStatus(unchanged!.updated), 'case_status', c.id, s.clock.now()));
    await s.dispatch();
    expect(updates(), 'identical update skipped').toBe(before);

    // the status message's record as v0.1.0 wrote it (no fingerprint): unknown, so it is updated
    const key = `slack:status:${c.id}`;
    const record = await s.store.getMeta<{ channel: string; ts: string; fingerprint?: string }>(key);
    await s.store.setMeta(key, { channel: record!.channel, ts: record!.ts });
    const again = await s.store.updateCase(c.id, (x) => ({ ...x }));
    await s.store.enqueueNotification(newNotification(notificationIds.caseStatus(again!.updated), 'case_status', c.id, s.clock.now()));
    await s.dispatch();
    expect(updates()).toBe(before + 1);
  });
});
