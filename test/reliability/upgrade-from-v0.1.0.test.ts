/**
 * Upgrading a deployment of v0.1.0 (commit 32474e8, built from git by `support/old-release.ts`)
 * to this code, on Redis and on the embedded store, from data the old release wrote itself.
 *
 * v0.1.0 runs as a real process against the fake Slack and the Genesys simulator and leaves cases
 * in every state: awaiting approval with its card posted (A), a reject dialog opened from its card
 * but not submitted (R), approved and being polled (P), completed with its ready DM (C), failed
 * (F), rejected (J), expired (X), and one whose card could not be posted yet (Q: pending outbox
 * entries), with their timers and audit entries. Then this code starts on the same store and every
 * case is driven to its end: the old card's buttons and the old dialog decide, polling resumes and
 * each export is announced once, the old download and timeline buttons work, a due reminder and a
 * due purge happen once, pending notifications are delivered once, and `npm run audit` exports old and new entries;
 * the old entries are sealed into the audit chain's genesis at start-up and `--verify` accepts them as that segment.
 *
 * Time passing (an approval expiring, a retention period ending) is played while no bot runs by
 * moving into the past the case's own time field and the timer v0.1.0 set for it; everything else
 * is what the old release stored.
 * Both stores run side by side: the file takes about 80 to 90 s (most of it P's 45 s export and the
 * bot starts), within the suite's budget of a few minutes.
 *
 * A change to stored data or to what messages carry adds its checks here: what v0.1.0 left behind
 * (before the new version starts) and what the new version must make of it (after).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  blockActionPayload,
  createSlackSender,
  startFakeSlack,
  viewSubmissionPayload,
  type FakeSlack,
  type FakeSlackMessage,
  type SlackSender,
} from '../../dev/fake-slack/index.js';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { createSqliteStore, createRedisStore } from '../../src/store/index.js';
import { CURRENT_SCHEMA, SCHEMA_META_KEY } from '../../src/workflow/migrations.js';
import type { AuditEntry, ExportCase } from '../../src/workflow/model.js';
import type { TimerKey, WorkflowStore } from '../../src/workflow/ports.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  BOB,
  DANA,
  GENESYS_BOB,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  REQUESTER_GROUP,
  SLACK_USERS,
  TEAM,
  buttonsOf,
} from '../e2e/harness.js';
import { BotProcess, REPO_ROOT } from './support/bot-process.js';
import { count, finishFile, saveArtifact } from './support/ledger.js';
import { prepareRelease, V0_1_0_COMMIT, type PreparedRelease } from './support/old-release.js';
import { startPrivateRedis, type PrivateRedis } from './support/redis-server.js';
import { eventually, freePort } from './support/util.js';
import {
  BOT_TOKEN,
  GENESYS_SECRET,
  SIGNING_SECRET,
  STATIC_SECRETS,
  botEnv,
  duplicateDeliveries,
  requestCase,
  startLoginTap,
  submitDecision,
  type World,
} from './support/world.js';

const run = promisify(execFile);
const silent = pino({ level: 'silent' });
const GENESYS_DANA = 'da1a0000-0000-4000-8000-000000000004';
const APPROVALS = 'C0APPROVALS';
/** P's export outlasts the old release's last run, so the new one must resume polling it */
const SLOW_EXPORT_MS = 45_000;
/**
 * The action ids on the messages v0.1.0 posted (its src/slack/views/ids.ts), written out: the test
 * clicks what the old messages carry, so a rename in the new code cannot follow along unnoticed.
 */
const V0_1_0_ACTIONS = { approve: 'approve_case', reject: 'reject_case', download: 'get_download_link', timeline: 'build_timeline' } as const;
/** RECORD_RETENTION_DAYS, the default */
const RETENTION_DAYS = 90;

let redis: PrivateRedis;
let oldRelease: PreparedRelease;

beforeAll(async () => {
  oldRelease = prepareRelease(V0_1_0_COMMIT);
  redis = await startPrivateRedis('upgrade');
}, 600_000);

