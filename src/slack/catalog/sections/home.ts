/**
 * The App Home tab: the person's own requests and what waits for their approval. Parameters arrive
 * formatted (mrkdwn, escaped, dates written by the Reader); counts arrive as numbers, so each
 * language chooses its plural with `Intl.PluralRules`.
 */
import type { PluralForms } from '../reader.js';

export interface HomeWords {
  title: () => string;
  intro: () => string;
  newRequestButton: () => string;
  /** someone who is neither requester, approver nor auditor */
  outsiderIntro: () => string;
  outsiderNoRole: () => string;
  awaitingTitle: () => string;
  nothingAwaiting: () => string;
  /** first line of a case waiting for approval: `id` and `reference` in code/escaped, `requester` a mention */
  awaitingCase: (p: { id: string; requester: string; reference: string }) => string;
  /** the word counted in "5 people" */
  people: PluralForms;
  /** " · expires <date>" after the case's details */
  expiresSuffix: (p: { when: string }) => string;
  approveButton: () => string;
  rejectButton: () => string;
  moreAwaiting: (p: { count: number }) => string;
  myRequestsTitle: () => string;
  noRequests: () => string;
  /** first line of one of the person's own cases */
  myCase: (p: { id: string; reference: string }) => string;
  /** "1 of 5 people ready": subjects whose export is ready, also on the auditors' listing */
  subjectsReady: (p: { ready: number; total: number }) => string;
  moreMine: (p: { count: number }) => string;
}
