/**
 * A local fake of the Slack Web API on a real HTTP server (node:http), for end-to-end tests, the
 * demo, benchmarks and the reliability suite. Point `slackApiUrl` at `fake.url`; put
 * `${fake.responseUrlBase}<id>` in payloads as response_url. It keeps the workspace state the bot
 * changes (messages, views, files), checks Block Kit limits as Slack does, and records every call.
 * See README.md in this folder for what it models and what it leaves out.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallLog } from './call-log.js';
import type { RecordedCall } from './call-log.js';
import { createChatMethods } from './chat-methods.js';
import { createConversationMethods } from './conversation-methods.js';
import { DEFAULT_BOT_ID, DEFAULT_BOT_TOKEN, DEFAULT_BOT_USER_ID, DEFAULT_COMMAND_CHANNEL, DEFAULT_TEAM_ID, FAKE_APP_ID } from './defaults.js';
import { createDirectoryMethods } from './directory-methods.js';
import { createMethodFaults } from './faults.js';
import { createFileMethods } from './file-methods.js';
import { TRIGGER_TTL_MS } from './interaction-ids.js';
import type { MethodHandler } from './method-result.js';
import { createRequestRouter } from './request-router.js';
import { DEFAULT_SCOPES } from './scopes.js';
import { createSocketModeServer, DEFAULT_APP_TOKEN, type FakeSocketMode } from './socket-mode.js';
import { createViewMethods } from './view-methods.js';
import { createWorkspace } from './workspace.js';
import type { FakeSlackUser, StoredMessage, Workspace } from './workspace.js';

export type { RecordedCall } from './call-log.js';
export type { FakeSlackUser } from './workspace.js';
export { FILE_UPLOAD_METHOD, RESPONSE_URL_METHOD } from './request-router.js';
export { DEFAULT_APP_TOKEN } from './socket-mode.js';
export type { DeliveredEnvelope, EnvelopeType, FakeSocketMode, SocketAck } from './socket-mode.js';

export interface FakeSlackOptions {
  port?: number;
  /** default 'xoxb-test-token' */
  botToken?: string;
  /** default 'T0TEST' */
  teamId?: string;
  /** default 'UBOT' */
  botUserId?: string;
  /** default 'BBOT' */
  botId?: string;
  users?: FakeSlackUser[];
  /** usergroup id → member user ids */
  usergroups?: Record<string, string[]>;
  /** the bot's scopes: sent in x-oauth-scopes and enforced per method; default DEFAULT_SCOPES (manifest.yml's) */
  scopes?: string[];
  /** channel ids the bot can post to, default [DEFAULT_COMMAND_CHANNEL]; DMs join as the bot opens them */
  channels?: string[];
  /** channel id → member user ids, answered by conversations.members */
  channelMembers?: Record<string, string[]>;
  /** how long our trigger ids stay usable; default 3000 ms as on Slack */
  triggerTtlMs?: number;
  /** the app-level token for apps.connections.open (Socket Mode); default DEFAULT_APP_TOKEN */
  appToken?: string;
}

/** A channel message as it stands now; `edited` is set once chat.update changed it. */
export type FakeSlackMessage = StoredMessage;

export interface FakeSlackFile {
  id: string;
  filename: string;
  title: string;
  bytes: Buffer;
  channel_id?: string;
  initial_comment?: string;
}

export interface FakeSlackView {
  id: string;
  // Views are whatever JSON the bot sent; tests dig into them freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  view: any;
  /** the view's callback_id, typed, for finding a view without digging */
  callbackId?: string;
  user?: string;
}

