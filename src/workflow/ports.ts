/**
 * The narrow interfaces the workflow depends on. Adapters implement them: `src/genesys` (Genesys
 * Cloud over axios), `src/store` (Redis or the embedded store), `src/slack` (notifier, membership).
 * The workflow imports none of those modules' implementations.
 */
import type { AuditChainHead } from './audit-chain.js';
import type { AuditEntry, ExportCase, Notification } from './model.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ---------------------------------------------------------------- Genesys

/** A GDPR request as the workflow needs it (validated by the client). */
export interface GdprRequestInfo {
  id: string;
  requestType: string;
  /** verbatim; unknown values are possible and mean "still running" */
  status: string;
  createdDate: string;
  subjectUserId?: string;
  /** download ids parsed from resultsUrls (preferred) or resultsUrl; empty until completed */
  downloadIds: string[];
}

export interface GenesysSubjectMatch {
  userId: string;
  name?: string;
}

export interface SignedDownload {
  url: string;
  /** when the bot believes the link stops working (Genesys does not say; we state a conservative bound) */
  expiresAt: string;
}

export interface GenesysPort {
  /** GET /api/v2/gdpr/subjects?searchType=EMAIL — only matches with a userId are returned */
  findSubjectsByEmail(email: string): Promise<GenesysSubjectMatch[]>;
  /** POST /api/v2/gdpr/requests, duplicate-safe: a lost answer is reconciled before any re-send */
  createExport(userId: string): Promise<GdprRequestInfo>;
  getRequest(requestId: string): Promise<GdprRequestInfo>;
  /** the newest GDPR_EXPORT for this user created at or after `since`, if any (pages through listings) */
  findExportSince(userId: string, since: Date): Promise<GdprRequestInfo | undefined>;
  /** GET /api/v2/downloads/{id}?issueRedirect=false; throws GenesysError 'not_found' when expired */
  resolveDownload(downloadId: string): Promise<SignedDownload>;
  /** messageRetentionPeriodDays, or undefined when the permission is missing */
  getChatRetentionDays(): Promise<number | undefined>;
  /** GET /api/v2/users/{id}: the user's name, or undefined when unknown or the (optional) permission is missing */
  getUserName(userId: string): Promise<string | undefined>;
}

// ---------------------------------------------------------------- Store

/** Timers are the single scheduling mechanism: polls, submissions, approval expiry, purges. */
export type TimerKey =
  | `submit:${string}:${string}` // caseId, subjectId
  | `poll:${string}:${string}` // caseId, subjectId
  | `approval-remind:${string}` // caseId
  | `approval-expire:${string}` // caseId
  | `purge:${string}` // caseId
  | `deadline:${string}`; // caseId: the next GDPR deadline reminder or the overdue escalation

export interface CaseUpdate {
  /** the case as written, with version bumped */
  updated: ExportCase;
  previous: ExportCase;
}

/**
 * Thrown by a store adapter when its database does not answer (connection refused or lost, disk
 * full, lock wait timed out): the Slack layer tells the person the bot is temporarily unavailable.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'store_unavailable' as const;

  /** keeps the driver's message (for the log; it names no person), the driver error as `cause` */
  constructor(cause: unknown) {
    super((cause as Error | undefined)?.message ?? 'store unavailable', { cause });
  }
}

export function isStoreUnavailableError(e: unknown): e is StoreUnavailableError {
  return e instanceof StoreUnavailableError;
}

export interface WorkflowStore {
  readonly kind: 'redis' | 'sqlite' | 'memory';
  /** a sentence for the start-up log, e.g. "Redis at 127.0.0.1:6379 (prefix gdpr:)" without credentials */
  readonly description: string;

  /** writes a new case; throws if the id exists */
  createCase(c: ExportCase): Promise<void>;
  getCase(id: string): Promise<ExportCase | undefined>;
  /**
   * Atomic read-modify-write. `mutate` gets a copy; return the new case to write it (the store bumps
   * `version` and `updatedAt`) or `undefined` to leave it unchanged. Concurrent updates to one case
   * are serialised (a lock in Redis, an in-process guard in the embedded store): no lost update.
   * Resolves `undefined` when the case does not exist or `mutate` declined.
   * `mutate` may run more than once (Redis re-runs it when a stalled writer lost its lock), so it
   * must be pure: no I/O, no side effects, only the returned case.
   */
  updateCase(id: string, mutate: (c: ExportCase) => ExportCase | undefined): Promise<CaseUpdate | undefined>;
  /** removes the case, its index entries, timers and outbox entries, except a 'case_purged' entry */
  deleteCase(id: string): Promise<void>;
  /** newest first */
  listCasesByRequester(requesterId: string, limit?: number): Promise<ExportCase[]>;
  /** cases in state awaiting_approval, oldest first */
  listCasesAwaitingApproval(limit?: number): Promise<ExportCase[]>;
  /**
   * Every case, newest first (by creation), for oversight. Cases written by v0.1.0 are included:
   * the embedded store's index always held them, Redis backfills its index (see redis-store.ts).
   */
  listCases(limit?: number): Promise<ExportCase[]>;

