/**
 * What the workflow answers a person's action with: the result, or a refusal they can act on.
 * A refusal is coded (code, reason, params): the Slack layer's catalog turns it into words.
 */
import type { CaseState, SubjectExportState } from './model.js';
import type { PolicyField, PolicyProblem } from './policy.js';

export type RefusalCode =
  | 'not_requester'
  | 'not_approver'
  | 'self_approval'
  | 'no_eligible_approver'
  | 'approvers_are_subjects'
  | 'subject_of_request'
  | 'no_longer_requester'
  | 'invalid_request'
  | 'case_not_found'
  | 'not_your_case'
  | 'already_decided'
  | 'approval_expired'
  | 'not_retryable'
  | 'not_ready'
  | 'export_expired'
  | 'temporarily_unavailable'
  | 'not_auditor'
  | 'not_allowed_to_view'

  | 'not_allowed_to_extend'
  | 'no_gdpr_deadline'
  | 'already_extended'
  | 'extension_too_late'
  | 'case_closed'
  | 'invalid_reason';

/** what a requester does with their own case; each is re-checked against today's GDPR_REQUESTERS */
export type OwnerAction = 'download' | 'retry' | 'request_again' | 'timeline';

/**
 * Why exactly an action was refused, and what the words need. A code can have several reasons
 * (e.g. 'case_closed': withdrawn, or closed before an extension), each worded once in the catalog.
 */
export interface RefusalParams {
  not_requester: Record<string, never>;
  /** the words are the problems' own (see `Refusal.problems`) */
  policy_problems: Record<string, never>;
  only_approver: Record<string, never>;
  approvers_unchecked: Record<string, never>;
  approvers_are_subjects: Record<string, never>;
  reject_reason_too_short: Record<string, never>;
  reject_reason_too_long: { length: number };
  download_withdrawn: { caseId: string };
  retry_withdrawn: { caseId: string };
  not_ready: { subject: string };
  download_unavailable: Record<string, never>;
  not_allowed_to_extend: { caseId: string };
  withdraw_no_longer_requester: { caseId: string };
  list_not_requester: Record<string, never>;
  oversight_not_auditor: Record<string, never>;
  not_allowed_to_view: { caseId: string };
  audit_export_not_auditor: Record<string, never>;
  audit_export_days: { maxDays: number; retentionDays: number };
  decided_case_gone: Record<string, never>;
  self_approval_button: { caseId: string };
  not_approver_button: { caseId: string };
  not_approver_step: { caseId: string; step: 'approve' | 'reject' };
  self_approval_step: { caseId: string; step: 'approve' | 'reject' };
  decider_unchecked: { caseId: string };
  subject_of_request: { caseId: string };
  not_owner: { caseId: string; action: OwnerAction };
  owner_no_longer_requester: { caseId: string; action: OwnerAction };
  case_not_found: { caseId: string };
  export_expired: { subject?: string };
  approval_expired: { caseId: string; expiresAt?: string };
  no_approval_needed: { caseId: string };
  already_decided: { caseId: string; decision?: string; decidedBy?: string; decidedAt?: string };
  no_such_export: { caseId: string; subjectId: string };
  not_failed: { subject: string; state: SubjectExportState };
  no_gdpr_deadline: { caseId: string };
  already_extended: { caseId: string; dueOn: string };
  closed_no_extension: { caseId: string; state: CaseState };
  extension_too_late: { caseId: string; dueOn: string };
  extension_reason_missing: Record<string, never>;
  extension_reason_too_long: { length: number };
  extension_months: { maxMonths: number };
  withdraw_not_owner: { caseId: string };
  already_closed: { caseId: string; state: CaseState };
  withdraw_reason_missing: Record<string, never>;
}

export type RefusalReason = keyof RefusalParams;

interface CodedRefusal<R extends RefusalReason> {
  code: RefusalCode;
  reason: R;
  params: RefusalParams[R];
  /** for 'invalid_request': each problem by form field, so a modal can show it beside the field */
  problems?: PolicyProblem[];
  /** the form field this refusal belongs beside, when it is about one */
  field?: PolicyField;
}

/** a refusal, as a union over reasons so that `reason` narrows `params` */
export type Refusal = { [R in RefusalReason]: CodedRefusal<R> }[RefusalReason];

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** a coded refusal; `extra` places it beside a form field or carries the policy problems */
export function refusalOf<R extends RefusalReason>(
  code: RefusalCode,
  reason: R,
  params: RefusalParams[R],
  extra: { problems?: PolicyProblem[]; field?: PolicyField } = {},
): Refusal {
  return { code, reason, params, ...extra } as Refusal;
}

export function refuse<T = never, R extends RefusalReason = RefusalReason>(
  code: RefusalCode,
  reason: R,
  params: RefusalParams[R],
  extra: { problems?: PolicyProblem[]; field?: PolicyField } = {},
): Result<T> {
  return { ok: false, refusal: refusalOf(code, reason, params, extra) };
}
