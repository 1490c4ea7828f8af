/** Pure checks on a new case before anything is written. */
import { isCalendarDay } from './dates.js';
import { FIELD_LIMITS } from './limits.js';
import { DSAR_BASIS } from './deadlines.js';
import { LEGAL_BASES, type LegalBasis, type NewCaseInput } from './model.js';

export type PolicyField = 'subjects' | 'legalBasis' | 'caseReference' | 'justification' | 'requester' | 'receivedOn' | 'neededBy';

/** why a field is wrong, and what the words need; the Slack catalog says it so it can be fixed */
export interface PolicyProblemParams {
  received_on_missing: Record<string, never>;
  received_on_invalid: Record<string, never>;
  received_on_future: { day: string; today: string };
  needed_by_invalid: Record<string, never>;
  requester_missing: Record<string, never>;
  no_subjects: Record<string, never>;
  too_many_subjects: { count: number; max: number };
  subject_without_genesys_user: Record<string, never>;
  duplicate_subjects: { names: string[] };
  legal_basis_missing: Record<string, never>;
  case_reference_missing: Record<string, never>;
  case_reference_too_long: { length: number };
  case_reference_multiline: Record<string, never>;
  justification_too_short: Record<string, never>;
  justification_too_long: { length: number };
  justification_control_characters: Record<string, never>;
}

export type PolicyProblemReason = keyof PolicyProblemParams;

/** one thing wrong with the request, coded; `reason` narrows `params` */
export type PolicyProblem = { [R in PolicyProblemReason]: { field: PolicyField; reason: R; params: PolicyProblemParams[R] } }[PolicyProblemReason];

function problem<R extends PolicyProblemReason>(field: PolicyField, reason: R, params: PolicyProblemParams[R]): PolicyProblem[] {
  return [{ field, reason, params } as PolicyProblem];
}

export interface PolicyLimits {
  maxSubjects: number;
  /** today in the requester's time zone ('YYYY-MM-DD'): a receipt date may not be later */
  today?: string;
}


const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** C0 and C1 control characters and DEL; with `multiline`, tab, newline and \r\n are allowed */
function hasControlCharacter(text: string, multiline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isControl = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    if (!isControl) continue;
    if (multiline && (code === TAB || code === LF || (code === CR && text.charCodeAt(i + 1) === LF))) continue;
    return true;
  }
  return false;
}

export type PolicyResult = { ok: true; value: NewCaseInput } | { ok: false; problems: PolicyProblem[] };

/** Checks a new case and returns it trimmed, or every problem found (not just the first). */
export function checkNewCase(input: NewCaseInput, limits: PolicyLimits): PolicyResult {
  const caseReference = input.caseReference.trim();
  const justification = input.justification.trim();
  const problems = [
    ...checkRequester(input),
    ...checkSubjects(input.subjects, limits.maxSubjects),
    ...checkLegalBasis(input.legalBasis),
    ...checkCaseReference(caseReference),
    ...checkJustification(justification),
    ...checkDates(input, limits.today),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...relevantDates(input), caseReference, justification } };
}

/** A DSAR keeps its receipt date only; another basis its "needed by" date only. */
function relevantDates(input: NewCaseInput): NewCaseInput {
  const { receivedOn, neededBy, ...rest } = input;
  if (input.legalBasis === DSAR_BASIS) return receivedOn ? { ...rest, receivedOn } : rest;
  return neededBy ? { ...rest, neededBy } : rest;
}

function checkDates(input: NewCaseInput, today: string | undefined): PolicyProblem[] {
  if (input.legalBasis === DSAR_BASIS) {
    const day = input.receivedOn;
    if (!day) {
      return problem('receivedOn', 'received_on_missing', {});
    }
    if (!isCalendarDay(day)) return problem('receivedOn', 'received_on_invalid', {});
    if (today && day > today) return problem('receivedOn', 'received_on_future', { day, today });
    return [];
  }
  const needed = input.neededBy;
  if (needed && !isCalendarDay(needed)) return problem('neededBy', 'needed_by_invalid', {});
  return [];
}

function checkRequester(input: NewCaseInput): PolicyProblem[] {
  if (input.requesterId.trim() === '' || input.teamId.trim() === '') {
    return problem('requester', 'requester_missing', {});
  }
  return [];
}

function checkSubjects(subjects: NewCaseInput['subjects'], maxSubjects: number): PolicyProblem[] {
  if (subjects.length === 0) {
    return problem('subjects', 'no_subjects', {});
  }
  if (subjects.length > maxSubjects) {
    return problem('subjects', 'too_many_subjects', { count: subjects.length, max: maxSubjects });
  }
  if (subjects.some((s) => s.genesysUserId.trim() === '')) {
    return problem('subjects', 'subject_without_genesys_user', {});
  }
  const ids = subjects.map((s) => s.genesysUserId);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length > 0) {
    const names = subjects.filter((s) => duplicates.includes(s.genesysUserId)).map((s) => s.name ?? s.genesysUserId);
    return problem('subjects', 'duplicate_subjects', { names: [...new Set(names)] });
  }
  return [];
}

function checkLegalBasis(legalBasis: LegalBasis): PolicyProblem[] {
  if ((LEGAL_BASES as readonly string[]).includes(legalBasis)) return [];
  return problem('legalBasis', 'legal_basis_missing', {});
}

/**
 * The length limits of a (trimmed) case reference. The request form checks them too, before
 * submission, with this function: the form and the workflow cannot disagree on a length.
 */
export function caseReferenceLengthProblems(caseReference: string): PolicyProblem[] {
  if (caseReference.length === 0) {
    return problem('caseReference', 'case_reference_missing', {});
  }
  if (caseReference.length > FIELD_LIMITS.caseReferenceMax) {
    return problem('caseReference', 'case_reference_too_long', { length: caseReference.length });
  }
  return [];
}

function checkCaseReference(caseReference: string): PolicyProblem[] {
  const length = caseReferenceLengthProblems(caseReference);
  if (length.length > 0) return length;
  if (hasControlCharacter(caseReference, false)) {
    return problem('caseReference', 'case_reference_multiline', {});
  }
  return [];
}

/** The length limits of a (trimmed) justification; the request form checks them too, as above. */
export function justificationLengthProblems(justification: string): PolicyProblem[] {
  if (justification.length < FIELD_LIMITS.justificationMin) {
    return problem('justification', 'justification_too_short', {});
  }
  if (justification.length > FIELD_LIMITS.justificationMax) {
    return problem('justification', 'justification_too_long', { length: justification.length });
  }
  return [];
}

function checkJustification(justification: string): PolicyProblem[] {
  const length = justificationLengthProblems(justification);
  if (length.length > 0) return length;
  if (hasControlCharacter(justification, true)) {
    return problem('justification', 'justification_control_characters', {});
  }
  return [];
}
