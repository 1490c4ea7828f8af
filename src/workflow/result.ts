/** What the workflow answers a person's action with: the result, or a refusal they can act on. */
import type { PolicyProblem } from './policy.js';

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

export interface Refusal {
  code: RefusalCode;
  /** what a person reads: plain, specific, actionable */
  message: string;
  /** for 'invalid_request': each problem by form field, so a modal can show it beside the field */
  problems?: PolicyProblem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse<T = never>(code: RefusalCode, message: string, problems?: PolicyProblem[]): Result<T> {
  return { ok: false, refusal: problems ? { code, message, problems } : { code, message } };
}
