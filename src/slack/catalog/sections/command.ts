/**
 * Replies to `/gdpr-export`: the help, the status list and one case in full, who may not request,
 * why a command or a named person was refused. Commands stay the English words people type;
 * the prose around them is the reader's language.
 */

/** Why a named person cannot be exported (the form and the command). */
export type SubjectResolutionErrorKind = 'no_match' | 'ambiguous' | 'no_email' | 'bot' | 'deactivated' | 'invalid_email' | 'invalid_id';

/** Why the parser refused a command. */
export type CommandRefusalReason = 'broadcast' | 'usergroup' | 'channel' | 'too_many' | 'nobody_named' | 'invalid_email' | 'unknown_token';

/** Advice for a recognisable mistake in a command. */
export type CommandHint = 'timeline' | 'extend' | 'withdraw' | 'case_status' | 'cases' | 'audit_export' | 'link' | 'not_a_mention';

export interface CommandRefusalParams {
  maxSubjects: number;
  /** too_many: how many distinct people were named */
  named?: number;
  /** invalid_email: the item's position in the command, from 1 */
  position?: number;
  /** unknown_token: the token, already cleaned and in code */
  token?: string;
  hint?: CommandHint;
}

export interface CommandWords {
  help: (p: { maxSubjects: number }) => string;
  notAllowed: () => string;
  /** a mentioned person Slack does not know (mention already formed) */
  cannotSee: (p: { who: string }) => string;
  /** `who`: a mention, or a label the person typed, already escaped */
  subjectProblem: Record<SubjectResolutionErrorKind, (p: { who: string }) => string>;
  nobodyChosen: () => string;
  tooManyChosen: (p: { maxSubjects: number; named: number }) => string;
  refusal: Record<CommandRefusalReason, (p: CommandRefusalParams) => string>;
  hint: Record<CommandHint, () => string>;
  status: {
    empty: () => string;
    /** the plain-text list's first line */
    listTitle: () => string;
    openTitle: (p: { open: number }) => string;
    /** `id` in code, `reference` escaped, `state` with its emoji, `due` a suffix or '' */
    caseLine: (p: { id: string; reference: string; state: string; ready: number; total: number; due: string }) => string;
    olderRequests: (p: { n: number }) => string;
    moreOpen: (p: { n: number }) => string;
    olderClosed: (p: { n: number }) => string;
    closedTitle: () => string;
    oneInFull: () => string;
  };
  /** one person's last word from Genesys: "<name>: <progress> · <details>" */
  check: {
    line: (p: { name: string; progress: string; details: string }) => string;
    /** these three end with ", " as they come before when it was checked */
    genesysStatus: (p: { status: string }) => string;
    noStatus: () => string;
    lastChecked: (p: { when: string }) => string;
    sentNotChecked: (p: { when: string }) => string;
    notChecked: () => string;
    /** appended after the check */
    nextCheck: (p: { when: string }) => string;
  };
  caseDetail: {
    text: (p: { id: string; state: string }) => string;
    title: (p: { id: string; reference: string }) => string;
    legalBasis: (p: { basis: string }) => string;
    requestedBy: (p: { who: string; when: string }) => string;
    deadline: (p: { line: string }) => string;
    people: (p: { ready: number; total: number }) => string;
    attempt: (p: { n: number }) => string;
  };
}
