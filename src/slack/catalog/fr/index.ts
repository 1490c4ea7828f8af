/**
 * French. Every message says what happened, why, and what to do next, in the words of French
 * data-protection practice. Complete: the compiler refuses a missing text, and nothing falls
 * back to English.
 */
import type { Catalog } from '../catalog.js';
import { frCase } from './case.js';
import { frCard } from './card.js';
import { frDeadline } from './deadline.js';
import { frStatus } from './status.js';
import { frTombstone } from './tombstone.js';
import { frCommand } from './command.js';
import { frRequest } from './request.js';
import { frHome } from './home.js';
import { frOversight } from './oversight.js';
import { frWorkspace } from './workspace.js';
import { frGenesysError, frStoreUnavailable, frSubjectFailure, frTimelineError, frUnexpected } from './errors.js';
import { frProblems } from './problems.js';
import { frRefusals } from './refusals.js';
import { frResults } from './results.js';
import { frTimeline } from './timeline.js';

export const fr: Catalog = {
  common: { unknownDate: () => 'une date inconnue' },
  case: frCase,
  card: frCard,
  status: frStatus,
  deadline: frDeadline,
  tombstone: frTombstone,
  request: frRequest,
  command: frCommand,
  home: frHome,
  oversight: frOversight,
  workspace: frWorkspace,
  results: frResults,
  timeline: frTimeline,
  refusal: frRefusals,
  policyProblem: frProblems,
  genesysError: frGenesysError,
  subjectFailure: frSubjectFailure,
  storeUnavailable: frStoreUnavailable,
  unexpected: frUnexpected,
  timelineError: frTimelineError,
};
