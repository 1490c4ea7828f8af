/**
 * One scenario's world: a fake Slack, a Genesys
 * simulator (behind a login tap that sees the tokens it issues), one or more REAL bot processes on a
 * shared Redis prefix, signed senders for each, and a Redis store of our own on the same prefix to
 * look at what the bots stored. The fakes live in the test process so tests can hook them.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createClient } from '@redis/client';
import { pino } from 'pino';
import { createSlackSender, startFakeSlack, type FakeSlack, type RecordedCall, type SlackSender } from '../../../dev/fake-slack/index.js';
import { startGenesysSimulator, type GenesysSimulator, type SimRequestLogEntry, type SimulatorOptions } from '../../../dev/genesys-simulator/index.js';
import { NOTIFICATION_EVENT_TYPE } from '../../../src/slack/slack-notifier.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { createRedisStore } from '../../../src/store/index.js';
import type { RedisStore } from '../../../src/store/redis-store.js';
import type { AuditEntry, ExportCase } from '../../../src/workflow/model.js';
import { SENDING_GRACE_MS } from '../../../src/workflow/outbox.js';
import { SUBMIT_CLAIM_MS } from '../../../src/workflow/subject-transitions.js';
import {
  APPROVER_1,
  APPROVER_2,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  REQUESTER_GROUP,
  SLACK_USERS,
  TEAM,
  VALID_FORM,
  buttonsOf,
  decisionSubmission,
  requestSubmission,
  type RequestForm,
} from '../../e2e/harness.js';
import { BotProcess } from './bot-process.js';
import { startForwardingProxy, type ForwardingProxy } from './forwarding-proxy.js';
import { count, saveArtifact } from './ledger.js';
import type { PrivateRedis } from './redis-server.js';
import { eventually, freePort } from './util.js';

export const SIGNING_SECRET = 'reliability-signing-secret-4f9a1c';
export const BOT_TOKEN = 'xoxb-test-token';
export const GENESYS_SECRET = 'sim-secret';
export const STATIC_SECRETS = [SIGNING_SECRET, BOT_TOKEN, GENESYS_SECRET];

export interface WorldOptions {
  label: string;
  redis: PrivateRedis;
  replicas?: number;
  sim?: SimulatorOptions;
  env?: Record<string, string>;
}

export interface World {
  readonly label: string;
  readonly fake: FakeSlack;
  readonly sim: GenesysSimulator;
  readonly prefix: string;
  readonly bots: BotProcess[];
  readonly senders: SlackSender[];
  /** our own view of the bots' Redis prefix */
  readonly store: RedisStore;
  /** OAuth tokens the simulator issued to the bots */
  readonly issuedTokens: Set<string>;
  /** runs synchronously inside the fake Slack as each call is recorded, before it answers */
  onSlackCall(hook: (call: RecordedCall) => void): () => void;
  /** runs as the simulator logs each request (after it answered or dropped it) */
  onSimRequest(hook: (entry: SimRequestLogEntry) => void): () => void;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const slackHooks = new Set<(call: RecordedCall) => void>();
  const simHooks = new Set<(entry: SimRequestLogEntry) => void>();
  const fake = await startFakeSlack({
    users: SLACK_USERS,
    usergroups: { [REQUESTER_GROUP]: [REQUESTER, REQUESTER_AND_APPROVER] },
    channels: ['C0GENERAL', 'C0APPROVALS'],
  });
  // The call log's array is the fake's own: a hook here runs before the fake sends its answer.
  const calls = fake.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items: RecordedCall[]) => {
    const n = push(...items);
    for (const item of items) for (const hook of slackHooks) hook(item);
    return n;
  };
  const sim = await startGenesysSimulator({
    exportDurationMs: 1_500,
    ...options.sim,
    onRequest: (entry) => {
      for (const hook of simHooks) hook(entry);
      options.sim?.onRequest?.(entry);
    },
  });
  const issuedTokens = new Set<string>();
  const loginTap = await startLoginTap(sim, issuedTokens);

  const prefix = `gdpr-reliability:${options.label}:${randomBytes(4).toString('hex')}:`;
  const env: Record<string, string> = {
    ...botEnv(fake, sim, loginTap.url),
    REDIS_URL: options.redis.url,
    REDIS_PREFIX: prefix,
    ...options.env,
  };
  const bots: BotProcess[] = [];
  for (let i = 0; i < (options.replicas ?? 1); i++) {
    bots.push(new BotProcess({ name: `${options.label}#${i}`, port: await freePort(), env }));
  }
  await Promise.all(bots.map((b) => b.start()));
  count('botProcesses', bots.length);
  const senders = bots.map((b) =>
    createSlackSender({ appUrl: b.eventsUrl, signingSecret: SIGNING_SECRET, responseUrlBase: fake.responseUrlBase, teamId: TEAM }),
  );
  const store = await createRedisStore({ url: options.redis.url, prefix, logger: pino({ level: 'silent' }) });

  let closed = false;
  return {
    label: options.label,
    fake,
    sim,
    prefix,
    bots,
    senders,
    store,
    issuedTokens,
    onSlackCall(hook) {
      slackHooks.add(hook);
      return () => slackHooks.delete(hook);
    },
    onSimRequest(hook) {
      simHooks.add(hook);
      return () => simHooks.delete(hook);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(bots.map((b) => b.stop()));
      const secrets = [...STATIC_SECRETS, ...issuedTokens];
      bots.forEach((b, i) => saveArtifact(`${options.label}-bot${i}-log`, b.lines, secrets));
      // RELIABILITY_LOG_DIR=/some/dir keeps each bot's log for a look after the run
      const keep = process.env.RELIABILITY_LOG_DIR;
      if (keep) bots.forEach((b, i) => writeFileSync(join(keep, `${options.label}-bot${i}.log`), b.lines.join('\n')));
      if (options.redis.running) saveArtifact(`${options.label}-store`, await dumpPrefix(options.redis.url, prefix), secrets);
      await store.close().catch(() => undefined);
      await loginTap.close();
      await fake.close();
      await sim.close();
    },
  };
}

