/**
 * Buttons on the requester's DM messages: get a download link, retry a failed subject, request an
 * expired export again, build the conversation timeline. Button values carry ids only
 * (`caseId|subjectId`); the workflow checks that the clicker is the requester, and still one today.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { View } from '@slack/types';
import { downloadLinksModal, escapeSentence, exportExpiredModal, progressModal, refusalModal } from '../../views/index.js';
import { BUILD_TIMELINE, GET_DOWNLOAD_LINK, OPEN_REQUEST_MODAL, REQUEST_AGAIN, RETRY_SUBJECT, parseSubjectButtonValue } from '../../views/block-kit-ids.js';
import { explainFailure, onButton, tell, type ListenerDeps } from '../context.js';
import { openRequestModal } from '../request-flow.js';
import { openTimelineModal } from '../timeline-flow.js';
import { refusalText } from '../../catalog/index.js';

export function registerResultActions(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(GET_DOWNLOAD_LINK, async ({ ack, body, action, client }) => {
    await ack();
    const userId = body.user.id;
    const ref = parseSubjectButtonValue(action.value);
    const reader = await deps.readers.forUser(userId);
    const words = reader.t.results;
    const title = words.linksTitle();
    // A modal works wherever the button is (DM, App Home) and keeps the links out of the conversation.
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: progressModal(title, words.actions.askingForLink(), reader) });
    const show = (view: View) => client.views.update({ view_id: opened.view?.id ?? '', view });
    try {
      if (!ref) {
        await deps.workflow.recordDenied(userId, body.team?.id, 'download_link_bad_reference');
        await show(refusalModal(title, words.actions.notAnExport(), reader));
        return;
      }
      const result = await deps.workflow.issueDownloadLinks(ref.caseId, ref.subjectId, userId);
      if (result.ok) {
        deps.logger.info({ userId, caseId: ref.caseId, subjectId: ref.subjectId, links: result.value.links.length }, 'download links issued');
        await show(downloadLinksModal(result.value.subject, result.value.links, deps.clock.now(), reader));
      } else if (result.refusal.code === 'export_expired') {
        const c = await deps.workflow.getCase(ref.caseId);
        await show(c ? exportExpiredModal(c, ref.subjectId, reader) : refusalModal(title, escapeSentence(refusalText(result.refusal, reader)), reader));
      } else {
        await show(refusalModal(title, escapeSentence(refusalText(result.refusal, reader)), reader));
      }
    } catch (e) {
      await show(refusalModal(title, explainFailure(e, reader, deps.logger, { userId, step: 'download link' }), reader)).catch(() => undefined);
    }
  });

  onButton(app, deps, RETRY_SUBJECT, 'retry', async ({ body, value, userId, target, reader }) => {
    const ref = parseSubjectButtonValue(value);
    if (!ref) {
      await deps.workflow.recordDenied(userId, body.team?.id, 'retry_bad_reference');
      await tell(target, reader.t.results.actions.notAnExport());
      return;
    }
    const result = await deps.workflow.retrySubject(ref.caseId, ref.subjectId, userId);
    await tell(target, result.ok ? reader.t.results.actions.resubmitting() : escapeSentence(refusalText(result.refusal, reader)));
  });

  onButton(app, deps, REQUEST_AGAIN, 'request again', async ({ body, value, client, userId, target, reader }) => {
    const ref = parseSubjectButtonValue(value);
    const checked = await deps.workflow.checkCaseOwner(ref?.caseId ?? '', userId, 'request_again', body.team?.id);
    if (!checked.ok) {
      await tell(target, refusalText(checked.refusal, reader));
      return;
    }
    const subject = checked.value.subjects.find((s) => s.id === ref?.subjectId);
    if (!subject) {
      await deps.workflow.recordDenied(userId, body.team?.id, 'request_again_not_allowed');
      await tell(target, reader.t.results.actions.notAnExport());
      return;
    }
    await openRequestModal(client, deps, {
      triggerId: body.trigger_id,
      userId,
      initialUserIds: subject.slackUserId ? [subject.slackUserId] : [],
      initialExtraIds: subject.slackUserId ? [] : [subject.genesysUserId],
      // the same request again: its GDPR deadline still counts from the original receipt
      initial: {
        legalBasis: checked.value.legalBasis,
        caseReference: checked.value.caseReference,
        ...(checked.value.receivedOn ? { receivedOn: checked.value.receivedOn } : {}),
        ...(checked.value.neededBy ? { neededBy: checked.value.neededBy } : {}),
      },
    });
  });

  onButton(app, deps, OPEN_REQUEST_MODAL, 'open request modal', async ({ body, client, userId, target, reader }) => {
    if (!(await deps.workflow.canRequest(userId))) {
      await deps.workflow.recordDenied(userId, body.team?.id, 'not_requester');
      await tell(target, reader.t.results.actions.notRequester());
      return;
    }
    await openRequestModal(client, deps, { triggerId: body.trigger_id, userId, initialUserIds: [], initialExtraIds: [] });
  });

  onButton(app, deps, BUILD_TIMELINE, 'timeline modal', async ({ body, value, client, target }) => {
    await openTimelineModal(client, deps, { triggerId: body.trigger_id, caseId: value ?? '', target, teamId: body.team?.id });
  });
}
