/**
 * Deadline views: the extension dialog and the requester's buttons on a case. private_metadata and
 * button values carry the case id only; the workflow re-checks who may act.
 */
import { caseDeadline } from '../../workflow/deadlines.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import { WITHDRAWAL_REASONS, type ExportCase } from '../../workflow/model.js';
import { withdrawalStage } from '../../workflow/withdrawal.js';
import { isTerminal } from '../../workflow/state-machine.js';
import type { Reader } from '../catalog/index.js';
import type { ActionsBlock, ModalView } from './block-kit.js';
import { actions, button, plain, section } from './block-kit.js';
import { escapeClip, singleLine, userMention } from './format.js';
import { stripEmoji } from './approval-card.js';
import {
  EXTEND_DEADLINE,
  EXTEND_MODAL,
  EXTEND_MONTHS_ACTION,
  EXTEND_MONTHS_BLOCK,
  EXTEND_REASON_ACTION,
  EXTEND_REASON_BLOCK,
  WITHDRAW_CASE,
  WITHDRAW_MODAL,
  WITHDRAW_NOTE_ACTION,
  WITHDRAW_NOTE_BLOCK,
  WITHDRAW_REASON_ACTION,
  WITHDRAW_REASON_BLOCK,
} from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, deadlineLine, dueDate, dueWords } from './labels.js';

export function extendModal(c: ExportCase, reader: Reader): ModalView {
  const words = reader.t.deadline;
  const d = caseDeadline(c);
  return {
    type: 'modal',
    callback_id: EXTEND_MODAL,
    private_metadata: c.id,
    title: plain(words.extendTitle(), 24),
    submit: plain(words.extendSubmit(), 24),
    close: plain(words.cancel(), 24),
    blocks: [
      section(words.extendIntro({ caseId: caseIdCode(c), reference: caseReference(c, reader), deadline: deadlineLine(c, reader) })),
      section(words.extendRule({ notifyBy: d.kind === 'gdpr' ? reader.day(d.dueOn) : undefined })),
      {
        type: 'input',
        block_id: EXTEND_MONTHS_BLOCK,
        label: plain(words.extendByLabel()),
        element: {
          type: 'static_select',
          action_id: EXTEND_MONTHS_ACTION,
          placeholder: plain(words.choose(), 150),
          options: [
            { text: plain(words.oneMonth()), value: '1' },
            { text: plain(words.twoMonths()), value: '2' },
          ],
        },
      },
      {
        type: 'input',
        block_id: EXTEND_REASON_BLOCK,
        label: plain(words.reasonLabel()),
        hint: plain(words.extendReasonHint()),
        element: { type: 'plain_text_input', action_id: EXTEND_REASON_ACTION, multiline: true, max_length: FIELD_LIMITS.extensionReasonMax },
      },
    ],
  };
}

/** "Extended by 2 months by <@U> on …: reason", or undefined when the deadline was not extended. */
export function extensionLine(c: ExportCase, reader: Reader): string | undefined {
  const x = c.extension;
  if (!x) return undefined;
  const line = reader.t.deadline.extensionLine({ months: x.months, day: reader.day(x.dueOn), by: userMention(x.by), reason: escapeClip(singleLine(x.reason), 300) });
  return `:calendar: ${line}`;
}

/** Tells the requester (in the case's DM thread) that the deadline moved. */
export function deadlineExtendedText(c: ExportCase, reader: Reader): string {
  const words = reader.t.deadline;
  return `${extensionLine(c, reader) ?? `:calendar: ${words.extendedFallback({ id: c.id })}`}. ${words.tellDataSubject()}`;
}

/** The requester's buttons on an open case: extend the deadline while it can be, withdraw. */
export function caseActions(c: ExportCase, reader: Reader): ActionsBlock[] {
  if (isTerminal(c.state)) return [];
  const words = reader.t.deadline;
  const buttons = [];
  if (caseDeadline(c).kind === 'gdpr' && !c.extension) buttons.push(button({ text: words.extendButton(), actionId: EXTEND_DEADLINE, value: c.id }));
  buttons.push(button({ text: words.withdrawButton(), actionId: WITHDRAW_CASE, value: c.id, style: 'danger' }));
  return [actions('case_actions', buttons)];
}

