/**
 * End-to-end harness: the real bot (Bolt in HTTP mode, or Socket Mode with `mode: 'socket'`) with a real Redis store, a fake Slack Web
 * API and the Genesys simulator, all over real HTTP on 127.0.0.1. Tests drive it with signed Slack
 * payloads and assert on what Slack and Genesys received.
 */
import { Writable } from 'node:stream';
import { createClient } from '@redis/client';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startApp, type RunningApp } from '../../src/app.js';
import { createRedisStore } from '../../src/store/index.js';
import type { ExportCase } from '../../src/workflow/model.js';
import type { Clock } from '../../src/workflow/ports.js';
import {
  blockActionPayload,
  createSlackSender,
  createSocketModeSender,
  startFakeSlack,
  viewSubmissionPayload,
  type FakeSlack,
  type FakeSlackUser,
  type SlackSender,
  type SocketModeSender,
} from '../../dev/fake-slack/index.js';
import { defaultSimUsers, startGenesysSimulator, type GenesysSimulator, type SimulatorOptions } from '../../dev/genesys-simulator/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { testRedisPrefix, testRedisUrl } from '../helpers/redis.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const TEAM = 'T0TEST';
export const REQUESTER = 'U0REQUESTER';
export const REQUESTER_AND_APPROVER = 'U0BOTHROLES';
export const APPROVER_1 = 'U0APPROVER1';
export const APPROVER_2 = 'U0APPROVER2';
export const OUTSIDER = 'U0OUTSIDER';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const DANA = 'U0DANA';
export const NOMATCH = 'U0NOMATCH';
export const SHARED = 'U0SHARED';
export const A_BOT = 'U0SOMEBOT';
export const GONE = 'U0GONE';
export const NO_EMAIL = 'U0NOEMAIL';
export const REQUESTER_GROUP = 'S0REQUESTERS';
/** a GDPR auditor, by user group (set GDPR_AUDITORS: AUDITOR_GROUP in a test's env) */
export const AUDITOR = 'U0AUDITOR';
export const AUDITOR_GROUP = 'S0AUDITORS';

export const SLACK_USERS: FakeSlackUser[] = [
  { id: REQUESTER, name: 'rita', real_name: 'Rita Requester', email: 'rita@corp.example', tz: 'Europe/Paris' },
  { id: REQUESTER_AND_APPROVER, name: 'bea', real_name: 'Bea Both', email: 'bea@corp.example' },
  { id: APPROVER_1, name: 'adam', real_name: 'Adam Approver', email: 'adam@corp.example' },
  { id: APPROVER_2, name: 'anna', real_name: 'Anna Approver', email: 'anna@corp.example' },
  { id: OUTSIDER, name: 'oscar', real_name: 'Oscar Outsider', email: 'oscar@corp.example' },
  { id: ALICE, name: 'alice', real_name: 'Alice Martin', email: 'alice@example.com' },
  { id: BOB, name: 'bob', real_name: 'Bob Chen', email: 'bob@example.com' },
  { id: DANA, name: 'dana', real_name: 'Dana', email: 'dana@example.com' },
  { id: NOMATCH, name: 'nora', real_name: 'Nora Nomatch', email: 'nora@elsewhere.example' },
  { id: SHARED, name: 'sam', real_name: 'Sam Shared', email: 'shared@example.com' },
  { id: A_BOT, name: 'somebot', real_name: 'Some Bot', is_bot: true },
  { id: GONE, name: 'gone', real_name: 'Gone Person', email: 'gone@example.com', deleted: true },
  { id: NO_EMAIL, name: 'nomail', real_name: 'No Mail' },
  { id: AUDITOR, name: 'otto', real_name: 'Otto Auditor', email: 'otto@corp.example' },
];

export const GENESYS_ALICE = defaultSimUsers().find((u) => u.email === 'alice@example.com')!.id;
export const GENESYS_BOB = defaultSimUsers().find((u) => u.email === 'bob@example.com')!.id;

