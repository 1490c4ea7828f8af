/**
 * The conversation timeline: "Build conversation timeline" and `/gdpr-export timeline <case>` open a
 * modal for an optional date range; its submission starts the build, which reports in the DM.
 */
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { readTimelineRange, timelineModal } from '../views/index.js';
import { TIMELINE_MODAL } from '../views/block-kit-ids.js';
import { explainFailure, tell, type ListenerDeps, type ReplyTarget } from './context.js';
import { refusalText } from '../catalog/index.js';

export async function openTimelineModal(
  client: WebClient,
  deps: ListenerDeps,
  input: { triggerId: string; caseId: string; target: ReplyTarget; teamId?: string },
): Promise<void> {
  const { userId, reader } = input.target;
  if (!deps.timeline) {
    await tell(input.target, reader.t.timeline.off());
    return;
  }
  const checked = await deps.workflow.checkCaseOwner(input.caseId.toUpperCase(), userId, 'timeline', input.teamId);
  if (!checked.ok) {
    await tell(input.target, refusalText(checked.refusal, reader));
    return;
  }
  await client.views.open({ trigger_id: input.triggerId, view: timelineModal(checked.value, reader) });
}

export function registerTimelineSubmission(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(TIMELINE_MODAL, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    // known already (cached when the modal was opened): the field errors are in their language
    const reader = await deps.readers.forUser(userId);
    const parsed = readTimelineRange(view.state.values, reader);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    // A view submission has no response_url: the build reports in the requester's DM.
    const target: ReplyTarget = { userId, reader, client };
    if (!deps.timeline) {
      await tell(target, reader.t.timeline.off());
      return;
    }
    try {
      await deps.timeline.start({ caseId: view.private_metadata, userId, reader, client, range: parsed.range, reply: (text) => tell(target, text) });
    } catch (e) {
      await tell(target, explainFailure(e, reader, deps.logger, { userId, step: 'timeline' })).catch(() => undefined);
    }
  });
}
