/**
 * The state of the fake workspace: people, conversations, messages, views and files. Method
 * handlers read and change it; the FakeSlack accessors show copies of it to tests.
 */
import { randomBytes } from 'node:crypto';

export interface FakeSlackUser {
  id: string;
  name: string;
  real_name?: string;
  email?: string;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
  /** Slack's locale tag, returned only with include_locale (default en-US) */
  locale?: string;
  team_id?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  user?: string;
  files?: Array<{ id: string; name: string; title: string }>;
  edited?: { user: string; ts: string };
}

export interface StoredView {
  id: string;
  kind: 'modal' | 'home';
  view: Record<string, unknown>;
  /** who the modal was opened for (read from our trigger ids) or whose Home tab it is */
  user?: string;
}

export interface StoredFile {
  id: string;
  filename: string;
  declaredLength: number;
  title?: string;
  bytes?: Buffer;
  channel_id?: string;
  initial_comment?: string;
  completed: boolean;
}

export interface WorkspaceIdentity {
  botToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  scopes: string[];
}

export interface Workspace {
  readonly identity: WorkspaceIdentity;
  readonly users: Map<string, FakeSlackUser>;
  readonly usergroups: Map<string, string[]>;
  /** conversation ids the bot can post to: configured channels plus DMs it has opened */
  readonly conversations: Set<string>;
  /** channel id → member user ids (conversations.members); a channel not listed has none */
  readonly channelMembers: Map<string, string[]>;
  readonly messages: StoredMessage[];
  readonly views: Map<string, StoredView>;
  readonly homeViewByUser: Map<string, string>;
  readonly usedTriggers: Set<string>;
  readonly files: Map<string, StoredFile>;
  /** base of this server's own URLs, e.g. http://127.0.0.1:PORT/ — known once it listens */
  baseUrl: string;
  nextId(prefix: string): string;
  nextTs(): string;
  nextViewHash(): string;
  /** the DM channel with this user, created on first use and stable afterwards */
  openDm(userId: string): string;
  dmOf(userId: string): string | undefined;
  findMessage(channel: string, ts: string): StoredMessage | undefined;
}

export function createWorkspace(
  identity: WorkspaceIdentity,
  users: FakeSlackUser[],
  usergroups: Record<string, string[]>,
  channels: string[],
  channelMembers: Record<string, string[]> = {},
): Workspace {
  const dms = new Map<string, string>();
  const counters = new Map<string, number>();
  let tsSequence = 0;

  const workspace: Workspace = {
    identity,
    users: new Map(users.map((u) => [u.id, u])),
    usergroups: new Map(Object.entries(usergroups)),
    conversations: new Set(channels),
    channelMembers: new Map(Object.entries(channelMembers)),
    messages: [],
    views: new Map(),
    homeViewByUser: new Map(),
    usedTriggers: new Set(),
    files: new Map(),
    baseUrl: '',
    nextId(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}0${n.toString(36).toUpperCase().padStart(7, '0')}`;
    },
    nextTs() {
      // Slack ts values are "seconds.sequence" and unique per channel; a global sequence keeps them ordered.
      tsSequence += 1;
      return `${Math.floor(Date.now() / 1000)}.${String(tsSequence).padStart(6, '0')}`;
    },
    nextViewHash() {
      return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
    },
    openDm(userId) {
      let id = dms.get(userId);
      if (!id) {
        id = workspace.nextId('D');
        dms.set(userId, id);
        workspace.conversations.add(id);
      }
      return id;
    },
    dmOf(userId) {
      return dms.get(userId);
    },
    findMessage(channel, ts) {
      return workspace.messages.find((m) => m.channel === channel && m.ts === ts);
    },
  };
  return workspace;
}

export function isUserId(value: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(value);
}
