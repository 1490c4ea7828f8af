/**
 * Every callback_id, block_id and action_id the bot's views use. Listeners match on these, so a
 * rename happens in one place. Ids and values carry ids only: never an email, link or message text.
 */

// ---------------------------------------------------------------- modal callback ids
export const REQUEST_MODAL = 'gdpr_request_modal';
export const APPROVE_MODAL = 'gdpr_approve_modal';
export const REJECT_MODAL = 'gdpr_reject_modal';
export const LOADING_MODAL = 'gdpr_loading_modal';
/** extend a DSAR's deadline; private_metadata: caseId */
export const EXTEND_MODAL = 'gdpr_extend_modal';
export const EXTEND_MONTHS_BLOCK = 'extend_months';
export const EXTEND_MONTHS_ACTION = 'extend_months_select'; // static_select → '1' | '2'
export const EXTEND_REASON_BLOCK = 'extend_reason';
export const EXTEND_REASON_ACTION = 'extend_reason_input';
/** withdraw a case; private_metadata: caseId */
export const WITHDRAW_MODAL = 'gdpr_withdraw_modal';
export const WITHDRAW_REASON_BLOCK = 'withdraw_reason';
export const WITHDRAW_REASON_ACTION = 'withdraw_reason_select'; // static_select → a WITHDRAWAL_REASONS value
export const WITHDRAW_NOTE_BLOCK = 'withdraw_note';
export const WITHDRAW_NOTE_ACTION = 'withdraw_note_input';

// ---------------------------------------------------------------- request modal inputs
// view.state.values[<BLOCK>][<ACTION>]
export const SUBJECTS_BLOCK = 'subjects';
export const SUBJECTS_ACTION = 'subjects_select'; // multi_users_select → selected_users
export const EXTRA_IDS_BLOCK = 'extra_ids';
export const EXTRA_IDS_ACTION = 'extra_ids_input'; // plain_text_input → value
export const LEGAL_BASIS_BLOCK = 'legal_basis';
export const LEGAL_BASIS_ACTION = 'legal_basis_select'; // static_select → selected_option.value
export const CASE_REFERENCE_BLOCK = 'case_reference';
export const CASE_REFERENCE_ACTION = 'case_reference_input';
export const JUSTIFICATION_BLOCK = 'justification';
export const JUSTIFICATION_ACTION = 'justification_input';
/** data subject access requests: when the request was received (datepicker → selected_date 'YYYY-MM-DD') */
export const RECEIVED_ON_BLOCK = 'received_on';
export const RECEIVED_ON_ACTION = 'received_on_date';
/** other legal bases: an optional day the exports are needed by (datepicker) */
export const NEEDED_BY_BLOCK = 'needed_by';
export const NEEDED_BY_ACTION = 'needed_by_date';
/** shown only when no approval is required: the requester confirms the export themselves */
export const CONFIRM_BLOCK = 'confirm';
export const CONFIRM_ACTION = 'confirm_checkbox'; // checkboxes → selected_options[].value
export const CONFIRM_VALUE = 'confirmed';

// ---------------------------------------------------------------- decision modal inputs
export const NOTE_BLOCK = 'note';
export const NOTE_ACTION = 'note_input';
export const REASON_BLOCK = 'reason';
// timeline modal: optional date range (datepicker → selected_date 'YYYY-MM-DD')
export const TIMELINE_MODAL = 'gdpr_timeline_modal';
export const TIMELINE_FROM_BLOCK = 'timeline_from';
export const TIMELINE_FROM_ACTION = 'timeline_from_date';
export const TIMELINE_TO_BLOCK = 'timeline_to';
export const TIMELINE_TO_ACTION = 'timeline_to_date';
export const REASON_ACTION = 'reason_input';

// ---------------------------------------------------------------- buttons (action ids)
export const APPROVE_CASE = 'approve_case'; // value: caseId
export const REJECT_CASE = 'reject_case'; // value: caseId
export const GET_DOWNLOAD_LINK = 'get_download_link'; // value: `${caseId}|${subjectId}`
export const RETRY_SUBJECT = 'retry_subject'; // value: `${caseId}|${subjectId}`
export const BUILD_TIMELINE = 'build_timeline'; // value: caseId
export const OPEN_REQUEST_MODAL = 'open_request_modal'; // no value
export const REQUEST_AGAIN = 'request_again'; // value: `${caseId}|${subjectId}`
/** App Home, auditors: static_select → selected_option.value, a CaseListFilter */
export const OVERSIGHT_FILTER = 'oversight_filter';
/** App Home, auditors: value = number of days of audit trail to send to their DM */
export const EXPORT_AUDIT = 'export_audit';
export const EXTEND_DEADLINE = 'extend_deadline'; // value: caseId
export const WITHDRAW_CASE = 'withdraw_case'; // value: caseId

/** The value of a button that acts on one subject of a case. */
export function subjectButtonValue(caseId: string, subjectId: string): string {
  return `${caseId}|${subjectId}`;
}

/** Reads a `subjectButtonValue` back; undefined when the value is not of that form. */
export function parseSubjectButtonValue(value: string | undefined): { caseId: string; subjectId: string } | undefined {
  const match = /^([A-Za-z0-9-]{1,64})\|([A-Za-z0-9_-]{1,64})$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  return { caseId: match[1], subjectId: match[2] };
}
