/**
 * The requester's status message: one per case, updated in place as subjects progress, so the DM
 * always shows where the whole case stands.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { SlackMessage } from './block-kit.js';
import { context, labelledSections, section } from './block-kit.js';
import { escapeClip, singleLine, userMention } from './format.js';
import { sentence, stripEmoji } from './approval-card.js';
import { caseActions, extensionLine, withdrawalLine } from './deadline-views.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, deadlineLine, decisionLine, subjectName, subjectProgress } from './labels.js';

const optional = (line: string | undefined) => (line ? [line] : []);

export function caseStatusMessage(c: ExportCase, reader: Reader): SlackMessage {
  const words = reader.t.status;
  const ready = countSubjects(c, 'completed');
  const total = c.subjects.length;
  return {
    text: words.text({ id: c.id, state: stateWords(c, reader), ready, total }),
    blocks: [
      section(`${words.heading({ caseId: caseIdCode(c), reference: caseReference(c, reader) })}\n${caseStateLabel(c.state, reader)}`),
      ...labelledSections(
        words.peopleLabel({ ready, total }),
        c.subjects.map((s) => `• ${subjectName(s, reader)}: ${subjectProgress(s, reader)}`),
      ),
      context(
        words.requestedBy({ requester: userMention(c.requesterId), when: reader.slackDate(c.receivedAt) }),
        ...optional(deadlineLine(c, reader)),
        ...optional(decisionLine(c, reader)),
        ...optional(extensionLine(c, reader)),
        ...optional(withdrawalLine(c, reader)),
      ),
      ...caseActions(c, reader),
    ],
  };
}

function stateWords(c: ExportCase, reader: Reader): string {
  return stripEmoji(caseStateLabel(c.state, reader));
}

/** Tells the requester how the approver decided; posted in the case's DM thread. */
export function caseDecidedText(c: ExportCase, reader: Reader): string {
  const words = reader.t.status.decided;
  const a = c.approval;
  const who = a.decidedBy ? userMention(a.decidedBy) : words.anApprover();
  switch (a.decision) {
    case 'approved':
      return `:white_check_mark: ${words.approved({ who, id: c.id, people: c.subjects.length })}`;
    case 'rejected':
      return `:no_entry_sign: ${words.rejected({ who, id: c.id, reason: rejectionReason(c, reader) })}`;
    case 'expired':
      return `:hourglass: ${words.expired({ id: c.id })}${sentence(deadlineLine(c, reader))}`;
    default:
      return words.other({ id: c.id, state: stateWords(c, reader) });
  }
}

function rejectionReason(c: ExportCase, reader: Reader): string {
  const note = c.approval.note ? singleLine(c.approval.note).replace(/[.\s]+$/, '') : '';
  return note ? escapeClip(note, 500) : reader.t.status.decided.noReason();
}