afterAll(async () => {
  await redis?.destroy();
  expect(finishFile(fileURLToPath(import.meta.url))).toEqual([]);
});

/** the bots' store, seen from the test: Redis at any time, the embedded file only while no bot runs */
interface StoreAccess {
  env: Record<string, string>;
  /** runs `use` on a store handle (for the embedded store: opened for the call, then closed) */
  with<T>(use: (s: WorkflowStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function redisAccess(): Promise<StoreAccess> {
  const prefix = `gdpr-upgrade:${Math.random().toString(36).slice(2, 8)}:`;
  const store = await createRedisStore({ url: redis.url, prefix, logger: silent });
  return { env: { REDIS_URL: redis.url, REDIS_PREFIX: prefix }, with: (use) => use(store), close: () => store.close() };
}

async function embeddedAccess(): Promise<StoreAccess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gdpr-upgrade-data-'));
  return {
    env: { DATA_DIR: dataDir },
    async with(use) {
      const store = await createSqliteStore({ dataDir, logger: silent });
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    },
    close: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

interface Upgrade {
  label: string;
  fake: FakeSlack;
  sim: GenesysSimulator;
  sender: SlackSender;
  store: StoreAccess;
  oldBot: BotProcess;
  newBot: BotProcess;
  /** the shape the world helpers need */
  world: World;
}

async function caseOf(u: Upgrade, id: string): Promise<ExportCase | undefined> {
  return u.store.with((s) => s.getCase(id));
}

async function waitCase(u: Upgrade, id: string, what: string, predicate: (c: ExportCase) => boolean, timeoutMs = 60_000): Promise<ExportCase> {
  return (await eventually(() => caseOf(u, id), (c) => c !== undefined && predicate(c), timeoutMs, `${u.label}: ${id} ${what}`, 300))!;
}

async function pendingNotifications(u: Upgrade): Promise<string[]> {
  return u.store.with(async (s) => (await s.dueNotifications(new Date(Date.now() + 86_400_000), 500)).map((n) => `${n.id}:${n.status}`));
}

async function waitOutboxDrained(u: Upgrade, timeoutMs = 60_000): Promise<void> {
  await eventually(() => pendingNotifications(u), (ns) => ns.length === 0, timeoutMs, `${u.label}: every notification delivered`, 300);
}

/**
 * Plays time passing while no bot runs: the case's own clock field (when its approval expires,
 * when it finished) and the timer v0.1.0 set for it are moved into the past, as if the days had gone by.
 */
async function letTimePass(u: Upgrade, key: TimerKey, caseId: string, age?: (c: ExportCase, past: Date) => ExportCase): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await u.store.with(async (s) => {
    expect((await s.dueTimers(new Date(Date.now() + 400 * 86_400_000), 10_000)).includes(key), `${u.label}: v0.1.0 set ${key}`).toBe(true);
    if (age) expect(await s.updateCase(caseId, (c) => age(c, past))).toBeDefined();
    await s.setTimer(key, past);
  });
}

/** messages in a channel that carry an outbox id in their metadata */
function messagesOfNotification(u: Upgrade, channel: string, notificationId: string): FakeSlackMessage[] {
  return u.fake
    .messages(channel)
    .filter((m) => (m.metadata as { event_payload?: { notification_id?: string } } | undefined)?.event_payload?.notification_id === notificationId);
}

/** duplicateDeliveries, without counting the timeline's file message as a second status message */
function duplicatesBesidesFiles(u: Upgrade): string[] {
  const fake = {
    callsTo: (method: string) => u.fake.callsTo(method),
    messages: (channel?: string) => u.fake.messages(channel).filter((m) => (m as { files?: unknown }).files === undefined),
  };
  return duplicateDeliveries({ fake } as unknown as World);
}

/** a case as if it had been made `ms` earlier */
function shiftedBack(c: ExportCase, ms: number): ExportCase {
  const back = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
  return { ...c, createdAt: back(c.createdAt), receivedAt: back(c.receivedAt), ...(c.dueAt ? { dueAt: back(c.dueAt) } : {}), approval: { ...c.approval, expiresAt: c.approval.expiresAt && back(c.approval.expiresAt) } };
}

/** approval cards of a case in the approval channel */
function approvalCardsOf(u: Upgrade, caseId: string): FakeSlackMessage[] {
  return messagesOfNotification(u, APPROVALS, `${caseId}:approval_requested`);
}

/** the requester's DM messages offering a button, for one case */
function dmWithButton(u: Upgrade, actionId: string, value: string): FakeSlackMessage[] {
  const channel = u.fake.dmChannelOf(REQUESTER);
  return (channel ? u.fake.messages(channel) : []).filter((m) => buttonsOf(m).some((b) => b.action_id === actionId && b.value === value));
}

function approvalCard(u: Upgrade, caseId: string): FakeSlackMessage | undefined {
  return approvalCardsOf(u, caseId)[0];
}

/** ready DMs (messages with the Get download link button) for the first subject of a case */
function readyDms(u: Upgrade, caseId: string): FakeSlackMessage[] {
  return dmWithButton(u, V0_1_0_ACTIONS.download, `${caseId}|s1`);
}

/** Clicks a button of a message exactly as Slack sends it: the message's own action id, value, blocks, channel and ts. */
async function clickOn(u: Upgrade, userId: string, message: FakeSlackMessage, actionId: string) {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!button) throw new Error(`${u.label}: no ${actionId} button on the message`);
  const from = u.fake.calls.length;
  const res = await u.sender.interactive(
    blockActionPayload({
      userId,
      teamId: TEAM,
      actionId: button.action_id,
      value: button.value ?? '',
      container: { type: 'message', channelId: message.channel, messageTs: message.ts },
      message: { text: message.text ?? '', blocks: message.blocks ?? [] },
    }),
  );
  expect(res.status, `${u.label}: ${actionId} click answered`).toBe(200);
  return { from, triggerId: res.triggerId };
}

/** the modal the bot opened for a click (views.open with the click's trigger id) */
async function openedFor(u: Upgrade, triggerId: string | undefined) {
  const call = await u.fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId, 20_000);
  const view = call.args.view as { callback_id: string; private_metadata: string };
  const stored = [...u.fake.views().values()].filter((v) => v.view?.callback_id === view.callback_id && v.view?.private_metadata === view.private_metadata).pop();
  if (!stored) throw new Error(`${u.label}: the modal opened for ${view.callback_id} is not in the fake`);
  return { id: stored.id, callbackId: view.callback_id, privateMetadata: view.private_metadata };
}

async function submitModal(u: Upgrade, userId: string, modal: { id: string; callbackId: string; privateMetadata: string }, block: string, action: string, text: string | null) {
  const res = await u.sender.interactive(
    viewSubmissionPayload({
      userId,
      teamId: TEAM,
      view: { id: modal.id, callback_id: modal.callbackId, private_metadata: modal.privateMetadata, state_values: { [block]: { [action]: { type: 'plain_text_input', value: text } } } },
    }),
  );
  expect(res.status).toBe(200);
  // an accepted submission closes the modal: no field errors
  expect(res.json?.response_action, `${u.label}: ${modal.callbackId} accepted (${res.body.slice(0, 300)})`).toBeUndefined();
}

async function auditExport(u: Upgrade): Promise<AuditEntry[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/audit-export.ts', '--since', '2020-01-01', '--format', 'jsonl'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...u.store.env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as AuditEntry);
}

/** `npm run audit -- --verify` on the bots' store, as an operator runs it */
async function auditVerify(u: Upgrade): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/audit-export.ts', '--verify'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...u.store.env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

async function startUpgrade(label: string, store: StoreAccess): Promise<Upgrade & { close(): Promise<void> }> {
  const fake = await startFakeSlack({
    users: SLACK_USERS,
    usergroups: { [REQUESTER_GROUP]: [REQUESTER, REQUESTER_AND_APPROVER] },
    channels: ['C0GENERAL', APPROVALS],
  });
  const sim = await startGenesysSimulator({ exportDurationMs: (userId) => (userId === GENESYS_BOB ? SLOW_EXPORT_MS : 1_500), failUserIds: [GENESYS_DANA] });
  const issuedTokens = new Set<string>();
  const loginTap = await startLoginTap(sim, issuedTokens);
  const env: Record<string, string> = { ...botEnv(fake, sim, loginTap.url), GDPR_APPROVAL_CHANNEL: APPROVALS, ...store.env };
  // one port for both versions: Slack's request URL does not change across an upgrade
  const port = await freePort();
  const oldBot = new BotProcess({ name: `${label}-v0.1.0`, port, env, cwd: oldRelease.dir, node: oldRelease.node });
  const newBot = new BotProcess({ name: `${label}-new`, port, env });
  const sender = createSlackSender({ appUrl: oldBot.eventsUrl, signingSecret: SIGNING_SECRET, responseUrlBase: fake.responseUrlBase, teamId: TEAM });
  const world = { label, fake, sim, senders: [sender] } as unknown as World;
  return {
    label,
    fake,
    sim,
    sender,
    store,
    oldBot,
    newBot,
    world,
    async close() {
      await oldBot.stop();
      await newBot.stop();
      const secrets = [...STATIC_SECRETS, ...issuedTokens];
      saveArtifact(`${label}-v0.1.0-log`, oldBot.lines, secrets);
      saveArtifact(`${label}-new-log`, newBot.lines, secrets);
      // RELIABILITY_LOG_DIR=/some/dir keeps each bot's log for a look after the run
      const keep = process.env.RELIABILITY_LOG_DIR;
      if (keep) for (const bot of [oldBot, newBot]) writeFileSync(join(keep, `${bot.options.name}.log`), bot.lines.join('\n'));
      await store.close().catch(() => undefined);
      await loginTap.close();
      await fake.close();
      await sim.close();
    },
  };
}

async function upgradeScenario(label: string, store: StoreAccess): Promise<void> {
  const u = await startUpgrade(label, store);
  try {
    // ------------------------------------------------ v0.1.0, first run: a case in each state
    await u.oldBot.start();
    count('botProcesses');
    const request = (users: string[]) => requestCase(u.world, 0, REQUESTER, { users });
    const A = await request([ALICE]); // approved after the upgrade, on its old card
    const R = await request([ALICE]); // its reject dialog opened by v0.1.0, submitted after
    const C = await request([ALICE]); // completed before, download link after
    const F = await request([DANA]); // failed
    const J = await request([ALICE]); // rejected, then purged after the upgrade
    const X = await request([ALICE]); // expired
    const P = await request([BOB]); // approved in the second run, polled across the upgrade
    for (const id of [A, R, C, F, J, X, P]) await eventually(() => approvalCard(u, id), (m) => m !== undefined, 30_000, `${label}: approval card of ${id}`);

    await submitDecision(u.world, 0, APPROVER_1, C);
    await submitDecision(u.world, 0, APPROVER_1, F);
    await submitDecision(u.world, 0, APPROVER_2, J, 'reject', 'Not justified enough.');
    const rejectClick = await clickOn(u, APPROVER_2, approvalCard(u, R)!, V0_1_0_ACTIONS.reject);
    const oldRejectDialog = await openedFor(u, rejectClick.triggerId);
    expect(oldRejectDialog).toMatchObject({ callbackId: ids.REJECT_MODAL });

    await waitCase(u, C, 'completed', (c) => c.state === 'completed');
    await waitCase(u, F, 'failed', (c) => c.state === 'failed');
    await waitCase(u, J, 'rejected', (c) => c.state === 'rejected');
    await eventually(() => readyDms(u, C).length, (n) => n === 1, 30_000, `${label}: C's ready DM`);
    await waitOutboxDrained(u);
    await u.oldBot.stop();

    // ------------------------------------------------ v0.1.0, second run: X expires, P is submitted, Q's card fails to post
    await letTimePass(u, `approval-expire:${X}`, X, (c, past) => ({ ...c, approval: { ...c.approval, expiresAt: past.toISOString() } }));
    await u.oldBot.start();
    count('botProcesses');
    await waitCase(u, X, 'expired', (c) => c.state === 'approval_expired');
    await submitDecision(u.world, 0, APPROVER_1, P);
    await waitCase(u, P, 'submitted', (c) => c.subjects[0]?.state === 'submitted');
    await waitOutboxDrained(u);
    u.fake.failWith('chat.postMessage', 'internal_error', 2);
    const Q = await request([ALICE]);
    await eventually(() => u.oldBot.logs().filter((l) => l.msg === 'notification not delivered; will retry').length, (n) => n >= 1, 30_000, `${label}: a notification left to retry`);
    await u.oldBot.stop();

    // ------------------------------------------------ what v0.1.0 left behind
    const leftPending = await pendingNotifications(u);
    expect(leftPending.length, `${label}: outbox entries pending at the upgrade`).toBeGreaterThan(0);
    expect(approvalCard(u, Q), `${label}: Q's card not posted by v0.1.0`).toBeUndefined();
    const polled = (await caseOf(u, P))?.subjects[0];
    expect(polled).toMatchObject({ state: 'submitted', requestId: expect.any(String) });
    expect((await caseOf(u, A))?.state).toBe('awaiting_approval');
    expect(await u.store.with((s) => s.getMeta(SCHEMA_META_KEY)), 'v0.1.0 writes no schema record').toBeUndefined();
    const upgradedAt = new Date();
    // J's retention has run out while the bot was being upgraded
    // 40 of A's 72 approval hours have passed: its reminder (at half time) is due
    await letTimePass(u, `approval-remind:${A}`, A, (c) => shiftedBack(c, 40 * 3_600_000));
    await letTimePass(u, `purge:${J}`, J, (c, past) => ({ ...c, finishedAt: new Date(past.getTime() - RETENTION_DAYS * 86_400_000).toISOString() }));

    // ------------------------------------------------ this code on the same store
    await u.newBot.start();
    count('botProcesses');
    const migrated = u.newBot.logs().filter((l) => /^store migrated from schema 1 to 2/.test(String(l.msg)));
    expect(migrated, `${label}: the migration is logged once`).toHaveLength(1);
    // the audit entries v0.1.0 wrote are sealed into the genesis at the migration, not at the first new entry
    const sealing = u.newBot.logs().filter((l) => /^store migrated from schema 2 to 3/.test(String(l.msg)));
    expect(sealing, `${label}: the genesis sealed once, at start-up`).toHaveLength(1);
    const sealedAtStart = /^(\d+) audit entries from before the chain sealed into genesis entry (\S+)$/.exec(String(sealing[0]!.outcome));
    expect(sealedAtStart, `${label}: ${String(sealing[0]!.outcome)}`).not.toBeNull();
    // open DSARs get the deadline-reminder timer v0.1.0 never set; no receipt date is invented
    const arming = u.newBot.logs().filter((l) => /^store migrated from schema 3 to 4/.test(String(l.msg)));
    expect(arming, `${label}: deadline reminders armed once, at start-up`).toHaveLength(1);
    expect(String(arming[0]!.outcome)).toMatch(/^\d+ open case\(s\) with a GDPR deadline will be checked for reminders$/);
    expect((await u.store.with((s) => s.getCase(A)))?.receivedOn, `${label}: A keeps no invented receipt date`).toBeUndefined();

    // A's reminder, due while the bot was down, is sent (on the card v0.1.0 posted) before anyone decides
    await eventually(() => messagesOfNotification(u, APPROVALS, `${A}:approval_reminder`).length, (n) => n === 1, 30_000, `${label}: A's reminder`);
    // the approval card v0.1.0 posted: Approve opens the dialog, which decides
    const approveClick = await clickOn(u, APPROVER_1, approvalCard(u, A)!, V0_1_0_ACTIONS.approve);
    const approveDialog = await openedFor(u, approveClick.triggerId);
    await submitModal(u, APPROVER_1, approveDialog, ids.NOTE_BLOCK, ids.NOTE_ACTION, null);
    // the reject dialog v0.1.0 opened, submitted now
    await submitModal(u, APPROVER_2, oldRejectDialog, ids.REASON_BLOCK, ids.REASON_ACTION, 'Outside the legal basis given.');
    await waitCase(u, R, 'rejected', (c) => c.state === 'rejected' && c.approval.decidedBy === APPROVER_2);

    await waitCase(u, A, 'completed', (c) => c.state === 'completed' && c.approval.decidedBy === APPROVER_1);
    const resumed = await waitCase(u, P, 'completed after polling resumed', (c) => c.state === 'completed', SLOW_EXPORT_MS + 60_000);
    // the export v0.1.0 submitted, polled on from where it was: never submitted again
    expect(resumed.subjects[0]).toMatchObject({ requestId: polled!.requestId, attempts: polled!.attempts });
    expect(resumed.subjects[0]!.checks).toBeGreaterThan(polled!.checks);
    expect(u.sim.exports().filter((e) => e.userId === GENESYS_BOB)).toHaveLength(1);
    count('casesCompleted', 2);
    await eventually(() => approvalCard(u, Q), (m) => m !== undefined, 60_000, `${label}: Q's card posted after the upgrade`);
    await eventually(() => caseOf(u, J), (c) => c === undefined, 30_000, `${label}: J purged`);

    // the download button of a ready DM v0.1.0 sent mints a link that works
    const downloadClick = await clickOn(u, REQUESTER, readyDms(u, C)[0]!, V0_1_0_ACTIONS.download);
    const linkView = await u.fake.waitFor('views.update', (c) => u.fake.calls.indexOf(c) >= downloadClick.from && JSON.stringify(c.args.view).includes('/signed/'), 20_000);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/signed\/[^|>"\\]+)/.exec(JSON.stringify(linkView.args.view))?.[1];
    expect(url, `${label}: a signed link for C`).toBeDefined();
    const download = await fetch(url!.replace(/\\u0026/g, '&').replace(/&amp;/g, '&'));
    expect(download.status, `${label}: the link downloads`).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);

    // the timeline button of the "all ready" message v0.1.0 sent builds the timeline
    const finished = dmWithButton(u, V0_1_0_ACTIONS.timeline, C);
    expect(finished, `${label}: C's "all ready" message from v0.1.0`).toHaveLength(1);
    const timelineClick = await clickOn(u, REQUESTER, finished[0]!, V0_1_0_ACTIONS.timeline);
    const timelineDialog = await openedFor(u, timelineClick.triggerId);
    expect(timelineDialog).toMatchObject({ callbackId: ids.TIMELINE_MODAL, privateMetadata: C });
    const uploadsBefore = u.fake.callsTo('files.completeUploadExternal').length;
    const submitted = await u.sender.interactive(
      viewSubmissionPayload({
        userId: REQUESTER,
        teamId: TEAM,
        view: {
          id: timelineDialog.id,
          callback_id: timelineDialog.callbackId,
          private_metadata: timelineDialog.privateMetadata,
          state_values: {
            [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { type: 'datepicker', selected_date: null } },
            [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { type: 'datepicker', selected_date: null } },
          },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    const upload = await u.fake.waitFor('files.completeUploadExternal', () => u.fake.callsTo('files.completeUploadExternal').length > uploadsBefore, 30_000);
    expect(upload.ok, `${label}: the timeline of C uploaded`).toBe(true);
    expect(upload.args.channel_id).toBe(u.fake.dmChannelOf(REQUESTER));

    // everything delivered once
    await waitOutboxDrained(u);
    for (const id of [A, C, P]) expect(readyDms(u, id), `${label}: ready DMs for ${id}`).toHaveLength(1);
    for (const id of [A, R, C, F, J, X, P, Q]) expect(approvalCardsOf(u, id), `${label}: approval cards for ${id}`).toHaveLength(1);
    expect(messagesOfNotification(u, APPROVALS, `${A}:approval_reminder`), `${label}: A's reminder`).toHaveLength(1);
    expect(duplicatesBesidesFiles(u), `${label}: duplicate Slack messages`).toEqual([]);
    expect((await caseOf(u, X))?.state).toBe('approval_expired');
    expect((await caseOf(u, F))?.state).toBe('failed');
    expect(await u.store.with((s) => s.getMeta(SCHEMA_META_KEY))).toMatchObject({ version: CURRENT_SCHEMA });
    await u.newBot.stop();

    // the audit export holds the entries v0.1.0 wrote and the new ones, once each
    const audit = await auditExport(u);
    const actions = (caseId: string) => audit.filter((e) => e.caseId === caseId).map((e) => e.action);
    expect(actions(J)).toEqual(expect.arrayContaining(['requested', 'rejected', 'purged']));
    expect(actions(J).filter((a) => a === 'purged')).toHaveLength(1);
    expect(actions(A)).toEqual(expect.arrayContaining(['requested', 'approved', 'completed']));
    expect(actions(X)).toContain('expired');
    expect(actions(R)).toContain('rejected');
    const before = audit.filter((e) => new Date(e.at) < upgradedAt);
    const after = audit.filter((e) => new Date(e.at) >= upgradedAt);
    expect(before.length, `${label}: entries written by v0.1.0`).toBeGreaterThan(10);
    expect(after.length, `${label}: entries written after the upgrade`).toBeGreaterThan(3);
    expect(new Set(audit.map((e) => e.id)).size).toBe(audit.length);

    // the genesis, sealed at start-up over exactly v0.1.0's entries, precedes every new entry
    const v010 = before.filter((e) => e.seq === undefined);
    expect(v010, `${label}: v0.1.0's entries carry no chain fields`).toHaveLength(before.length);
    const genesis = audit.filter((e) => e.action === 'audit_genesis');
    expect(genesis, `${label}: one genesis entry`).toHaveLength(1);
    expect(genesis[0]).toMatchObject({ id: sealedAtStart![2], seq: 1, chain: { kind: 'genesis', entries: v010.length } });
    expect(Number(sealedAtStart![1])).toBe(v010.length);
    const schemaWritten = Date.parse(((await u.store.with((s) => s.getMeta(SCHEMA_META_KEY))) as { updatedAt: string }).updatedAt);
    expect(Date.parse(genesis[0]!.at), `${label}: sealed during the migration`).toBeLessThanOrEqual(schemaWritten);
    const chained = after.filter((e) => e.seq !== undefined && e.seq > 1);
    expect(chained.length).toBe(after.length - 1);
    for (const e of chained) expect(Date.parse(e.at), `${label}: ${e.action} #${e.seq} after the genesis`).toBeGreaterThanOrEqual(schemaWritten);

    // --verify accepts v0.1.0's entries as the genesis segment and checks the chain from there
    const verified = await auditVerify(u);
    expect(verified.code, `${label}: --verify (${verified.stderr.slice(0, 400)})`).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^${audit.length} entries verified, head [0-9a-f]{64} `));
    expect(verified.stdout).toContain(`${v010.length} entries written before the hash chain form the genesis segment sealed by`);
  } finally {
    await u.close();
  }
}

describe.concurrent('upgrading from v0.1.0 (commit 32474e8) loses nothing', () => {
  it('on Redis', { timeout: 300_000 }, async () => {
    await upgradeScenario('upgrade-redis', await redisAccess());
  });

  it('on the embedded store (SQLite file)', { timeout: 300_000 }, async () => {
    await upgradeScenario('upgrade-embedded', await embeddedAccess());
  });
});

describe('a rolling upgrade on one Redis', () => {
  it('the new replica waits, not serving, while a v0.1.0 replica holds the worker lease; takes over once it stops; nothing twice', { timeout: 300_000 }, async () => {
    const u = await startUpgrade('rolling', await redisAccess());
    // the new replica listens on a port of its own: both run side by side
    const newBot = new BotProcess({ ...u.newBot.options, name: 'rolling-new', port: await freePort() });
    const newSender = createSlackSender({ appUrl: newBot.eventsUrl, signingSecret: SIGNING_SECRET, responseUrlBase: u.fake.responseUrlBase, teamId: TEAM });
    const newWorld = { label: 'rolling-new', fake: u.fake, sim: u.sim, senders: [newSender] } as unknown as World;
    try {
      await u.oldBot.start();
      count('botProcesses', 2);
      const before = await requestCase(u.world, 0, REQUESTER, { users: [ALICE] });
      await eventually(() => approvalCard(u, before), (m) => m !== undefined, 30_000, 'the card of the case made before');

      const newStarted = newBot.start(240_000);
      await eventually(() => newBot.logs().some((l) => String(l.msg).startsWith('waiting for the worker lease')), (b) => b, 60_000, 'the new replica waiting for the lease');
      expect(await newBot.healthy(), 'not serving while an old replica holds the lease').toBe(false);
      // the old replica still serves meanwhile: no downtime for the people using the bot
      const during = await requestCase(u.world, 0, REQUESTER, { users: [ALICE] });
      await submitDecision(u.world, 0, APPROVER_1, during);
      await waitCase(u, during, 'completed by the old replica', (c) => c.state === 'completed');
      expect(await u.store.with((s) => s.getMeta(SCHEMA_META_KEY))).toBeUndefined();

      await u.oldBot.stop();
      await newStarted;
      expect(newBot.logs().filter((l) => /^store migrated from schema 1 to 2/.test(String(l.msg)))).toHaveLength(1);
      await submitDecision(newWorld, 0, APPROVER_2, before);
      await waitCase(u, before, 'completed by the new replica', (c) => c.state === 'completed');
      // the case is stored completed a moment before its ready DM is queued (see expectExactlyOnce)
      await eventually(() => readyDms(u, before).length, (n) => n >= 1, 30_000, `the ready DM for ${before}`);
      await waitOutboxDrained(u);
      for (const id of [before, during]) expect(readyDms(u, id), `ready DMs for ${id}`).toHaveLength(1);
      expect(duplicatesBesidesFiles(u)).toEqual([]);
      count('casesCompleted', 2);
    } finally {
      await newBot.stop();
      saveArtifact('rolling-new-log', newBot.lines, STATIC_SECRETS);
      await u.close();
    }
  });
});

describe('a store from a newer version', () => {
  it('is refused at start with one sentence naming both versions, exit code 1 and no stack trace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gdpr-upgrade-future-'));
    try {
      const store = await createSqliteStore({ dataDir, logger: silent });
      await store.setMeta(SCHEMA_META_KEY, { version: CURRENT_SCHEMA + 1, appVersion: '9.0.0', updatedAt: new Date().toISOString() });
      await store.close();
      const outcome = await run(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: 'http://127.0.0.1:9/api/',
          GENESYS_CLIENT_ID: 'sim-client',
          GENESYS_CLIENT_SECRET: GENESYS_SECRET,
          GENESYS_API_URL: 'http://127.0.0.1:9',
          GENESYS_LOGIN_URL: 'http://127.0.0.1:9',
          GDPR_REQUESTERS: REQUESTER,
          GDPR_APPROVERS: APPROVER_1,
        },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr ?? '' }),
      );
      expect(outcome.code).toBe(1);
      const lines = outcome.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^The bot could not start: The store was written by gdpr-export-bot 9\\.0\\.0 \\(store schema ${CURRENT_SCHEMA + 1}\\), but this is \\S+, which understands store schema ${CURRENT_SCHEMA} at most`),
      );
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
      // nothing was written over the newer data
      const after = await createSqliteStore({ dataDir, logger: silent });
      expect(await after.getMeta(SCHEMA_META_KEY)).toMatchObject({ version: CURRENT_SCHEMA + 1 });
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
