/** Pure checks on a new case before anything is written. */
import { isCalendarDay } from './dates.js';
import { FIELD_LIMITS, LIMIT_MESSAGES } from './limits.js';
import { DSAR_BASIS } from './deadlines.js';
import { LEGAL_BASES, type LegalBasis, type NewCaseInput } from './model.js';

export type PolicyField = 'subjects' | 'legalBasis' | 'caseReference' | 'justification' | 'requester' | 'receivedOn' | 'neededBy';

/** one thing wrong with the request, said so the requester can fix it */
export interface PolicyProblem {
  field: PolicyField;
  message: string;
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
      return [{ field: 'receivedOn', message: 'Give the day the data subject’s request was received: the one-month GDPR deadline counts from it.' }];
    }
    if (!isCalendarDay(day)) return [{ field: 'receivedOn', message: 'The receipt date is not a valid date. Pick it from the calendar.' }];
    if (today && day > today) {
      return [
        {
          field: 'receivedOn',
          message: `The receipt date ${day} is in the future (today is ${today} in your time zone). Give the day the request actually arrived.`,
        },
      ];
    }
    return [];
  }
  const needed = input.neededBy;
  if (needed && !isCalendarDay(needed)) return [{ field: 'neededBy', message: 'The “needed by” date is not a valid date. Pick it from the calendar.' }];
  return [];
}

function checkRequester(input: NewCaseInput): PolicyProblem[] {
  if (input.requesterId.trim() === '' || input.teamId.trim() === '') {
    return [{ field: 'requester', message: 'The request does not say who made it or in which workspace. Open the request form again.' }];
  }
  return [];
}

function checkSubjects(subjects: NewCaseInput['subjects'], maxSubjects: number): PolicyProblem[] {
  if (subjects.length === 0) {
    return [{ field: 'subjects', message: 'Choose at least one person whose chat should be exported.' }];
  }
  if (subjects.length > maxSubjects) {
    return [
      {
        field: 'subjects',
        message: `You chose ${subjects.length} people; one request may cover at most ${maxSubjects}. Split it into several requests.`,
      },
    ];
  }
  if (subjects.some((s) => s.genesysUserId.trim() === '')) {
    return [{ field: 'subjects', message: 'One of the people has no Genesys Cloud user. Remove them or pick them again.' }];
  }
  const ids = subjects.map((s) => s.genesysUserId);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length > 0) {
    const names = subjects.filter((s) => duplicates.includes(s.genesysUserId)).map((s) => s.name ?? s.genesysUserId);
    return [
      {
        field: 'subjects',
        message: `The same Genesys Cloud user appears more than once (${[...new Set(names)].join(', ')}). List each person once.`,
      },
    ];
  }
  return [];
}

function checkLegalBasis(legalBasis: LegalBasis): PolicyProblem[] {
  if ((LEGAL_BASES as readonly string[]).includes(legalBasis)) return [];
  return [{ field: 'legalBasis', message: 'Choose the legal basis for this export from the list.' }];
}

function checkCaseReference(caseReference: string): PolicyProblem[] {
  if (caseReference.length === 0) {
    return [{ field: 'caseReference', message: LIMIT_MESSAGES.caseReferenceMissing }];
  }
  if (caseReference.length > FIELD_LIMITS.caseReferenceMax) {
    return [{ field: 'caseReference', message: LIMIT_MESSAGES.caseReferenceTooLong(caseReference.length) }];
  }
  if (hasControlCharacter(caseReference, false)) {
    return [{ field: 'caseReference', message: 'The case reference must be a single line of plain text.' }];
  }
  return [];
}

function checkJustification(justification: string): PolicyProblem[] {
  if (justification.length < FIELD_LIMITS.justificationMin) {
    return [{ field: 'justification', message: LIMIT_MESSAGES.justificationTooShort }];
  }
  if (justification.length > FIELD_LIMITS.justificationMax) {
    return [{ field: 'justification', message: LIMIT_MESSAGES.justificationTooLong(justification.length) }];
  }
  if (hasControlCharacter(justification, true)) {
    return [
      {
        field: 'justification',
        message: 'The justification contains invisible control characters. Retype it as plain text (line breaks are fine).',
      },
    ];
  }
  return [];
}
