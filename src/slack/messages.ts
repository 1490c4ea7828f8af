/**
 * The one mapping from error and refusal codes to what a Slack user reads. Every message says what
 * happened, why, and what to do next. All are mrkdwn, safe to post as they are: nothing here echoes
 * an email address, a link or message text that the person did not type themselves.
 */
import type { GenesysError } from '../workflow/genesys-error.js';
import type { TimelineError } from '../timeline/errors.js';
import { escapeMrkdwn, inlineCode, redactEmails } from './views/format.js';
import type { Reader } from './catalog/index.js';
import type { CommandHint, CommandRefusalReason, SubjectResolutionErrorKind } from './catalog/sections/command.js';

/** Words for people come from the catalog; these keep the Slack layer's call sites short. */
export function messageForGenesysError(e: GenesysError, reader: Reader): string {
  return reader.t.genesysError[e.code]({ permission: e.permission, reference: e.correlationId ?? e.contextId });
}

export function messageForStoreUnavailable(reader: Reader): string {
  return reader.t.storeUnavailable();
}

export function messageForUnexpected(reader: Reader): string {
  return reader.t.unexpected();
}

export type { CommandHint, CommandRefusalReason, SubjectResolutionErrorKind } from './catalog/sections/command.js';

/** Why one named person cannot be exported: a code and who, worded for the reader where it is shown. */
export type SubjectProblem =
  | { kind: SubjectResolutionErrorKind; who: string }
  | { kind: 'nobody_chosen' }
  | { kind: 'too_many'; maxSubjects: number; named: number };

/**
 * Why one named person cannot be exported. `who` is a Slack mention (`<@U1>`) or a short label the
 * person typed (e.g. "line 2"); anything else is escaped.
 */
export function subjectResolutionError(kind: SubjectResolutionErrorKind, who: string, reader: Reader): string {
  const w = /^<[@#!][^<>]*>$/.test(who) ? who : escapeMrkdwn(who);
  return reader.t.command.subjectProblem[kind]({ who: w });
}

/** Slack shows at most about 2000 characters under a field; keep the first few problems. */
const FIELD_ERROR_MAX = 1900;

/** The problems of one form field, in the reader's words, bounded for Slack. */
export function subjectProblemsText(problems: readonly SubjectProblem[], reader: Reader): string {
  const text = problems
    .map((p) => {
      if (p.kind === 'nobody_chosen') return reader.t.command.nobodyChosen();
      if (p.kind === 'too_many') return reader.t.command.tooManyChosen({ maxSubjects: p.maxSubjects, named: p.named });
      return subjectResolutionError(p.kind, p.who, reader);
    })
    .join(' ');
  return text.length <= FIELD_ERROR_MAX ? text : `${text.slice(0, FIELD_ERROR_MAX - 3)}…`;
}

// ---------------------------------------------------------------- command refusals

/** What the parser knows of a refused command; worded with the reader by `commandRefusalMessage`. */
export interface RefusalDetail {
  maxSubjects: number;
  /** too_many: how many distinct people were named */
  named?: number;
  /** invalid_email: the item's position in the command, from 1 */
  position?: number;
  /** unknown_token: the token as typed (cleaned and shortened here) */
  token?: string;
  /** unknown_token: extra advice for a recognisable mistake */
  hint?: CommandHint;
}

const TOKEN_ECHO_MAX = 40;

export function commandRefusalMessage(reason: CommandRefusalReason, d: RefusalDetail, reader: Reader): string {
  const word = reader.t.command.refusal[reason];
  return word({ ...d, token: reason === 'unknown_token' ? echoToken(d.token ?? '') : undefined });
}

/** The offending token only: shortened, invisible characters dropped, anything email-shaped masked. */
function echoToken(token: string): string {
  const cleaned = redactEmails(token.replace(/[\p{Cc}\p{Cf}]/gu, ''));
  return inlineCode(cleaned || '?', TOKEN_ECHO_MAX);
}

/** What the requester reads when a timeline build fails: worded from the engine's code and params only. */
export function messageForTimelineError(e: TimelineError, reader: Reader): string {
  return reader.t.timelineError[e.code]({ ...e.params, status: e.status });
}