/** The bot's environment against the fakes (the store's settings are the caller's). */
export function botEnv(fake: FakeSlack, sim: GenesysSimulator, loginUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_TEAM_ID: TEAM,
    GENESYS_CLIENT_ID: 'sim-client',
    GENESYS_CLIENT_SECRET: GENESYS_SECRET,
    GENESYS_API_URL: sim.apiUrl,
    GENESYS_LOGIN_URL: loginUrl,
    GDPR_REQUESTERS: `${REQUESTER_GROUP},${REQUESTER}`,
    GDPR_APPROVERS: `${APPROVER_1},${APPROVER_2},${REQUESTER_AND_APPROVER}`,
    POLL_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '2',
    LOG_LEVEL: 'debug',
  };
}

/** GENESYS_LOGIN_URL for the bot: forwards to the simulator and keeps each access token it issues. */
export function startLoginTap(sim: GenesysSimulator, issuedTokens: Set<string>): Promise<ForwardingProxy> {
  return startForwardingProxy({
    target: sim.baseUrl,
    onResponse: (req, res) => {
      if (!req.path.startsWith('/oauth/token') || res.status !== 200) return;
      const token = (JSON.parse(res.body.toString('utf8')) as { access_token?: string }).access_token;
      if (token) issuedTokens.add(token);
    },
  });
}

/** Every key of the prefix with its value, one line each, for the secrets check. */
export async function dumpPrefix(url: string, prefix: string): Promise<string[]> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  const lines: string[] = [];
  try {
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of ([] as string[]).concat(batch)) {
        const type = await client.type(key);
        let value: unknown;
        if (type === 'string') value = await client.get(key);
        else if (type === 'hash') value = await client.hGetAll(key);
        else if (type === 'zset') value = await client.zRange(key, 0, -1);
        else if (type === 'set') value = await client.sMembers(key);
        else if (type === 'list') value = await client.lRange(key, 0, -1);
        lines.push(`${key}\t${type}\t${typeof value === 'string' ? value : JSON.stringify(value)}`);
      }
    }
  } finally {
    await client.quit().catch(() => undefined);
  }
  return lines;
}

// ---------------------------------------------------------------- driving the bot like Slack

let viewCounter = 0;

export function newViewId(): string {
  return `VREL${(viewCounter++).toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`;
}

/** Opens the request modal with the slash command; resolves the id of the modal the fake opened. */
export async function openRequestModal(w: World, bot: number, userId: string, text = ''): Promise<string> {
  const from = w.fake.calls.length;
  const res = await w.senders[bot]!.command({ text, userId });
  if (res.status !== 200) throw new Error(`${w.label}: the command answered ${res.status}`);
  const call = await nextCall(w.fake, 'views.open', from, 15_000);
  if (!call.ok) throw new Error(`${w.label}: views.open failed: ${call.error}`);
  const opened = [...w.fake.views().values()].filter((v) => v.view?.callback_id === ids.REQUEST_MODAL).pop();
  if (!opened) throw new Error(`${w.label}: no request modal open`);
  return opened.id;
}

