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

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  data_subject_access_request: 'Data subject access request',
  legal_hold: 'Legal hold or litigation',
  regulator_or_law_enforcement: 'Regulator or law-enforcement request',
  internal_investigation: 'Internal investigation',
  other: 'Other',
};

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

export interface ErrorInfo {
  /** a stable code, e.g. a GenesysErrorCode or 'request_expired' */
  code: string;
  /** a plain sentence a person can read; never holds secrets or personal data */
  message: string;
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
}

export const TERMINAL_CASE_STATES: readonly CaseState[] = [
  'rejected',
  'approval_expired',
  'completed',
  'partly_failed',
  'failed',
  'withdrawn',
];
