/**
 * The card approvers decide on. It shows everything needed to decide without opening anything
 * else, and loses its buttons once decided so nobody acts on a stale card.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { KnownBlock } from './block-kit.js';
import { actions, button, context, header, labelledFreeText, labelledSections, section } from './block-kit.js';
import { plural, slackDate, userMention } from './format.js';
import { extensionLine, withdrawalLine } from './deadline-views.js';
import { APPROVE_CASE, REJECT_CASE } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, deadlineFields, deadlineLine, decisionLine, legalBasisLabel, subjectForApprover } from './labels.js';

export function approvalCard(c: ExportCase): KnownBlock[] {
  const awaiting = c.state === 'awaiting_approval';
  return [
    header(`GDPR export approval: ${c.id}`),
    section(
      `${userMention(c.requesterId)} asks to export the Genesys Cloud chat of ${plural(c.subjects.length, 'person', 'people')} (case ${caseIdCode(c)}).`,
    ),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Legal basis*\n${legalBasisLabel(c)}` },
        { type: 'mrkdwn', text: `*Case reference*\n${caseReference(c, undefined, 300)}` },
        ...deadlineFields(c),
        ...(awaiting && c.approval.expiresAt
          ? [{ type: 'mrkdwn' as const, text: `*Approval expires*\n${slackDate(c.approval.expiresAt, true)}` }]
          : []),
      ],
    },
    ...labelledSections(
      'People concerned',
      c.subjects.map((s) => `• ${subjectForApprover(s)}`),
    ),
    ...labelledFreeText('Justification', c.justification),
    ...(c.extension ? [section(extensionLine(c) ?? '')] : []),
    ...(awaiting ? awaitingDecision(c) : decided(c)),
  ];
}

function awaitingDecision(c: ExportCase): KnownBlock[] {
  return [
    context(
      'Each export holds only that person’s own Collaborate messages, within the chat retention period. Nothing is sent to Genesys Cloud before approval.',
    ),
    actions('approval_actions', [
      button({ text: 'Approve', actionId: APPROVE_CASE, value: c.id, style: 'primary' }),
      button({ text: 'Reject', actionId: REJECT_CASE, value: c.id, style: 'danger' }),
    ]),
  ];
}

function decided(c: ExportCase): KnownBlock[] {
  return [section(withdrawalLine(c) ?? decisionLine(c) ?? caseStateLabel(c.state))];
}

/** Notification and screen-reader fallback for the card. */
export function approvalCardText(c: ExportCase): string {
  const what = `GDPR export ${c.id} from ${userMention(c.requesterId)} (${plural(c.subjects.length, 'person', 'people')}, ${legalBasisLabel(c)})`;
  if (c.state === 'awaiting_approval') return `${what} is waiting for your approval.${sentence(deadlineLine(c))}`;
  return `${what}: ${stripEmoji(decisionLine(c) ?? caseStateLabel(c.state))}.`;
}

export function approvalReminderText(c: ExportCase): string {
  const expiry = c.approval.expiresAt
    ? ` It expires without a decision ${slackDate(c.approval.expiresAt, true)}, and the requester would have to ask again.`
    : '';
  return `:bell: Reminder: GDPR export ${c.id} from ${userMention(c.requesterId)} is still waiting for approval.${expiry}${sentence(deadlineLine(c))}`;
}

/** " <line>." or nothing */
export const sentence = (line: string | undefined) => (line ? ` ${line}.` : '');

const stripEmoji = (s: string) => s.replace(/^:[a-z_]+:\s*/, '');