/** The view_submission of a filled request form, sent to replica `bot`; resolves the ack and the case id. */
export async function submitRequest(w: World, bot: number, requesterId: string, form: RequestForm, viewId = newViewId()) {
  const res = await w.senders[bot]!.interactive(requestSubmission(requesterId, viewId, { ...VALID_FORM, ...form }));
  let caseId = /GX-[0-9A-Z]{8}/.exec(JSON.stringify(res.json ?? {}))?.[0];
  if (!caseId && res.json?.response_action === 'update') {
    // slower than Slack's 3 s (a busy machine, a slow Genesys): the outcome comes as views.update
    const outcome = await w.fake.waitFor('views.update', (c) => c.args.view_id === viewId, 60_000);
    caseId = /GX-[0-9A-Z]{8}/.exec(JSON.stringify(outcome.args.view ?? {}))?.[0];
  }
  return { res, caseId };
}

/** the first call to `method` recorded after the first `from` calls (fake.calls.length taken before acting) */
export function nextCall(fake: FakeSlack, method: string, from: number, timeoutMs: number, predicate: (c: RecordedCall) => boolean = () => true): Promise<RecordedCall> {
  return fake.waitFor(method, (c) => fake.calls.indexOf(c) >= from && predicate(c), timeoutMs);
}

/** submitRequest that must create a case: resolves its id */
export async function requestCase(w: World, bot: number, requesterId: string, form: RequestForm): Promise<string> {
  const { res, caseId } = await submitRequest(w, bot, requesterId, form);
  if (res.status !== 200 || !caseId) throw new Error(`${w.label}: no case created (HTTP ${res.status}): ${res.body.slice(0, 400)}`);
  return caseId;
}

export async function submitDecision(w: World, bot: number, approverId: string, caseId: string, decision: 'approve' | 'reject' = 'approve', text: string | null = null) {
  const callback = decision === 'approve' ? ids.APPROVE_MODAL : ids.REJECT_MODAL;
  return w.senders[bot]!.interactive(decisionSubmission(approverId, callback, caseId, text ?? (decision === 'reject' ? 'Not justified enough.' : null)));
}

// ---------------------------------------------------------------- what happened

export async function caseOf(w: World, caseId: string): Promise<ExportCase | undefined> {
  return w.store.getCase(caseId);
}

export async function waitForCase(w: World, caseId: string, predicate: (c: ExportCase) => boolean, timeoutMs: number, what: string): Promise<ExportCase> {
  const c = await eventually(
    () => w.store.getCase(caseId).catch(() => undefined),
    (x) => x !== undefined && predicate(x),
    timeoutMs,
    `${w.label}: ${caseId} ${what}`,
    250,
  );
  return c!;
}

export async function waitCompleted(w: World, caseId: string, timeoutMs: number): Promise<ExportCase> {
  const c = await waitForCase(w, caseId, (x) => x.state === 'completed', timeoutMs, 'completed');
  count('casesCompleted');
  return c;
}

/**
 * The same, after a bot was killed mid-flow: a kill during the export POST leaves the subject
 * 'submitting' until its claim runs out (SUBMIT_CLAIM_MS); only then is it reconciled, rather than
 * posted a second time.
 */
export function waitCompletedAfterKill(w: World, caseId: string): Promise<ExportCase> {
  return waitCompleted(w, caseId, SUBMIT_CLAIM_MS + 90_000);
}

/** how many Genesys exports each Genesys user has in the simulator */
export function exportsPerUser(w: World, since = 0): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of w.sim.exports()) if (e.createdAt >= since) out.set(e.userId, (out.get(e.userId) ?? 0) + 1);
  return out;
}

