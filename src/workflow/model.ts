/**
 * The export workflow's data model. One record per case; the subject exports live inside it so a
 * single atomic update covers a whole transition.
 *
 * Data minimisation: records hold ids, names and states only. Never an email address, a results
 * URL, a signed link or message text (issue 7 scans the store for them). Emails are used to
 * resolve a subject and then forgotten: `resolvedVia` records how the match was made.
 */

export const LEGAL_BASES = [
  'data_subject_access_request',
  'legal_hold',
  'regulator_or_law_enforcement',
  'internal_investigation',
  'other',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];


/** Case life cycle. Every legal move is listed in `state-machine.ts`. */
export const CASE_STATES = [
  'awaiting_approval',
  'rejected',
  'approval_expired',
  'approved',
  'submitting',
  'in_progress',
  'completed',
  'partly_failed',
  'failed',
  'withdrawn', // the requester withdrew it: nothing more is sent to Genesys or fetched from it
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** One subject's export, inside its case. */
export const SUBJECT_EXPORT_STATES = [
  'pending', // not yet sent to Genesys
  'submitting', // marked before the POST; after a crash, reconcile before posting again
  'submitted', // Genesys accepted it; being polled
  'completed',
  'failed',
] as const;
export type SubjectExportState = (typeof SUBJECT_EXPORT_STATES)[number];

export type ResolvedVia = 'slack_profile_email' | 'email' | 'genesys_user_id';

/** Where a subject's failure happened: the Slack layer words it from this and the code. */
export type SubjectFailureStage = 'submit' | 'poll' | 'retrying';

export interface ErrorInfo {
  /** a stable code, e.g. a GenesysErrorCode or 'export_error' */
  code: string;
  /**
   * Written by v0.1.0 only: the English sentence it showed. Now the Slack catalog words the code;
   * a stored sentence is still shown as it is.
   */
  message?: string;
  /** absent in v0.1.0 data (its `message` says it all) */
  stage?: SubjectFailureStage;
  /** permission_missing: the permission the failed operation needs */
  permission?: string;
  at: string;
}

export interface SubjectExport {
  /** stable within the case: 's1', 's2', … */
  id: string;
  slackUserId?: string;
  genesysUserId: string;
  /** the Genesys name, or the Slack real name when Genesys omits it */
  name?: string;
  resolvedVia: ResolvedVia;
  state: SubjectExportState;
  /** Genesys GDPR request id, once known */
  requestId?: string;
  /** when the last POST attempt began (ISO); reconciliation looks for requests created after it, minus skew */
  submitStartedAt?: string;
  submittedAt?: string;
  /** last status Genesys reported, kept verbatim even when unknown to us */
  genesysStatus?: string;
  lastCheckedAt?: string;
  nextCheckAt?: string;
  /** status checks made so far */
  checks: number;
  /** submission attempts (a retry after ERROR adds one) */
  attempts: number;
  lastError?: ErrorInfo;
  /** download ids parsed from resultsUrl(s); the URLs themselves are not stored */
  downloadIds?: string[];
  completedAt?: string;
  failedAt?: string;
}

export type ApprovalDecision = 'approved' | 'rejected' | 'expired';

export interface Approval {
  required: boolean;
  /** who may decide, as configured when the case was made (user and group ids) */
  approverIds: string[];
  expiresAt?: string;
  reminderSentAt?: string;
  decision?: ApprovalDecision;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
  /**
   * Slack user ids that got the card: the approvers, minus the requester and the subjects, when the
   * case was made. Absent on cases written by v0.1.0 (then every decider is checked afresh).
   */
  eligibleApproverIds?: string[];
  /** approvers found to be a subject of the case (by Slack id or Genesys user); they never decide */
  subjectApproverIds?: string[];
  /** approvers the bot could not check when the case was made (a look-up failed): no card; checked when they act */
  uncheckedApproverIds?: string[];
}

export interface ExportCase {
  /** short, readable, unguessable: e.g. 'GX-7K2M9QPA' */
  id: string;
  /** bumped on every write; optimistic check for racing writers */
  version: number;
  teamId: string;
  requesterId: string;
  subjects: SubjectExport[];
  legalBasis: LegalBasis;
  caseReference: string;
  justification: string;
  /** when the bot received the request, i.e. when the case was made (ISO); v0.1.0 called it receipt */
  receivedAt: string;
  /**
   * Data subject access requests: when the GDPR response is due, the end of `receivedOn` + one
   * month in the requester's time zone (ISO). v0.1.0 cases hold creation + one month for every
   * legal basis; only a DSAR's is shown. Absent for other legal bases.
   */
  dueAt?: string;
  /** DSAR: the day the organisation received the data subject's request ('YYYY-MM-DD'); absent in v0.1.0 cases (not recorded) */
  receivedOn?: string;
  /** other legal bases: the day the requester needs the exports by, if they gave one ('YYYY-MM-DD') */
  neededBy?: string;
  /** the requester's time zone when the case was made (IANA), for the end of a due day */
  timeZone?: string;
  /** the one extension of a DSAR's deadline (GDPR art. 12(3)) */
  extension?: DeadlineExtension;
  /** set when the requester withdrew the case */
  withdrawal?: Withdrawal;
  approval: Approval;
  state: CaseState;
  createdAt: string;
  updatedAt: string;
  /** set when the case reaches a final state; retention counts from here */
  finishedAt?: string;
}

export interface DeadlineExtension {
  /** further months granted: 1 or 2 */
  months: number;
  /** why, as the person wrote it (shown to the requester and approvers; never audited) */
  reason: string;
  by: string;
  at: string;
  /** the extended due day ('YYYY-MM-DD') and the instant it ends (ISO) */
  dueOn: string;
  dueAt: string;
}

export const WITHDRAWAL_REASONS = ['subject_withdrew', 'made_in_error', 'duplicate', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export interface Withdrawal {
  by: string;
  at: string;
  /** why, as a category: audited */
  reason: WithdrawalReason;
  /** the requester's own words, if any (kept on the case, never audited) */
  note?: string;
  /** before approval nothing reached Genesys; after submission exports may still run there */
  stage: 'before_approval' | 'before_submission' | 'after_submission';
}

/** What a requester submits, after the Slack layer resolved every subject. */
export interface NewCaseInput {
  teamId: string;
  requesterId: string;
  subjects: Array<Pick<SubjectExport, 'slackUserId' | 'genesysUserId' | 'name' | 'resolvedVia'>>;
  legalBasis: LegalBasis;
  caseReference: string;
  justification: string;
  /** DSAR: the day the data subject's request was received ('YYYY-MM-DD'); required for that basis */
  receivedOn?: string;
  /** other bases: an optional day the exports are needed by ('YYYY-MM-DD') */
  neededBy?: string;
  /** the requester's IANA time zone: "today" and the end of a due day are theirs */
  timeZone?: string;
}

/**
 * Notifications go through an outbox (record first, send, mark sent). The id is deterministic, so
 * enqueueing the same event twice is a no-op and a resend after a crash can be recognised.
 * Entries carry ids only; the notifier reads the case to render.
 */
export const NOTIFICATION_KINDS = [
  'approval_requested',
  'approval_reminder',
  'case_decided', // approved, rejected or expired: update cards and tell the requester
  'case_status', // refresh the requester's status message
  'subject_ready',
  'subject_failed',
  'case_finished', // every subject done: offers the conversation timeline when all completed
  'case_purged', // the case was deleted after retention: clear what the bot left in Slack (no case to read)
  'deadline_extended', // the due date was extended: cards and status message show it, the requester is told
  'deadline_reminder', // a DSAR's due date is near: the requester is told (one per stage and due day)
  'deadline_overdue', // a DSAR's due date passed: the requester, the approvers and oversight are told
  'case_withdrawn', // the requester withdrew the case: cards and status message say so, the requester is told
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  /** deterministic, e.g. `${caseId}:subject_ready:${subjectId}:${attempt}` */
  id: string;
  kind: NotificationKind;
  caseId: string;
  subjectId?: string;
  createdAt: string;
  /** 'sending' is written just before the send: a crash after it means "maybe delivered" */
  status: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  lastError?: string;
  /**
   * Parts of a notification that sends several messages (a card per approver, a status update and
   * a reply) already delivered: part key → the notifier's own reference to what it sent. A retry
   * skips them. Absent in entries written by v0.1.0: nothing known, so the notifier checks first.
   */
  deliveredParts?: Record<string, string>;
}

export const AUDIT_ACTIONS = [
  'requested',
  'denied',
  'approved',
  'rejected',
  'submitted',
  'status_changed',
  'completed',
  'failed',
  'link_issued',
  'retried',
  'expired',
  'timeline_built',
  'purged',
  'audit_exported',
  // the audit trail's own records (audit-chain.ts): never about a case
  'audit_genesis',
  'audit_checkpoint',
  'extended',
  'withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only. Ids only: never an email, a link or message text. */
export interface AuditEntry {
  /** unique, time-ordered */
  id: string;
  at: string;
  action: AuditAction;
  /** Slack user id of the person, or 'system' for the bot's own steps */
  actor: string;
  teamId?: string;
  caseId?: string;
  /** Genesys user ids of the subjects concerned */
  subjectIds?: string[];
  /** Genesys request ids concerned */
  requestIds?: string[];
  /** short, non-personal detail: a state, an error code, a reason category */
  detail?: string;
  /**
   * repeated refusals (same actor, action and detail) collapsed into this entry; absent means 1.
   * A tally kept beside the hash chain: the one field a stored entry may change, not hashed.
   */
  count?: number;
  /** the case's reference (e.g. the DSAR ticket) and legal basis, so the entry outlives the case; never the justification */
  caseReference?: string;
  legalBasis?: LegalBasis;
  /**
   * The hash chain (audit-chain.ts): position, the previous entry's hash, and this entry's own.
   * Absent on entries written before the chain existed (v0.1.0): those form the genesis segment.
   */
  seq?: number;
  prevHash?: string;
  hash?: string;
  /** timeline_built only (absent in entries written before it existed): where the timeline came from */
  custody?: TimelineCustody;
  /** on 'audit_genesis' and 'audit_checkpoint' entries only */
  chain?: AuditChainRecord;
}

export type AuditChainRecord = AuditGenesisRecord | AuditCheckpointRecord;

/** Seals the entries written before the chain: they hash, in time order, to `segmentHash`. */
export interface AuditGenesisRecord {
  kind: 'genesis';
  /** how many pre-chain entries, and the first and last of them (time order) */
  entries: number;
  firstId?: string;
  lastId?: string;
  lastAt?: string;
  /** equals this entry's prevHash: the pre-chain segment links into the chain through it */
  segmentHash: string;
}

/** What a retention purge removed: the chain is verified from `lastHash` on. */
export interface AuditCheckpointRecord {
  kind: 'checkpoint';
  /** entries removed by this purge (any genesis segment included) */
  purged: number;
  firstId: string;
  lastId: string;
  /** seq of the last removed chained entry; 0 when only the genesis segment went */
  lastSeq: number;
  /** hash of the last removed entry: the entry at lastSeq + 1 must hold it as prevHash */
  lastHash: string;
  /** the cut-off: entries older than this were due */
  before: string;
  /** HMAC-SHA256 with AUDIT_SIGNING_KEY over the canonical record without it; absent when no key is set */
  signature?: string;
}

/**
 * The chain of custody of a delivered timeline: every archive read (hashes of the ZIP as
 * downloaded and of its chat entry) and every file delivered. Hashes and ids only.
 */
export interface TimelineCustody {
  archives: Array<{
    requestId?: string;
    /** the subject's Genesys user id */
    subjectId: string;
    /** when the bot saw the export complete (ISO) */
    completedAt?: string;
    /** 1-based among the export's archives */
    archive: number;
    archiveBytes: number;
    zipSha256: string;
    /** one per `REALTIME!messages` entry (none when the export held no chat) */
    chatSha256: string[];
    messages: number;
  }>;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export const TERMINAL_CASE_STATES: readonly CaseState[] = [
  'rejected',
  'approval_expired',
  'completed',
  'partly_failed',
  'failed',
  'withdrawn',
];
