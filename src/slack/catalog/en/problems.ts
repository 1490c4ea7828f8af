/**
 * English words for what is wrong with a form field: the workflow's policy problems, which the
 * form schema also reports for the length limits it checks before submission (the same words, so
 * the form and the workflow never disagree).
 */
import { FIELD_LIMITS } from '../../../workflow/limits.js';
import type { Catalog } from '../catalog.js';

const count = (n: number) => n.toLocaleString('en-US');

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
  case_reference_missing: () => 'Give a case reference, such as your ticket or DSAR number.',
  case_reference_too_long: (p) => `The case reference is ${count(p.length)} characters long; keep it to ${count(FIELD_LIMITS.caseReferenceMax)}.`,
  case_reference_multiline: () => 'The case reference must be a single line of plain text.',
  justification_too_short: () =>
    `Explain why this export is needed in at least ${FIELD_LIMITS.justificationMin} characters; approvers and auditors read it.`,
  justification_too_long: (p) => `The justification is ${count(p.length)} characters long; keep it to ${count(FIELD_LIMITS.justificationMax)}.`,
  justification_control_characters: () =>
    'The justification contains invisible control characters. Retype it as plain text (line breaks are fine).',
};