export interface FakeSlack {
  /** http://127.0.0.1:PORT/api/ — use as slackApiUrl */
  readonly url: string;
  /** http://127.0.0.1:PORT/response/ — POSTs to `${responseUrlBase}<id>` are recorded as method 'response_url' */
  readonly responseUrlBase: string;
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** calls refused with missing_scope, each naming the scope it needed: a test asserts there are none */
  scopeRefusals(): Array<{ method: string; needed: string }>;
  /** resolves with the first matching call, already made or still to come; rejects after timeoutMs (default 5000) listing the calls seen */
  waitFor(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** channel messages as they are now (after updates and replace_original), oldest first */
  messages(channel?: string): FakeSlackMessage[];
  /** open modals keyed by view id, and published Home views keyed by user id */
  views(): Map<string, FakeSlackView>;
  /** files whose bytes were uploaded, completed or not */
  files(): FakeSlackFile[];
  /** the DM channel id the bot has with this user, once one exists */
  dmChannelOf(userId: string): string | undefined;
  /** every later call to this method is answered after ms (0 removes the delay) */
  setDelay(method: string, ms: number): void;
  /** the next `times` calls get HTTP 429 with Retry-After */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** the next `times` (default 1) calls answer {ok:false, error} and change nothing */
  failWith(method: string, error: string, times?: number): void;
  addUser(u: FakeSlackUser): void;
  /** Socket Mode: the connections apps.connections.open hands out, and envelopes sent over them */
  readonly socketMode: FakeSocketMode;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const scopes = options.scopes ?? [...DEFAULT_SCOPES];
  const ws = createWorkspace(
    {
      botToken: options.botToken ?? DEFAULT_BOT_TOKEN,
      teamId: options.teamId ?? DEFAULT_TEAM_ID,
      botUserId: options.botUserId ?? DEFAULT_BOT_USER_ID,
      botId: options.botId ?? DEFAULT_BOT_ID,
      appId: FAKE_APP_ID,
      scopes,
    },
    options.users ?? [],
    options.usergroups ?? {},
    options.channels ?? [DEFAULT_COMMAND_CHANNEL],
    options.channelMembers,
  );
  const log = createCallLog();
  const faults = createMethodFaults();
  const handlers: Record<string, MethodHandler> = {
    ...createDirectoryMethods(ws),
    ...createChatMethods(ws),
    ...createConversationMethods(ws),
    ...createViewMethods(ws, { triggerTtlMs: options.triggerTtlMs ?? TRIGGER_TTL_MS }),
    ...createFileMethods(ws),
  };
  const shutdown = new AbortController();
  const socketMode = createSocketModeServer({
    appToken: options.appToken ?? DEFAULT_APP_TOKEN,
    botToken: ws.identity.botToken,
    appId: FAKE_APP_ID,
    baseUrl: () => ws.baseUrl,
  });
  const server = createServer(createRequestRouter({ ws, log, faults, handlers, shutdown: shutdown.signal, openSocketConnection: socketMode.openConnection }));
  server.on('upgrade', socketMode.upgrade);
  const port = await listen(server, options.port ?? 0);
  ws.baseUrl = `http://127.0.0.1:${port}/`;

  return {
    url: `${ws.baseUrl}api/`,
    responseUrlBase: `${ws.baseUrl}response/`,
    calls: log.calls,
    callsTo: log.callsTo,
    // only the grant's own refusals name the scope; a fault a test armed with failWith does not
    scopeRefusals: () => log.calls.filter((c) => c.error === 'missing_scope' && c.needed !== undefined).map((c) => ({ method: c.method, needed: c.needed ?? '?' })),
    waitFor: log.waitFor,
    messages: (channel) => ws.messages.filter((m) => channel === undefined || m.channel === channel).map((m) => structuredClone(m)),
    views: () => viewsByKey(ws),
    files: () => uploadedFiles(ws),
    dmChannelOf: (userId) => ws.dmOf(userId),
    setDelay: faults.setDelay,
    rateLimit: faults.rateLimit,
    failWith: faults.failWith,
    addUser: (u) => void ws.users.set(u.id, u),
    socketMode,
    close: async () => {
      shutdown.abort();
      socketMode.close();
      log.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function viewsByKey(ws: Workspace): Map<string, FakeSlackView> {
  const result = new Map<string, FakeSlackView>();
  for (const stored of ws.views.values()) {
    const entry: FakeSlackView = { id: stored.id, view: structuredClone(stored.view) };
    if (typeof stored.view.callback_id === 'string') entry.callbackId = stored.view.callback_id;
    if (stored.user) entry.user = stored.user;
    result.set(stored.kind === 'home' && stored.user ? stored.user : stored.id, entry);
  }
  return result;
}

function uploadedFiles(ws: Workspace): FakeSlackFile[] {
  return [...ws.files.values()].flatMap((f) => {
    if (!f.bytes) return [];
    const file: FakeSlackFile = { id: f.id, filename: f.filename, title: f.title ?? f.filename, bytes: Buffer.from(f.bytes) };
    if (f.channel_id) file.channel_id = f.channel_id;
    if (f.initial_comment) file.initial_comment = f.initial_comment;
    return [file];
  });
}

