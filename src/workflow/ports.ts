/**
 * The narrow interfaces the workflow depends on. Adapters implement them: `src/genesys` (Genesys
 * Cloud over axios), `src/store` (Redis or the embedded store), `src/slack` (notifier, membership).
 * The workflow imports none of those modules' implementations.
 */
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
  deleteCase(id: string): Promise<void>;
  /** newest first */
  listCasesByRequester(requesterId: string, limit?: number): Promise<ExportCase[]>;
  /** cases in state awaiting_approval, oldest first */
  listCasesAwaitingApproval(limit?: number): Promise<ExportCase[]>;

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

  appendAudit(entry: AuditEntry): Promise<void>;
  /** in time order, from `since` (inclusive) to `until` (exclusive) */
  readAudit(since: Date, until?: Date): AsyncIterable<AuditEntry>;
  /** removes audit entries older than `before`; resolves how many */
  purgeAudit(before: Date): Promise<number>;

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

  /** true when the backing store answers (readiness) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- Slack-side ports

/** Delivers one outbox entry. Implemented by the Slack layer. */
export interface NotifierPort {
  /**
   * `possiblyDelivered` is true when an earlier attempt crashed after sending: the notifier must
   * check whether the message already exists (its id is carried in message metadata) before sending.
   */
  deliver(n: Notification, c: ExportCase, opts: { possiblyDelivered: boolean }): Promise<void>;
}

/** Resolves whether a Slack user is one of the listed users or in one of the listed user groups. */
export interface MembershipPort {
  isMember(userId: string, ids: readonly string[]): Promise<boolean>;
  /** every user id the listed ids stand for (groups expanded) */
  expand(ids: readonly string[]): Promise<string[]>;
}
