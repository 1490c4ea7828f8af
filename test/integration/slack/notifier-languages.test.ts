/**
 * Each person reads in their own language: against the fake Slack (which returns each person's
 * locale with include_locale) and real Redis, a French requester gets the status message and its
 * replies in French, each approver's DM card is in their own language and is fingerprinted as it
 * shows, and the approval channel reads in DEFAULT_LOCALE.
 */
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack, type FakeSlackMessage } from '../../../dev/fake-slack/index.js';
import { createLogger } from '../../../src/logger.js';
import { SlackNotifier, cardsKey } from '../../../src/slack/slack-notifier.js';
import { createReaders } from '../../../src/slack/readers.js';
import { SlackDirectory } from '../../../src/slack/slack-directory.js';
import { createRedisStore } from '../../../src/store/index.js';
import type { RedisStore } from '../../../src/store/redis-store.js';
import { dispatchDueNotifications } from '../../../src/workflow/outbox.js';
import { notificationIds } from '../../../src/workflow/notifications.js';
import { ExportWorkflow } from '../../../src/workflow/export-workflow.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { deletePrefix } from '../store/redis-test-support.js';
import { APPROVER, APPROVER_2, FakeClock, FakeGenesys, REQUESTER, StaticMembership, workflowConfig } from '../../unit/workflow/fakes.js';
import { newCaseInput } from '../../unit/workflow/world.js';

const APPROVERS = [APPROVER, APPROVER_2];
const APPROVAL_CHANNEL = 'C0APPROVALS';
const SECOND = 1000;
const silent = createLogger({ level: 'silent' });

interface Setup {
  fake: FakeSlack;
  clock: FakeClock;
  store: RedisStore;
  workflow: ExportWorkflow;
  prefix: string;
  dispatch(): Promise<number>;
}

let s: Setup | undefined;

/** a French requester, an English approver and a French-Canadian one; the bot's default language is English */
async function setUp(opts: { approvalChannel?: string } = {}): Promise<Setup> {
  const fake = await startFakeSlack({
    users: [
      { id: REQUESTER, name: 'requester', real_name: 'Camille Requérante', locale: 'fr-FR', tz: 'Europe/Paris' },
      { id: APPROVER, name: 'approver1', real_name: 'Alex Approver', locale: 'en-GB' },
      { id: APPROVER_2, name: 'approver2', real_name: 'Dominique Approbatrice', locale: 'fr-CA' },
    ],
    channels: opts.approvalChannel ? [opts.approvalChannel] : undefined,
    channelMembers: opts.approvalChannel ? { [opts.approvalChannel]: APPROVERS } : undefined,
  });
  const clock = new FakeClock();
  const prefix = testRedisPrefix('notifier-languages');
  const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: silent, clock });
  const membership = new StaticMembership();
  const client = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  const directory = new SlackDirectory({ client });
  const readers = createReaders({ person: (id) => directory.person(id), defaultLocale: 'en' });
  const notifier = new SlackNotifier({
    client,
    store,
    membership,
    readers,
    logger: silent,
    approvers: APPROVERS,
    approvalChannel: opts.approvalChannel,
    timelineEnabled: false,
    refTtlMs: 86_400_000,
  });
  const workflow = new ExportWorkflow({ store, genesys: new FakeGenesys(clock), membership, clock, logger: silent, config: workflowConfig({ approvers: APPROVERS }) });
  return {
    fake,
    clock,
    store,
    workflow,
    prefix,
    dispatch: () => dispatchDueNotifications({ store, holderId: 'test-worker', notifier, clock, logger: silent }, 50),
  };
}

afterEach(async () => {
  if (!s) return;
  await s.fake.close();
  await s.store.close();
  await deletePrefix(testRedisUrl(), s.prefix);
  s = undefined;
});

async function newCase(setup: Setup): Promise<ExportCase> {
  const r = await setup.workflow.requestExport(newCaseInput(2));
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.value;
}

const notificationOf = (m: FakeSlackMessage) => (m.metadata as { event_payload?: { notification_id?: string } } | undefined)?.event_payload?.notification_id;
/** everything a message shows: its notification text and its blocks */
const shown = (m: FakeSlackMessage | undefined) => JSON.stringify([m?.text, m?.blocks ?? null]);

function messagesOf(setup: Setup, userId: string): FakeSlackMessage[] {
  const channel = setup.fake.dmChannelOf(userId);
  return channel ? setup.fake.messages(channel) : [];
}

function cardIn(setup: Setup, channel: string | undefined, caseId: string): FakeSlackMessage | undefined {
  return (channel ? setup.fake.messages(channel) : []).find((m) => notificationOf(m) === notificationIds.approvalRequested(caseId));
}

