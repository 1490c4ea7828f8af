/**
 * Replies in the case's DM thread as each subject finishes. Buttons carry `caseId|subjectId` only:
 * download links are minted on demand because they work for a few minutes.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { SlackMessage } from './block-kit.js';
import { actions, button, context, section } from './block-kit.js';
import { plural } from './format.js';
import { BUILD_TIMELINE, GET_DOWNLOAD_LINK, RETRY_SUBJECT, subjectButtonValue } from './block-kit-ids.js';
import { sentence } from './approval-card.js';
import { caseIdCode, countSubjects, deadlineLine, failureReason, findSubject, legalBasisLabel, subjectName } from './labels.js';

export function subjectReadyMessage(c: ExportCase, subjectId: string): SlackMessage {
  const s = findSubject(c, subjectId);
  return {
    text: `The chat export of ${subjectName(s, undefined, { bold: false })} for GDPR export ${c.id} is ready to download.`,
    blocks: [
      section(`:large_green_circle: The chat export of ${subjectName(s)} (case ${caseIdCode(c)}) is ready.`),
      actions(`ready_${s.id}`, [
        button({
          text: 'Get download link',
          actionId: GET_DOWNLOAD_LINK,
          value: subjectButtonValue(c.id, s.id),
          style: 'primary',
        }),
      ]),
      context(
        `Each link works for a few minutes only: press the button whenever you are ready to download. The archive holds personal data; handle it under this case’s legal basis (${legalBasisLabel(c)}).`,
      ),
    ],
  };
}

export function subjectFailedMessage(c: ExportCase, subjectId: string): SlackMessage {
  const s = findSubject(c, subjectId);
  const reason = failureReason(s);
  return {
    text: `The chat export of ${subjectName(s, undefined, { bold: false })} for GDPR export ${c.id} failed: ${reason}`,
    blocks: [
      section(`:x: The chat export of ${subjectName(s)} (case ${caseIdCode(c)}) failed.\n*Reason:* ${reason}`),
      actions(`failed_${s.id}`, [
        button({ text: 'Retry', actionId: RETRY_SUBJECT, value: subjectButtonValue(c.id, s.id) }),
      ]),
      context(
        `Retry sends a new export request to Genesys Cloud for this person only.${sentence(deadlineLine(c))}`,
      ),
    ],
  };
}

export function caseFinishedMessage(c: ExportCase, opts: { timelineEnabled: boolean }): SlackMessage {
  const total = c.subjects.length;
  const ready = countSubjects(c, 'completed');
  const failed = total - ready;
  if (failed === 0) {
    const text = `All ${plural(total, 'export', 'exports')} of GDPR export ${c.id} are ready.`;
    return {
      text,
      blocks: [
        section(`:large_green_circle: All ${plural(total, 'export', 'exports')} of case ${caseIdCode(c)} are ready. Download each one from its message in this thread.`),
        ...(opts.timelineEnabled && total > 0
          ? [
              section(
                'The bot can merge the exports into one conversation timeline, in time order. It holds only the messages of the people in this case.',
              ),
              actions('case_finished', [
                button({ text: 'Build conversation timeline', actionId: BUILD_TIMELINE, value: c.id, style: 'primary' }),
              ]),
            ]
          : []),
      ],
    };
  }
  const summary =
    ready === 0
      ? `No export of case ${caseIdCode(c)} succeeded: all ${plural(total, 'export', 'exports')} failed.`
      : `${ready} of ${total} exports of case ${caseIdCode(c)} are ready; ${failed} failed.`;
  return {
    text: `GDPR export ${c.id} finished: ${ready} of ${total} ready, ${failed} failed.`,
    blocks: [
      section(`:warning: ${summary}`),
      context(
        `Use *Retry* on each failed export in this thread. The conversation timeline needs every export, so it is offered once all are ready.${sentence(deadlineLine(c))}`,
      ),
    ],
  };
}
