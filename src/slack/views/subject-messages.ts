/**
 * Replies in the case's DM thread as each subject finishes. Buttons carry `caseId|subjectId` only:
 * download links are minted on demand because they work for a few minutes.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { SlackMessage } from './block-kit.js';
import { actions, button, context, section } from './block-kit.js';
import { BUILD_TIMELINE, GET_DOWNLOAD_LINK, RETRY_SUBJECT, subjectButtonValue } from './block-kit-ids.js';
import { sentence } from './approval-card.js';
import { caseIdCode, countSubjects, deadlineLine, failureReason, findSubject, legalBasisLabel, subjectName } from './labels.js';

export function subjectReadyMessage(c: ExportCase, subjectId: string, reader: Reader): SlackMessage {
  const words = reader.t.status.subject;
  const s = findSubject(c, subjectId);
  return {
    text: words.readyText({ subject: subjectName(s, reader, { bold: false }), id: c.id }),
    blocks: [
      section(`:large_green_circle: ${words.ready({ subject: subjectName(s, reader), caseId: caseIdCode(c) })}`),
      actions(`ready_${s.id}`, [
        button({
          text: words.getLinkButton(),
          actionId: GET_DOWNLOAD_LINK,
          value: subjectButtonValue(c.id, s.id),
          style: 'primary',
        }),
      ]),
      context(words.handleWithCare({ basis: legalBasisLabel(c, reader) })),
    ],
  };
}

export function subjectFailedMessage(c: ExportCase, subjectId: string, reader: Reader): SlackMessage {
  const words = reader.t.status.subject;
  const s = findSubject(c, subjectId);
  const reason = failureReason(s, reader);
  return {
    text: words.failedText({ subject: subjectName(s, reader, { bold: false }), id: c.id, reason }),
    blocks: [
      section(`:x: ${words.failed({ subject: subjectName(s, reader), caseId: caseIdCode(c), reason })}`),
      actions(`failed_${s.id}`, [
        button({ text: words.retryButton(), actionId: RETRY_SUBJECT, value: subjectButtonValue(c.id, s.id) }),
      ]),
      context(`${words.retryEffect()}${sentence(deadlineLine(c, reader))}`),
    ],
  };
}

export function caseFinishedMessage(c: ExportCase, opts: { timelineEnabled: boolean }, reader: Reader): SlackMessage {
  const words = reader.t.status.finished;
  const total = c.subjects.length;
  const ready = countSubjects(c, 'completed');
  const failed = total - ready;
  if (failed === 0) {
    return {
      text: words.allReadyText({ id: c.id, total }),
      blocks: [
        section(`:large_green_circle: ${words.allReady({ caseId: caseIdCode(c), total })}`),
        ...(opts.timelineEnabled && total > 0
          ? [
              section(words.timelineOffer()),
              actions('case_finished', [
                button({ text: words.timelineButton(), actionId: BUILD_TIMELINE, value: c.id, style: 'primary' }),
              ]),
            ]
          : []),
      ],
    };
  }
  const summary = ready === 0 ? words.noneReady({ caseId: caseIdCode(c), total }) : words.someReady({ caseId: caseIdCode(c), ready, total, failed });
  return {
    text: words.someFailedText({ id: c.id, ready, total, failed }),
    blocks: [section(`:warning: ${summary}`), context(`${words.retryAdvice()}${sentence(deadlineLine(c, reader))}`)],
  };
}