describe('each recipient reads in their own language', () => {
  it('approval cards by DM: the English approver in English, the French one in French; the French requester in French, from the status message to the replies', async () => {
    s = await setUp();
    const c = await newCase(s);
    await s.dispatch();

    const english = cardIn(s, s.fake.dmChannelOf(APPROVER), c.id);
    const french = cardIn(s, s.fake.dmChannelOf(APPROVER_2), c.id);
    expect(english?.text).toContain(`GDPR export ${c.id} from <@${REQUESTER}> (2 people, Data subject access request) is waiting for your approval.`);
    expect(shown(english)).toContain('"text":"Approve"');
    expect(shown(english)).not.toMatch(/RGPD|Approuver/);
    expect(french?.text).toContain(`Export RGPD ${c.id} demandé par <@${REQUESTER}> (2 personnes, Demande d’accès de la personne concernée)\u00a0: en attente de votre approbation.`);
    expect(shown(french)).toContain('"text":"Approuver"');
    expect(shown(french)).toContain('1er avril 2025');
    expect(shown(french)).not.toMatch(/GDPR export|"Approve"/);

    const status = messagesOf(s, REQUESTER).find((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(status?.text).toBe(`Export RGPD ${c.id}\u00a0: En attente d’approbation (0 prêt sur 2).`);
    expect(shown(status)).toContain('Retirer la demande');

    // the decision: each card shows it in its own language, and the requester hears it in French.
    // The reply fails once: its retry finds each card showing what it would show, fingerprinted
    // in its own language, and updates neither again.
    const decided = await s.workflow.approve(c.id, APPROVER, 'ok');
    if (!decided.ok) throw new Error(decided.refusal.code);
    s.fake.failWith('chat.postMessage', 'channel_not_found');
    await s.dispatch();
    expect(shown(cardIn(s, s.fake.dmChannelOf(APPROVER), c.id))).toContain(`Approved by <@${APPROVER}>`);
    expect(shown(cardIn(s, s.fake.dmChannelOf(APPROVER_2), c.id))).toContain(`Approuvée par <@${APPROVER}>`);
    const updates = s.fake.callsTo('chat.update').length;
    s.clock.advance(5 * SECOND);
    await s.dispatch();
    expect(s.fake.callsTo('chat.update').length, 'no card or status update repeated').toBe(updates);
    const reply = messagesOf(s, REQUESTER).find((m) => notificationOf(m) === notificationIds.caseDecided(c.id));
    expect(reply?.text).toBe(
      `:white_check_mark: <@${APPROVER}> a approuvé l’export RGPD ${c.id}. Le bot envoie à Genesys Cloud les demandes d’export pour 2 personnes\u00a0; vous recevrez ici un message dès que chaque export sera prêt.`,
    );
  });

  it('a card recorded by v0.1.0 (no approver, no fingerprint) is updated in its approver\'s language, found by their DM', async () => {
    s = await setUp();
    const c = await newCase(s);
    await s.dispatch();
    const refs = (await s.store.getMeta<Array<{ channel: string; ts: string }>>(cardsKey(c.id))) ?? [];
    await s.store.setMeta(cardsKey(c.id), refs.map(({ channel, ts }) => ({ channel, ts })), 86_400_000);

    const decided = await s.workflow.reject(c.id, APPROVER, 'Too broad');
    if (!decided.ok) throw new Error(decided.refusal.code);
    await s.dispatch();
    expect(shown(cardIn(s, s.fake.dmChannelOf(APPROVER), c.id))).toContain(`Rejected by <@${APPROVER}>: Too broad`);
    expect(shown(cardIn(s, s.fake.dmChannelOf(APPROVER_2), c.id))).toMatch(/Refusée par <@UAPPROVER1>[ \u00a0]: Too broad/);
  });

  it('the approval channel reads in DEFAULT_LOCALE, while the French requester still reads French', async () => {
    s = await setUp({ approvalChannel: APPROVAL_CHANNEL });
    const c = await newCase(s);
    await s.dispatch();

    const card = cardIn(s, APPROVAL_CHANNEL, c.id);
    expect(card?.text).toContain(`GDPR export ${c.id} from <@${REQUESTER}>`);
    expect(shown(card)).not.toContain('RGPD');
    expect(s.fake.dmChannelOf(APPROVER)).toBeUndefined();

    const status = messagesOf(s, REQUESTER)[0];
    expect(status?.text).toContain(`Export RGPD ${c.id}\u00a0: En attente d’approbation`);

    const rejected = await s.workflow.reject(c.id, APPROVER_2, 'Trop large');
    if (!rejected.ok) throw new Error(rejected.refusal.code);
    await s.dispatch();
    expect(shown(cardIn(s, APPROVAL_CHANNEL, c.id))).toContain(`Rejected by <@${APPROVER_2}>: Trop large`);
    const reply = messagesOf(s, REQUESTER).find((m) => notificationOf(m) === notificationIds.caseDecided(c.id));
    expect(reply?.text).toContain(`<@${APPROVER_2}> a refusé l’export RGPD ${c.id}\u00a0: Trop large.`);
  });
});