export function withdrawModal(c: ExportCase, reader: Reader): ModalView {
  const words = reader.t.deadline;
  return {
    type: 'modal',
    callback_id: WITHDRAW_MODAL,
    private_metadata: c.id,
    title: plain(words.withdrawTitle(), 24),
    submit: plain(words.withdrawSubmit(), 24),
    close: plain(words.cancel(), 24),
    blocks: [
      section(words.withdrawQuestion({ caseId: caseIdCode(c), reference: caseReference(c, reader) })),
      section(words.withdrawalConsequence[withdrawalStage(c)]()),
      {
        type: 'input',
        block_id: WITHDRAW_REASON_BLOCK,
        label: plain(words.whyLabel()),
        hint: plain(words.whyHint()),
        element: {
          type: 'static_select',
          action_id: WITHDRAW_REASON_ACTION,
          placeholder: plain(words.choose(), 150),
          options: WITHDRAWAL_REASONS.map((r) => ({ text: plain(words.withdrawalReason[r], 75), value: r })),
        },
      },
      {
        type: 'input',
        block_id: WITHDRAW_NOTE_BLOCK,
        optional: true,
        label: plain(words.noteLabel()),
        hint: plain(words.withdrawNoteHint()),
        element: { type: 'plain_text_input', action_id: WITHDRAW_NOTE_ACTION, multiline: true, max_length: FIELD_LIMITS.withdrawalNoteMax },
      },
    ],
  };
}

/** ":leftwards_arrow_with_hook: Withdrawn by <@U> on …: reason. Note: …", or undefined. */
export function withdrawalLine(c: ExportCase, reader: Reader): string | undefined {
  const w = c.withdrawal;
  if (!w) return undefined;
  const words = reader.t.deadline;
  const line = words.withdrawalLine({
    by: userMention(w.by),
    when: reader.slackDate(w.at, true),
    // a reason outside the list (a record written by hand) is shown as stored
    reason: words.withdrawalReason[w.reason] ?? escapeClip(singleLine(String(w.reason)), 100),
    note: w.note ? escapeClip(singleLine(w.note), 300) : undefined,
  });
  return `:leftwards_arrow_with_hook: ${line}`;
}

/** Tells the requester, in the case's thread, what the withdrawal means for the exports. */
export function caseWithdrawnText(c: ExportCase, reader: Reader): string {
  return `:leftwards_arrow_with_hook: ${reader.t.deadline.withdrawn({ id: c.id, stage: c.withdrawal?.stage })}`;
}

/** The requester's reminder before a DSAR's due date; `at` is when the reminder was due (days are counted from it). */
export function deadlineReminderText(c: ExportCase, at: Date, reader: Reader): string {
  const d = caseDeadline(c);
  // an extension is offered while the case still has its first due date
  const extendBy = d.kind === 'gdpr' && !d.extension ? reader.day(d.dueOn) : undefined;
  return `:alarm_clock: ${reader.t.deadline.reminder({ id: c.id, reference: caseReference(c, reader), due: dueWords(c, at, reader), extendBy })}`;
}

/** The requester's message when the due date passed with the case still open. */
export function deadlineOverdueText(c: ExportCase, reader: Reader): string {
  return `:warning: ${reader.t.deadline.overdue({ id: c.id, reference: caseReference(c, reader), due: dueDate(c, reader) })}`;
}

/** What approvers (and oversight) read about an overdue case. */
export function deadlineEscalationText(c: ExportCase, reader: Reader): string {
  const state = stripEmoji(caseStateLabel(c.state, reader));
  return `:warning: ${reader.t.deadline.escalation({ id: c.id, requester: userMention(c.requesterId), reference: caseReference(c, reader), due: dueDate(c, reader), state })}`;
}
