/** The timeline modal's submission, as Slack sends it, for the timeline e2e tests. */
import { viewSubmissionPayload } from '../../dev/fake-slack/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { REQUESTER } from './harness.js';

export function timelineSubmission(caseId: string, range: { from?: string; to?: string } = {}, userId = REQUESTER) {
  return viewSubmissionPayload({
    userId,
    teamId: 'T0TEST',
    view: {
      id: 'V0TIMELINE',
      callback_id: ids.TIMELINE_MODAL,
      private_metadata: caseId,
      state_values: {
        [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { type: 'datepicker', selected_date: range.from ?? null } },
        [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { type: 'datepicker', selected_date: range.to ?? null } },
      },
    },
  });
}
