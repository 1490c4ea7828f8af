/**
 * The message catalog: codes in, words out, in the reader's language. A new language is a new
 * `Catalog` value (see catalog.ts), checked complete by the compiler, and listed in `CATALOGS`.
 */
import type { ErrorInfo } from '../../workflow/model.js';
import type { PolicyProblem } from '../../workflow/policy.js';
import type { Refusal } from '../../workflow/result.js';
import type { Catalog } from './catalog.js';
import { en } from './en/index.js';
import { fr } from './fr/index.js';
import { createReader, type Locale, type Reader } from './reader.js';

export type { Catalog, GenesysAdviceParams, GenesysOperation, SubjectFailureParams, TimelineFailureParams } from './catalog.js';
export { LOCALES, localeOfSlackTag, type Locale, type PluralForms, type Reader } from './reader.js';

export const CATALOGS: Record<Locale, Catalog> = { en, fr };

/** A reader of `locale` in `timeZone` (UTC when unknown). */
export function readerFor(locale: Locale, timeZone?: string): Reader {
  return createReader(locale, CATALOGS[locale], timeZone);
}

/**
 * Why a subject failed or waits. v0.1.0 stored an English sentence in `message`: shown as it is
 * (plain text, so the caller escapes it). Newer data holds only codes, worded here (mrkdwn).
 */
export function subjectFailureText(error: ErrorInfo, reader: Reader): { text: string; stored: boolean } {
  if (error.message) return { text: error.message, stored: true };
  return { text: reader.t.subjectFailure({ code: error.code, stage: error.stage, permission: error.permission }), stored: false };
}

/**
 * What a person reads for a refusal (plain text: the caller escapes it where mrkdwn is parsed).
 * A policy refusal is worded by its problems, one a line.
 */
export function refusalText(refusal: Refusal, reader: Reader): string {
  if (refusal.reason === 'policy_problems') return (refusal.problems ?? []).map((p) => problemText(p, reader)).join('\n');
  // `reason` and `params` vary together (the Refusal union); TypeScript cannot follow that through an index
  const word = reader.t.refusal[refusal.reason] as (p: typeof refusal.params, reader: Reader) => string;
  return word(refusal.params, reader);
}

/** What a person reads beside a form field for a policy problem (plain text). */
export function problemText(problem: PolicyProblem, reader: Reader): string {
  // as in refusalText: `reason` and `params` vary together
  const word = reader.t.policyProblem[problem.reason] as (p: typeof problem.params, reader: Reader) => string;
  return word(problem.params, reader);
}
