/**
 * The message catalog: codes in, words out. One language today (English); a new language is a
 * new `Catalog` value (see catalog.ts) chosen here, checked complete by the compiler.
 */
import type { ErrorInfo } from '../../workflow/model.js';
import type { PolicyProblem } from '../../workflow/policy.js';
import type { Refusal } from '../../workflow/result.js';
import type { Catalog } from './catalog.js';
import { en } from './en.js';

export type { Catalog, GenesysAdviceParams, GenesysOperation, SubjectFailureParams, TimelineFailureParams } from './catalog.js';
export { en } from './en.js';
export { LIMIT_WORDS } from './en-problems.js';

export const catalog: Catalog = en;

/**
 * Why a subject failed or waits. v0.1.0 stored an English sentence in `message`: shown as it is
 * (plain text, so the caller escapes it). Newer data holds only codes, worded here (mrkdwn).
 */
export function subjectFailureText(error: ErrorInfo): { text: string; stored: boolean } {
  if (error.message) return { text: error.message, stored: true };
  return { text: catalog.subjectFailure({ code: error.code, stage: error.stage, permission: error.permission }), stored: false };
}

/**
 * What a person reads for a refusal (plain text: the caller escapes it where mrkdwn is parsed).
 * A policy refusal is worded by its problems, one a line.
 */
export function refusalText(refusal: Refusal): string {
  if (refusal.reason === 'policy_problems') return (refusal.problems ?? []).map(problemText).join('\n');
  // `reason` and `params` vary together (the Refusal union); TypeScript cannot follow that through an index
  const word = catalog.refusal[refusal.reason] as (p: typeof refusal.params) => string;
  return word(refusal.params);
}

/** What a person reads beside a form field for a policy problem (plain text). */
export function problemText(problem: PolicyProblem): string {
  // as in refusalText: `reason` and `params` vary together
  const word = catalog.policyProblem[problem.reason] as (p: typeof problem.params) => string;
  return word(problem.params);
}
