/**
 * The shape of the message catalog: every code a lower layer returns or throws, every text a view
 * shows, and the words a person reads for them. One implementation per language (`en/`, `fr/`); a
 * language is a value of type `Catalog`, so a missing key or a wrong parameter is a compile error.
 * Plain typed functions over `Intl` rather than ICU strings: the params are typed, plurals, dates,
 * lists and numbers come from `Intl` (through the `Reader`), and nothing is parsed at run time.
 *
 * Sections hold the words of one feature; a view reads only its own sections and `common`.
 */
import type { GenesysErrorCode } from '../../workflow/genesys-error.js';
import type { SubjectFailureStage } from '../../workflow/model.js';
import type { TimelineErrorCode, TimelineErrorParams } from '../../timeline/errors.js';
import type { PolicyProblemParams, PolicyProblemReason } from '../../workflow/policy.js';
import type { RefusalParams, RefusalReason } from '../../workflow/result.js';
import type { CardWords } from './sections/card.js';
import type { CaseWords } from './sections/case.js';
import type { HomeWords } from './sections/home.js';
import type { OversightWords } from './sections/oversight.js';
import type { WorkspaceWords } from './sections/workspace.js';
import type { Reader } from './reader.js';
import type { CommandWords } from './sections/command.js';
import type { RequestWords } from './sections/request.js';
import type { DeadlineWords } from './sections/deadline.js';
import type { StatusWords } from './sections/status.js';
import type { TombstoneWords } from './sections/tombstone.js';
import type { ResultsWords } from './sections/results.js';
import type { TimelineWords } from './sections/timeline.js';

/** Which Genesys operation failed, where a code means something different per operation. */
export type GenesysOperation = 'create_export' | 'export_status';

export interface GenesysAdviceParams {
  /** the permission the failed operation needs */
  permission?: string;
  /** Genesys's correlation or context id, for their support (no personal data) */
  reference?: string;
  operation?: GenesysOperation;
}

export interface SubjectFailureParams {
  /** a GenesysErrorCode, or 'export_error' (the export ended in ERROR) */
  code: string;
  stage?: SubjectFailureStage;
  permission?: string;
}

export interface TimelineFailureParams extends TimelineErrorParams {
  /** HTTP status of a failed download */
  status?: number;
}

/** every refusal reason but 'policy_problems', whose words are those of its problems */
export type WordedRefusalReason = Exclude<RefusalReason, 'policy_problems'>;

/** Words every view may use. */
export interface CommonWords {
  /** a date or time that is missing or unreadable */
  unknownDate: () => string;
}

export interface Catalog {
  common: CommonWords;
  /** cases, subjects, decisions and deadlines, as every view shows them */
  case: CaseWords;
  /** the approval card, its reminder and the approve and reject dialogs */
  card: CardWords;
  /** the requester's status message and the replies in its thread */
  status: StatusWords;
  /** extension and withdrawal dialogs, reminders, overdue and escalation */
  deadline: DeadlineWords;
  /** what replaces the messages of a purged case */
  tombstone: TombstoneWords;
  /** the request form and what follows its submission */
  request: RequestWords;
  /** replies to `/gdpr-export`: help, status, refusals, why a named person cannot be exported */
  command: CommandWords;
  /** the App Home tab */
  home: HomeWords;
  /** GDPR auditors: the case listing and the audit export */
  oversight: OversightWords;
  /** a request from another Slack workspace, refused */
  workspace: WorkspaceWords;
  /**
   * why the workflow refused a person's action, by reason. The params are the workflow's own (raw
   * days, instants, states): `reader` writes them, where a language writes them out.
   */
  refusal: { [R in WordedRefusalReason]: (p: RefusalParams[R], reader: Reader) => string };
  /** what is wrong with a form field, so the requester can fix it (raw params, as for `refusal`) */
  policyProblem: { [R in PolicyProblemReason]: (p: PolicyProblemParams[R], reader: Reader) => string };
  /** what a person reads when a Genesys call made for them fails; the one Genesys advice */
  genesysError: Record<GenesysErrorCode, (p: GenesysAdviceParams) => string>;
  /** why one subject's export failed or waits (the status message and the requester's DM) */
  subjectFailure: (p: SubjectFailureParams) => string;
  storeUnavailable: () => string;
  unexpected: () => string;
  /** download links, expired exports and the result buttons' replies */
  results: ResultsWords;
  /** the conversation timeline: its modal, its delivery and the words of its files */
  timeline: TimelineWords;
  /** why a timeline was not delivered */
  timelineError: Record<TimelineErrorCode, (p: TimelineFailureParams) => string>;
}
