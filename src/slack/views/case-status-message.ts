/**
 * The requester's status message: one per case, updated in place as subjects progress, so the DM
 * always shows where the whole case stands.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { SlackMessage } from './block-kit.js';
import { context, labelledSections, section } from './block-kit.js';
import { escapeClip, plural, singleLine, slackDate, userMention } from './format.js';
import { sentence } from './approval-card.js';
import { caseActions, extensionLine, withdrawalLine } from './deadline-views.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, deadlineLine, decisionLine, subjectName, subjectProgress } from './labels.js';

const optional = (line: string | undefined) => (line ? [line] : []);

export function caseStatusMessage(c: ExportCase): SlackMessage {
  const ready = countSubjects(c, 'completed');
  const decision = decisionLine(c);
  return {
    text: `GDPR export ${c.id}: ${stateWords(c)} (${ready} of ${c.subjects.length} ready).`,
    blocks: [
      section(`*GDPR export ${caseIdCode(c)}*, reference ${caseReference(c)}\n${caseStateLabel(c.state)}`),
      ...labelledSections(
        `People (${ready} of ${c.subjects.length} ready)`,
        c.subjects.map((s) => `• ${subjectName(s)}: ${subjectProgress(s)}`),
      ),
      context(
        `Requested by ${userMention(c.requesterId)} on ${slackDate(c.receivedAt)}`,
        ...optional(deadlineLine(c)),
        ...(decision ? [decision] : []),
        ...optional(extensionLine(c)),
        ...optional(withdrawalLine(c)),
      ),
      ...caseActions(c),
    ],
  };
}

function stateWords(c: ExportCase): string {
  return caseStateLabel(c.state).replace(/^:[a-z_]+:\s*/, '');
}

/** Tells the requester how the approver decided; posted in the case's DM thread. */
export function caseDecidedText(c: ExportCase): string {
  const a = c.approval;
  const who = a.decidedBy ? userMention(a.decidedBy) : 'An approver';
  const people = plural(c.subjects.length, 'person', 'people');
  switch (a.decision) {
    case 'approved':
      return `:white_check_mark: ${who} approved GDPR export ${c.id}. The bot is sending the export requests for ${people} to Genesys Cloud; you will hear here as each one is ready.`;
    case 'rejected':
      return `:no_entry_sign: ${who} rejected GDPR export ${c.id}: ${rejectionReason(c)}. Nothing was sent to Genesys Cloud. You can submit a new request with \`/gdpr-export\`.`;
    case 'expired':
      return `:hourglass: GDPR export ${c.id} expired: nobody approved or rejected it in time, so nothing was sent to Genesys Cloud. Submit it again with \`/gdpr-export\` if it is still needed.${sentence(deadlineLine(c))}`;
    default:
      return `GDPR export ${c.id}: ${stateWords(c)}.`;
  }
}

function rejectionReason(c: ExportCase): string {
  const note = c.approval.note ? singleLine(c.approval.note).replace(/[.\s]+$/, '') : '';
  return note ? escapeClip(note, 500) : 'no reason given';
}
