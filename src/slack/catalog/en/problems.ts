/**
 * English words for what is wrong with a form field: the workflow's policy problems, and the
 * broken length limits the form schema checks before submission (the same words, so the form and
 * the workflow never disagree).
 */
import { FIELD_LIMITS } from '../../../workflow/limits.js';
import type { Catalog } from '../catalog.js';

const count = (n: number) => n.toLocaleString('en-US');

/** The words for a broken limit, shared by the form (before submission) and the workflow's refusals. */
export const LIMIT_WORDS = {
  caseReferenceMissing: 'Give a case reference, such as your ticket or DSAR number.',
  caseReferenceTooLong: (length: number) =>
    `The case reference is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.caseReferenceMax)}.`,
  justificationTooShort: `Explain why this export is needed in at least ${FIELD_LIMITS.justificationMin} characters; approvers and auditors read it.`,
  justificationTooLong: (length: number) =>
    `The justification is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.justificationMax)}.`,
  rejectReasonTooShort: `Give a reason for rejecting of at least ${FIELD_LIMITS.rejectReasonMin} characters; the requester will read it.`,
  rejectReasonTooLong: (length: number) =>
    `The reason is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.rejectReasonMax)}.`,
  extensionReasonTooLong: (length: number) =>
    `The reason for the extension is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.extensionReasonMax)}.`,
} as const;

export const enProblems: Catalog['policyProblem'] = {
  received_on_missing: () => 'Give the day the data subject’s request was received: the one-month GDPR deadline counts from it.',
  received_on_invalid: () => 'The receipt date is not a valid date. Pick it from the calendar.',
  received_on_future: (p) =>
    `The receipt date ${p.day} is in the future (today is ${p.today} in your time zone). Give the day the request actually arrived.`,
  needed_by_invalid: () => 'The “needed by” date is not a valid date. Pick it from the calendar.',
  requester_missing: () => 'The request does not say who made it or in which workspace. Open the request form again.',
  no_subjects: () => 'Choose at least one person whose chat should be exported.',
  too_many_subjects: (p) => `You chose ${p.count} people; one request may cover at most ${p.max}. Split it into several requests.`,
  subject_without_genesys_user: () => 'One of the people has no Genesys Cloud user. Remove them or pick them again.',
  duplicate_subjects: (p) => `The same Genesys Cloud user appears more than once (${p.names.join(', ')}). List each person once.`,
  legal_basis_missing: () => 'Choose the legal basis for this export from the list.',
  case_reference_missing: () => LIMIT_WORDS.caseReferenceMissing,
  case_reference_too_long: (p) => LIMIT_WORDS.caseReferenceTooLong(p.length),
  case_reference_multiline: () => 'The case reference must be a single line of plain text.',
  justification_too_short: () => LIMIT_WORDS.justificationTooShort,
  justification_too_long: (p) => LIMIT_WORDS.justificationTooLong(p.length),
  justification_control_characters: () =>
    'The justification contains invisible control characters. Retype it as plain text (line breaks are fine).',
};
