/**
 * English words for the workflow's refusals: what was refused, why, and what to do next. The
 * sentences are those the workflow wrote before it returned codes (v0.1.0 and since).
 */
import type { OwnerAction } from '../../../workflow/result.js';
import type { Catalog } from '../catalog.js';
import { FIELD_LIMITS } from '../../../workflow/limits.js';

const NOT_OWNER: Record<OwnerAction, (caseId: string) => string> = {
  download: (id) => `Only the person who requested ${id} can download its exports.`,
  retry: (id) => `Only the person who requested ${id} can retry its exports.`,
  request_again: () => 'Only the person who made the original request can request this export again.',
  timeline: () => 'Only the person who made the request can build its conversation timeline.',
};

const OWNER_DOES: Record<OwnerAction, string> = {
  download: 'download its exports',
  retry: 'retry its exports',
  request_again: 'request its exports again',
  timeline: 'build its conversation timeline',
};

const count = (n: number) => n.toLocaleString('en-US');

const ADD_APPROVER = 'Ask an administrator to add another approver to GDPR_APPROVERS.';
const stateWords = (state: string) => state.replace(/_/g, ' ');

export const enRefusals: Catalog['refusal'] = {
  not_requester: () =>
    'You are not allowed to request GDPR exports. Ask an administrator to add you (or a user group you belong to) to GDPR_REQUESTERS.',
  only_approver: () => `You are the only approver, and nobody may approve their own request. ${ADD_APPROVER}`,
  approvers_unchecked: () =>
    'I could not check the approvers with Genesys Cloud just now, so nobody could be asked to approve. Try again in a few minutes.',
  approvers_are_subjects: () =>
    `Every other approver is one of the people this request concerns, and nobody decides a request about themselves. ${ADD_APPROVER}`,
  reject_reason_too_short: () => `Give a reason for rejecting of at least ${FIELD_LIMITS.rejectReasonMin} characters; the requester will read it.`,
  reject_reason_too_long: (p) => `The reason is ${count(p.length)} characters long; keep it to ${count(FIELD_LIMITS.rejectReasonMax)}.`,
  download_withdrawn: (p) => `Request ${p.caseId} was withdrawn, so its results are not fetched from Genesys Cloud.`,
  retry_withdrawn: (p) => `Request ${p.caseId} was withdrawn; make a new request if the export is needed again.`,
  not_ready: (p) => `The export for ${p.subject} is not ready yet. You will get a message when it is.`,
  download_unavailable: () => 'Genesys Cloud is not answering right now. Try the download again in a few minutes.',
  not_allowed_to_extend: (p) => `Only the person who requested ${p.caseId}, or an approver, can extend its deadline.`,
  withdraw_no_longer_requester: (p) =>
    `You are no longer one of the GDPR requesters, so you cannot withdraw ${p.caseId}. An administrator can add you back to GDPR_REQUESTERS if you still need to.`,
  list_not_requester: () =>
    'Only the configured GDPR requesters can list their requests, and you are not (or no longer) one of them. Ask an administrator if you need to be added to GDPR_REQUESTERS.',
  oversight_not_auditor: () => 'Only the configured GDPR auditors can see every case. Ask an administrator to add you to GDPR_AUDITORS.',
  not_allowed_to_view: (p) => `Only the requester of ${p.caseId}, the approvers and the GDPR auditors can see it.`,
  audit_export_not_auditor: () => 'Only the configured GDPR auditors can export the audit trail. Ask an administrator to add you to GDPR_AUDITORS.',
  audit_export_days: (p) => `Give a whole number of days from 1 to ${p.maxDays} (the audit trail is kept ${p.retentionDays} days).`,
  decided_case_gone: () => 'This request no longer exists: it may have been removed after its retention period.',
  self_approval_button: (p) => `You asked for ${p.caseId} yourself, so another approver has to decide it.`,
  not_approver_button: (p) => `Only the configured GDPR approvers can decide ${p.caseId}.`,
  not_approver_step: (p) => `You are not an approver, so you cannot ${p.step} ${p.caseId}. Approvers are listed in GDPR_APPROVERS.`,
  self_approval_step: (p) => `You made request ${p.caseId}, so another approver must ${p.step} it.`,
  decider_unchecked: (p) => `I could not check just now whether you may decide ${p.caseId}. Try again in a few minutes.`,
  subject_of_request: (p) => `You are not one of the approvers of ${p.caseId}, so you cannot decide it. Nothing was changed.`,
  not_owner: (p) => NOT_OWNER[p.action](p.caseId),
  owner_no_longer_requester: (p) =>
    `You are no longer one of the GDPR requesters, so you cannot ${OWNER_DOES[p.action]} (${p.caseId}) any more. An administrator can add you back to GDPR_REQUESTERS if you still need to.`,
  case_not_found: (p) => `There is no export request ${p.caseId}. It may have been deleted after its retention period.`,
  export_expired: (p) =>
    `This export has expired in Genesys Cloud and can no longer be downloaded. To get the chat of ${p.subject ?? 'this person'} again, request it again.`,
  approval_expired: (p) =>
    `Request ${p.caseId} expired on ${p.expiresAt ?? 'its deadline'} before anyone decided. The requester must make a new request.`,
  no_approval_needed: (p) => `Request ${p.caseId} did not need approval; it went to Genesys Cloud directly.`,
  already_decided: (p) => {
    const who = p.decidedBy ? ` by <@${p.decidedBy}>` : '';
    const when = p.decidedAt ? ` on ${p.decidedAt}` : '';
    return `Request ${p.caseId} was already ${p.decision ?? 'decided'}${who}${when}. Nothing more to do.`;
  },
  no_such_export: (p) => `Request ${p.caseId} has no export ${p.subjectId}.`,
  not_failed: (p) => `The export for ${p.subject} is ${p.state.replace('_', ' ')}, not failed; only a failed export can be retried.`,
  no_gdpr_deadline: (p) => `Request ${p.caseId} is not a data subject access request, so it has no GDPR deadline to extend.`,
  already_extended: (p) => `The deadline of ${p.caseId} was already extended once, to ${p.dueOn}. GDPR allows one extension.`,
  closed_no_extension: (p) => `Request ${p.caseId} is closed (${stateWords(p.state)}); its deadline can no longer be extended.`,
  extension_too_late: (p) =>
    `The first month of ${p.caseId} ended on ${p.dueOn}. An extension must be decided, and the data subject told, within that month.`,
  extension_reason_missing: () => 'Give the reason for the extension: the data subject must be told it.',
  extension_reason_too_long: (p) =>
    `The reason for the extension is ${count(p.length)} characters long; keep it to ${count(FIELD_LIMITS.extensionReasonMax)}.`,
  extension_months: (p) => `Extend by one to ${p.maxMonths} months.`,
  withdraw_not_owner: (p) => `Only the person who requested ${p.caseId} can withdraw it.`,
  already_closed: (p) => `Request ${p.caseId} is already closed (${stateWords(p.state)}); there is nothing to withdraw.`,
  withdraw_reason_missing: () => 'Choose why the request is withdrawn from the list.',
};