export interface HarnessOptions {
  env?: Record<string, string>;
  sim?: SimulatorOptions;
  /** second replica on the same Redis (reliability tests) */
  replicas?: number;
  /**
   * 'socket': the bot runs in Socket Mode (SLACK_APP_TOKEN, no signing secret) and the senders
   * deliver envelopes over the fake's WebSocket; default 'http' (signed requests to /slack/events)
   */
  mode?: 'http' | 'socket';
  /** the bots' clock (default: the system clock), e.g. one a test moves ahead of real time */
  clock?: Clock;
  /** runs once the fakes are up, before any replica starts (e.g. to hold back Socket Mode's hello) */
  beforeApps?: (fakes: { slack: FakeSlack; sim: GenesysSimulator }) => void | Promise<void>;
  /** channel id → member user ids, for conversations.members */
  channelMembers?: Record<string, string[]>;
  /** user id → Slack locale tag (fr-FR…), returned by users.info with include_locale; default en-US */
  locales?: Record<string, string>;
}

export interface Harness {
  slack: FakeSlack;
  sim: GenesysSimulator;
  app: RunningApp;
  apps: RunningApp[];
  sender: SlackSender;
  senders: SlackSender[];
  /** in Socket Mode, the sender (also `sender`), which can send Events API events too */
  socketSender?: SocketModeSender;
  logLines: string[];
  logger: Logger;
  prefix: string;
  redisUrl: string;
  /**
   * stops the bot and starts it again on the same Slack, Genesys and Redis data, optionally with env
   * changes (e.g. a requester removed) and another clock (moved ahead of real time)
   */
  restart(changes?: { env?: Record<string, string>; clock?: Clock }): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = await startFakeSlack({
    users: SLACK_USERS.map((u) => (options.locales?.[u.id] ? { ...u, locale: options.locales[u.id] } : u)),
    usergroups: { [REQUESTER_GROUP]: [REQUESTER, REQUESTER_AND_APPROVER], [AUDITOR_GROUP]: [AUDITOR] },
    channels: ['C0GENERAL', 'C0APPROVALS'],
    ...(options.channelMembers ? { channelMembers: options.channelMembers } : {}),
  });
  const sim = await startGenesysSimulator({ exportDurationMs: 1_500, ...options.sim });
  const prefix = testRedisPrefix('e2e');
  const redisUrl = testRedisUrl();
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_TEAM_ID: TEAM,
    PORT: '0',
    GENESYS_CLIENT_ID: 'sim-client',
    GENESYS_CLIENT_SECRET: 'sim-secret',
    GENESYS_API_URL: sim.apiUrl,
    GENESYS_LOGIN_URL: sim.loginUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    GDPR_REQUESTERS: `${REQUESTER_GROUP},${REQUESTER}`,
    GDPR_APPROVERS: `${APPROVER_1},${APPROVER_2},${REQUESTER_AND_APPROVER}`,
    POLL_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '2',
    LOG_LEVEL: 'debug',
    ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: slack.socketMode.appToken, SLACK_SIGNING_SECRET: '' } : {}),
    ...options.env,
  };
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });

  await options.beforeApps?.({ slack, sim });
  // In Socket Mode every replica holds a socket and the fake picks one, as Slack does.
  const socketSender = options.mode === 'socket' ? createSocketModeSender({ socketMode: slack.socketMode, responseUrlBase: slack.responseUrlBase, teamId: TEAM }) : undefined;
  async function stopReplicas(apps: RunningApp[]) {
    for (const a of apps) {
      await a.stop();
      await a.store.close();
    }
  }
  const shutDown = async (apps: RunningApp[]) => {
    await stopReplicas(apps);
    await slack.close();
    await sim.close();
    await deletePrefix(redisUrl, prefix);
  };
  async function startReplicas(config: ReturnType<typeof loadConfig>, clock: Clock | undefined) {
    const apps: RunningApp[] = [];
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const store = await createRedisStore({ url: redisUrl, prefix, logger });
      try {
        apps.push(
          await startApp({
            config,
            logger: logger.child({ replica: i }),
            store,
            workerTickMs: 100,
            ...(clock ? { clock } : {}),
            instanceId: `replica-${i}`,
            slackClientOptions: { retryConfig: { retries: 2, factor: 1, minTimeout: 50, maxTimeout: 100 } },
          }),
        );
      } catch (e) {
        // a test of a refused start-up leaves nothing running behind it
        await store.close();
        await shutDown(apps);
        throw e;
      }
    }
    const senders = apps.map(
      (a) =>
        socketSender ??
        createSlackSender({ appUrl: `http://127.0.0.1:${a.port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrlBase: slack.responseUrlBase, teamId: TEAM }),
    );
    return { apps, senders };
  }

  const started = await startReplicas(loadConfig(env), options.clock);
  const harness: Harness = {
    slack,
    sim,
    app: started.apps[0]!,
    apps: started.apps,
    sender: started.senders[0]!,
    senders: started.senders,
    socketSender,
    logLines,
    logger,
    prefix,
    redisUrl,
    async restart(changes = {}) {
      await stopReplicas(harness.apps);
      const next = await startReplicas(loadConfig({ ...env, ...changes.env }), changes.clock ?? options.clock);
      Object.assign(harness, { app: next.apps[0]!, apps: next.apps, sender: next.senders[0]!, senders: next.senders });
    },
    async close() {
      // The fake grants only manifest.yml's scopes: a refusal means a real install would fail here.
      const refusals = slack.scopeRefusals();
      await shutDown(harness.apps);
      if (refusals.length > 0) throw new Error(`the bot called Slack without the scope manifest.yml grants: ${JSON.stringify(refusals)}`);
    },
  };
  return harness;
}

export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      const batch = ([] as string[]).concat(keys);
      if (batch.length) await client.del(batch);
    }
  } finally {
    await client.quit();
  }
}

export interface RequestForm {
  users?: string[];
  extraIds?: string;
  legalBasis?: string;
  caseReference?: string;
  justification?: string;
  /** the confirmation box of the no-approval form; ticked unless false */
  confirmed?: boolean;
  /** the receipt datepicker ('YYYY-MM-DD'); yesterday (UTC) unless given, null for none picked */
  receivedOn?: string | null;
  /** the "needed by" datepicker; none unless given */
  neededBy?: string;
}

/** A day that is in the past in every time zone. */
export function yesterdayUtc(now = new Date()): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The view_submission Slack sends when the person submits the request modal. */
export function requestSubmission(userId: string, viewId: string, form: RequestForm, teamId = TEAM): object {
  return viewSubmissionPayload({
    userId,
    teamId,
    view: {
      id: viewId,
      callback_id: ids.REQUEST_MODAL,
      private_metadata: '{}',
      state_values: {
        [ids.SUBJECTS_BLOCK]: { [ids.SUBJECTS_ACTION]: { type: 'multi_users_select', selected_users: form.users ?? [] } },
        [ids.EXTRA_IDS_BLOCK]: { [ids.EXTRA_IDS_ACTION]: { type: 'plain_text_input', value: form.extraIds ?? null } },
        [ids.LEGAL_BASIS_BLOCK]: {
          [ids.LEGAL_BASIS_ACTION]: {
            type: 'static_select',
            selected_option: form.legalBasis === undefined ? null : { text: { type: 'plain_text', text: form.legalBasis }, value: form.legalBasis },
          },
        },
        [ids.CASE_REFERENCE_BLOCK]: { [ids.CASE_REFERENCE_ACTION]: { type: 'plain_text_input', value: form.caseReference ?? null } },
        [ids.RECEIVED_ON_BLOCK]: { [ids.RECEIVED_ON_ACTION]: { type: 'datepicker', selected_date: form.receivedOn === undefined ? yesterdayUtc() : form.receivedOn } },
        [ids.NEEDED_BY_BLOCK]: { [ids.NEEDED_BY_ACTION]: { type: 'datepicker', selected_date: form.neededBy ?? null } },
        [ids.JUSTIFICATION_BLOCK]: { [ids.JUSTIFICATION_ACTION]: { type: 'plain_text_input', value: form.justification ?? null } },
        [ids.CONFIRM_BLOCK]: {
          [ids.CONFIRM_ACTION]: {
            type: 'checkboxes',
            selected_options: form.confirmed === false ? [] : [{ text: { type: 'plain_text', text: 'I confirm' }, value: ids.CONFIRM_VALUE }],
          },
        },
      },
    },
  });
}

export const VALID_FORM: Required<Omit<RequestForm, 'users' | 'extraIds' | 'confirmed' | 'receivedOn' | 'neededBy'>> = {
  legalBasis: 'data_subject_access_request',
  caseReference: 'DSAR-2026-0042',
  justification: 'The data subject asked for every chat message they wrote in March 2025.',
};

export function decisionSubmission(userId: string, callbackId: string, caseId: string, text: string | null, teamId = TEAM): object {
  const [block, action] = callbackId === ids.APPROVE_MODAL ? [ids.NOTE_BLOCK, ids.NOTE_ACTION] : [ids.REASON_BLOCK, ids.REASON_ACTION];
  return viewSubmissionPayload({
    userId,
    teamId,
    view: {
      id: `V${callbackId.length}${caseId.slice(3)}`,
      callback_id: callbackId,
      private_metadata: caseId,
      state_values: { [block]: { [action]: { type: 'plain_text_input', value: text } } },
    },
  });
}

/** The submission of a dialog about one case (case id as private_metadata): a select and a text input. */
export function caseModalSubmission(
  userId: string,
  callbackId: string,
  caseId: string,
  select: { block: string; action: string; value: string },
  text: { block: string; action: string; value: string | null },
): object {
  return viewSubmissionPayload({
    userId,
    teamId: TEAM,
    view: {
      id: `V${callbackId.length}${caseId.slice(3)}`,
      callback_id: callbackId,
      private_metadata: caseId,
      state_values: {
        [select.block]: { [select.action]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: select.value }, value: select.value } } },
        [text.block]: { [text.action]: { type: 'plain_text_input', value: text.value } },
      },
    },
  });
}

export function buttonClick(userId: string, actionId: string, value: string, channelId: string, messageTs: string, teamId = TEAM): object {
  return blockActionPayload({ userId, teamId, actionId, value, container: { type: 'message', channelId, messageTs } });
}

/** The view_submission of the timeline modal (no date range unless given). */
export function timelineSubmission(caseId: string, range: { from?: string; to?: string } = {}, userId = REQUESTER): object {
  return viewSubmissionPayload({
    userId,
    teamId: TEAM,
    view: {
      id: 'V0TIMELINE',
      callback_id: ids.TIMELINE_MODAL,
      private_metadata: caseId,
      state_values: {
        [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { type: 'datepicker', selected_date: range.from ?? null } },
        [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { type: 'datepicker', selected_date: range.to ?? null } },
      },
    },
  });
}

/** Opens the request modal with the slash command and returns the opened view id. */
export async function openModal(h: Harness, userId: string, text = ''): Promise<string> {
  const before = h.slack.callsTo('views.open').length;
  const res = await h.sender.command({ text, userId });
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  const call = await h.slack.waitFor('views.open', () => h.slack.callsTo('views.open').length > before);
  if (!call.ok) throw new Error(`views.open failed: ${call.error}`);
  const opened = [...h.slack.views().values()].filter((v) => v.view?.callback_id === ids.REQUEST_MODAL).pop();
  if (!opened) throw new Error('no request modal open');
  return opened.id;
}

/** Polls until `predicate` holds (real time; the bot's worker ticks every 100 ms). */
export async function eventually<T>(probe: () => Promise<T> | T, predicate: (v: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!predicate(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

export async function caseOf(h: Harness, requesterId: string): Promise<ExportCase> {
  const cases = await h.app.workflow.listMyCases(requesterId, 1);
  if (!cases[0]) throw new Error(`no case for ${requesterId}`);
  return cases[0];
}

/** Messages in a user's DM with the bot. */
export function dmMessages(h: Harness, userId: string) {
  const channel = h.slack.dmChannelOf(userId);
  return channel ? h.slack.messages(channel) : [];
}

/** Every button (action id + value) in a message's blocks. */
export function buttonsOf(message: { blocks?: unknown[] }): Array<{ action_id: string; value?: string }> {
  const out: Array<{ action_id: string; value?: string }> = [];
  for (const block of (message.blocks ?? []) as Array<{ type: string; elements?: Array<{ type: string; action_id: string; value?: string }>; accessory?: { type: string; action_id: string; value?: string } }>) {
    for (const el of block.elements ?? []) if (el.type === 'button') out.push({ action_id: el.action_id, value: el.value });
    if (block.accessory?.type === 'button') out.push({ action_id: block.accessory.action_id, value: block.accessory.value });
  }
  return out;
}

/** Sends a slash command and resolves the ephemeral answer (the response_url call's body: text, blocks…). */
export async function commandReply(h: Harness, userId: string, text: string): Promise<Record<string, unknown>> {
  const before = h.slack.callsTo('response_url').length;
  const res = await h.sender.command({ text, userId });
  if (res.status !== 200) throw new Error(`the command was answered ${res.status}`);
  await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length > before);
  return h.slack.callsTo('response_url')[before]!.args;
}

/** Sends a button click and resolves the ephemeral answer the clicker sees (through response_url). */
export async function clickAnswer(h: Harness, payload: object): Promise<string> {
  const before = h.slack.callsTo('response_url').length;
  const res = await h.sender.interactive(payload);
  if (res.status !== 200) throw new Error(`click answered ${res.status}`);
  const call = await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length > before);
  return String(call.args.text);
}