  /** sets or moves a timer (idempotent) */
  setTimer(key: TimerKey, at: Date): Promise<void>;
  clearTimer(key: TimerKey): Promise<void>;
  /** timers due at `now`, earliest first; cost proportional to the due ones, not to all timers */
  dueTimers(now: Date, limit: number): Promise<TimerKey[]>;
  /** total timers and the earliest due time (metrics, benchmarks) */
  timerStats(): Promise<{ count: number; earliest?: Date }>;

  /**
   * A named mutual-exclusion lease (SET NX PX with token-checked release in Redis). Resolves false
   * when someone else holds it. Renewing with the same holder extends it.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;

  /** adds a notification unless one with that id exists; resolves whether it was added */
  enqueueNotification(n: Notification): Promise<boolean>;
  getNotification(id: string): Promise<Notification | undefined>;
  /** pending or sending entries whose nextAttemptAt <= now, oldest first */
  dueNotifications(now: Date, limit: number): Promise<Notification[]>;
  updateNotification(id: string, patch: Partial<Notification>): Promise<void>;

  /**
   * Appends the entry as the next link of the hash chain (workflow/audit-chain.ts) and resolves it
   * as stored, with seq, prevHash and hash. Atomic across replicas: the chain never forks. The first
   * append after entries written before the chain (v0.1.0) seals them into a genesis entry first.
   */
  appendAudit(entry: AuditEntry): Promise<AuditEntry>;
  /**
   * Appends `entry`, unless one was appended under the same `collapseKey` less than `windowMs` before
   * `entry.at`: then that entry's `count` goes up by one instead (same id and time), and it is what
   * resolves. Atomic across replicas. Keeps repeated refusals from flooding the trail.
   */
  appendAuditOrCount(entry: AuditEntry, collapseKey: string, windowMs: number): Promise<AuditEntry>;
  /** in time order, from `since` (inclusive) to `until` (exclusive) */
  readAudit(since: Date, until?: Date): AsyncIterable<AuditEntry>;
  /**
   * Removes the oldest entries, those older than `before`, as a prefix of the chain, after appending
   * a checkpoint of what goes (HMAC-signed with `signingKey` when given); resolves how many went.
   */
  purgeAudit(before: Date, options?: { signingKey?: string }): Promise<number>;
  /** the chain's last link, or undefined before the first chained entry */
  auditHead(): Promise<AuditChainHead | undefined>;
  /** seals the pre-chain entries into the genesis entry once; resolves it, or undefined when there is nothing to seal */
  sealAuditGenesis(at: Date): Promise<AuditEntry | undefined>;

  /**
   * Shared fixed-window counter for the Genesys call budget. Resolves 0 when one call may go now
   * (and counts it), else the milliseconds to wait before the window has room.
   */
  takeBudget(name: string, perMinute: number, now: Date): Promise<number>;
  /** a shared "nobody calls before" mark, set after a 429 with Retry-After; the later of two marks wins */
  setPauseUntil(name: string, until: Date): Promise<void>;
  getPauseUntil(name: string): Promise<Date | undefined>;

  /** small opaque records of adapters (e.g. where Slack messages of a case live); optional TTL */
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  deleteMeta(key: string): Promise<void>;

  /** true when any case, timer, notification or audit entry exists (tells v0.1.0 data from a new store) */
  hasData(): Promise<boolean>;

  /** true when the backing store answers (readiness) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- Slack-side ports

/** What the outbox tells the notifier about earlier attempts of one entry. */
export interface DeliveryOptions {
  /**
   * True when an earlier attempt may have sent parts it never recorded (a crash between sending and
   * recording, an answer lost to a timeout, a failed record): before sending a part not in
   * `deliveredParts`, the notifier must check whether it already exists (its id is carried in
   * message metadata). When that check fails, the notifier throws and sends nothing.
   */
  possiblyDelivered: boolean;
  /** parts recorded by earlier attempts (part key → the notifier's reference); never sent again */
  deliveredParts: Readonly<Record<string, string>>;
  /** records one part as delivered, before the next part is sent */
  recordPart(part: string, ref: string): Promise<void>;
}

/** Delivers one outbox entry. Implemented by the Slack layer. */
export interface NotifierPort {
  deliver(n: Notification, c: ExportCase, opts: DeliveryOptions): Promise<void>;
  /**
   * Delivers a 'case_purged' entry, whose case is deleted: remove or tombstone what the bot left in
   * the chat tool. Must be safe to repeat. Without it, such entries are dropped like any other
   * notification of a missing case.
   */
  deliverAfterPurge?(n: Notification, opts: { possiblyDelivered: boolean }): Promise<void>;
}

/** Who a Slack user is in Genesys Cloud, through their Slack profile email. Implemented by the Slack layer. */
export interface IdentityPort {
  /** the Genesys user ids their email matches ([] when none, or no email); throws when it cannot tell */
  genesysUserIdsOf(slackUserId: string): Promise<string[]>;
}

/** Resolves whether a Slack user is one of the listed users or in one of the listed user groups. */
export interface MembershipPort {
  isMember(userId: string, ids: readonly string[]): Promise<boolean>;
  /** every user id the listed ids stand for (groups expanded) */
  expand(ids: readonly string[]): Promise<string[]>;
}