/** "ready" DMs (messages with the Get download link button) in the requester's DM, by button value */
export function readyDms(w: World, requesterId: string): Map<string, number> {
  const channel = w.fake.dmChannelOf(requesterId);
  const out = new Map<string, number>();
  for (const m of channel ? w.fake.messages(channel) : []) {
    for (const b of buttonsOf(m)) {
      if (b.action_id === ids.GET_DOWNLOAD_LINK && b.value) out.set(b.value, (out.get(b.value) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Everything Slack shows more than once: a notification id posted twice to one channel, or two
 * status messages for one case in one DM. Each entry describes one duplicate; counted in the ledger.
 */
export function duplicateDeliveries(w: World): string[] {
  const seen = new Map<string, number>();
  for (const call of w.fake.callsTo('chat.postMessage')) {
    if (!call.ok) continue;
    const meta = call.args.metadata as { event_type?: string; event_payload?: { notification_id?: string } } | undefined;
    const id = meta?.event_type === NOTIFICATION_EVENT_TYPE ? meta.event_payload?.notification_id : undefined;
    if (!id) continue;
    const key = `${String(call.args.channel)} ${id}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const out = [...seen].filter(([, n]) => n > 1).map(([key, n]) => `notification ${key} posted ${n} times`);
  // status messages: top-level bot messages in a DM, one per case
  const statusPerCase = new Map<string, number>();
  for (const m of w.fake.messages()) {
    if (!m.channel.startsWith('D') || (m.thread_ts && m.thread_ts !== m.ts)) continue;
    const caseId = /GX-[0-9A-Z]{8}/.exec(`${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`)?.[0];
    if (!caseId || m.metadata !== undefined) continue;
    const key = `${m.channel} ${caseId}`;
    statusPerCase.set(key, (statusPerCase.get(key) ?? 0) + 1);
  }
  out.push(...[...statusPerCase].filter(([, n]) => n > 1).map(([key, n]) => `status message for ${key} posted ${n} times`));
  return out;
}

/** One export per Genesys user named and one ready DM per subject (in its requester's DM), and no duplicate anywhere. */
/** `since` (epoch ms): count only the Genesys exports made from then on, when other tests share the world */
export async function deliveryReport(w: World, caseIds: string[], since = 0) {
  const report = await measureDeliveries(w, caseIds, since);
  const dupes = report.duplicates.length + report.exportsPerSubject.filter((n) => n > 1).length + report.readyDmsPerSubject.filter((n) => n > 1).length;
  count('duplicatesFound', dupes);
  return report;
}

/** what deliveryReport reports, without counting it in the ledger: for waiting on */
async function measureDeliveries(w: World, caseIds: string[], since: number) {
  const cases = (await Promise.all(caseIds.map((id) => w.store.getCase(id)))).filter((c): c is ExportCase => c !== undefined);
  const perUser = exportsPerUser(w, since);
  const subjects = cases.flatMap((c) => c.subjects.map((s) => ({ requesterId: c.requesterId, caseId: c.id, subjectId: s.id, genesysUserId: s.genesysUserId })));
  const ready = new Map([...new Set(cases.map((c) => c.requesterId))].map((r) => [r, readyDms(w, r)]));
  return {
    exportsPerSubject: subjects.map((s) => perUser.get(s.genesysUserId) ?? 0),
    readyDmsPerSubject: subjects.map((s) => ready.get(s.requesterId)?.get(ids.subjectButtonValue(s.caseId, s.subjectId)) ?? 0),
    duplicates: duplicateDeliveries(w),
    strayExports: w.sim.exports().filter((e) => e.createdAt >= since).length - subjects.length,
  };
}

export async function auditSince(w: World, since: Date): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of w.store.readAudit(since)) out.push(e);
  return out;
}

/** The lines of the bots' logs whose `msg` matches. */
export function logMessages(w: World, pattern: RegExp): Array<Record<string, unknown>> {
  return w.bots.flatMap((b) => b.logs()).filter((l) => pattern.test(String(l.msg ?? '')));
}

/** Resolves once no notification is pending or being sent (all delivered or given up). */
export async function waitOutboxDrained(w: World, timeoutMs: number): Promise<void> {
  await eventually(
    () => w.store.dueNotifications(new Date(Date.now() + 3_600_000), 500).then((ns) => ns.map((n) => `${n.id}:${n.status}`), () => ['store unavailable']),
    (ns) => ns.length === 0,
    timeoutMs,
    `${w.label}: every notification delivered`,
    250,
  );
}

export function subjectStates(c: ExportCase | undefined): string[] {
  return c?.subjects.map((s) => s.state) ?? [];
}

/**
 * A case is stored finished before its subject's "ready" entry joins the outbox (case-effects.ts;
 * a crash in between is mended by the subject's timer). A drained outbox right after the case reads
 * 'completed' may not have that entry yet: wait for each subject's DM before waiting for the outbox.
 */
export async function waitForReadyDms(w: World, caseIds: string[], since = 0): Promise<void> {
  await eventually(
    () => measureDeliveries(w, caseIds, since).then((r) => r.readyDmsPerSubject),
    (perSubject) => perSubject.every((n) => n >= 1),
    30_000,
    `${w.label}: a ready DM for every subject`,
    250,
  );
}

/** checks that need a whole finished world: one export and one ready DM per subject, no duplicates */
export async function expectExactlyOnce(w: World, caseIds: string[], since = 0) {
  await waitForReadyDms(w, caseIds, since).catch(() => undefined); // the assertion below says which one is missing
  // a bot killed mid-send leaves its entry 'sending': the others leave it alone for SENDING_GRACE_MS
  await waitOutboxDrained(w, SENDING_GRACE_MS + 30_000);
  const report = await deliveryReport(w, caseIds, since);
  const subjects = report.exportsPerSubject.length;
  expect(report.exportsPerSubject, `${w.label}: Genesys exports per subject`).toEqual(Array(subjects).fill(1));
  expect(report.readyDmsPerSubject, `${w.label}: ready DMs per subject`).toEqual(Array(subjects).fill(1));
  expect(report.strayExports, `${w.label}: exports for nobody`).toBe(0);
  expect(report.duplicates, `${w.label}: duplicate Slack messages`).toEqual([]);
  return report;
}
