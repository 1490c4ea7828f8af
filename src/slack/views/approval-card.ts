/**
 * The card approvers decide on. It shows everything needed to decide without opening anything
 * else, and loses its buttons once decided so nobody acts on a stale card.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { KnownBlock } from './block-kit.js';
import { actions, button, context, header, labelledFreeText, labelledSections, section } from './block-kit.js';
import { userMention } from './format.js';
import { extensionLine, withdrawalLine } from './deadline-views.js';
import { APPROVE_CASE, REJECT_CASE } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, deadlineFields, deadlineLine, decisionLine, legalBasisLabel, subjectForApprover } from './labels.js';

export function approvalCard(c: ExportCase, reader: Reader): KnownBlock[] {
  const words = reader.t.card;
  const awaiting = c.state === 'awaiting_approval';
  return [
    header(words.header({ id: c.id })),
    section(words.intro({ requester: userMention(c.requesterId), people: c.subjects.length, caseId: caseIdCode(c) })),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: words.legalBasisField({ basis: legalBasisLabel(c, reader) }) },
        { type: 'mrkdwn', text: words.referenceField({ reference: caseReference(c, reader, 300) }) },
        ...deadlineFields(c, reader),
        ...(awaiting && c.approval.expiresAt
          ? [{ type: 'mrkdwn' as const, text: words.expiresField({ when: reader.slackDate(c.approval.expiresAt, true) }) }]
          : []),
      ],
    },
    ...labelledSections(
      words.peopleLabel(),
      c.subjects.map((s) => `• ${subjectForApprover(s, reader)}`),
    ),
    ...labelledFreeText(words.justificationLabel(), c.justification),
    ...(c.extension ? [section(extensionLine(c, reader) ?? '')] : []),
    ...(awaiting ? awaitingDecision(c, reader) : decided(c, reader)),
  ];
}

function awaitingDecision(c: ExportCase, reader: Reader): KnownBlock[] {
  const words = reader.t.card;
  return [
    context(words.beforeDeciding()),
    actions('approval_actions', [
      button({ text: words.approveButton(), actionId: APPROVE_CASE, value: c.id, style: 'primary' }),
      button({ text: words.rejectButton(), actionId: REJECT_CASE, value: c.id, style: 'danger' }),
    ]),
  ];
}

function decided(c: ExportCase, reader: Reader): KnownBlock[] {
  return [section(withdrawalLine(c, reader) ?? decisionLine(c, reader) ?? caseStateLabel(c.state, reader))];
}

/** Notification and screen-reader fallback for the card. */
export function approvalCardText(c: ExportCase, reader: Reader): string {
  const about = { id: c.id, requester: userMention(c.requesterId), people: c.subjects.length, basis: legalBasisLabel(c, reader) };
  if (c.state === 'awaiting_approval') return `${reader.t.card.awaitingText(about)}${sentence(deadlineLine(c, reader))}`;
  return reader.t.card.decidedText({ ...about, outcome: stripEmoji(decisionLine(c, reader) ?? caseStateLabel(c.state, reader)) });
}

export function approvalReminderText(c: ExportCase, reader: Reader): string {
  const expiry = c.approval.expiresAt ? reader.slackDate(c.approval.expiresAt, true) : undefined;
  return `:bell: ${reader.t.card.reminder({ id: c.id, requester: userMention(c.requesterId), expiry })}${sentence(deadlineLine(c, reader))}`;
}

/** " <line>." or nothing */
export const sentence = (line: string | undefined) => (line ? ` ${line}.` : '');

/** a label without its leading emoji, for notification texts */
export const stripEmoji = (s: string) => s.replace(/^:[a-z_]+:\s*/, '');
