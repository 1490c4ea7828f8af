/**
 * Deadline views: the extension dialog and the requester's buttons on a case. private_metadata and
 * button values carry the case id only; the workflow re-checks who may act.
 */
import { caseDeadline } from '../../workflow/deadlines.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import { WITHDRAWAL_REASONS, type ExportCase, type WithdrawalReason } from '../../workflow/model.js';
import { withdrawalStage } from '../../workflow/withdrawal.js';
import { isTerminal } from '../../workflow/state-machine.js';
import type { ActionsBlock, ModalView } from './block-kit.js';
import { actions, button, plain, section } from './block-kit.js';
import { calendarDay, escapeClip, singleLine, slackDate, userMention } from './format.js';
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

export function extendModal(c: ExportCase): ModalView {
  const d = caseDeadline(c);
  const firstMonthEnds = d.kind === 'gdpr' ? calendarDay(d.dueOn) : 'the due date';
  return {
    type: 'modal',
    callback_id: EXTEND_MODAL,
    private_metadata: c.id,
    title: plain('Extend GDPR deadline', 24),
    submit: plain('Extend', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`Case ${caseIdCode(c)} (reference ${caseReference(c)}). ${deadlineLine(c) ?? ''}`),
      section(
        `GDPR art. 12(3) allows *one* extension by up to two further months where requests are complex or numerous. You must tell the data subject of the extension, with its reasons, by *${firstMonthEnds}*.`,
      ),
      {
        type: 'input',
        block_id: EXTEND_MONTHS_BLOCK,
        label: plain('Extend by'),
        element: {
          type: 'static_select',
          action_id: EXTEND_MONTHS_ACTION,
          placeholder: plain('Choose', 150),
          options: [
            { text: plain('One further month'), value: '1' },
            { text: plain('Two further months'), value: '2' },
          ],
        },
      },
      {
        type: 'input',
        block_id: EXTEND_REASON_BLOCK,
        label: plain('Reason'),
        hint: plain('Why more time is needed: the data subject must be told. Approvers see it; the audit log records only the extension.'),
        element: { type: 'plain_text_input', action_id: EXTEND_REASON_ACTION, multiline: true, max_length: FIELD_LIMITS.extensionReasonMax },
      },
    ],
  };
}

/** "Extended by 2 months by <@U> on …: reason", or undefined when the deadline was not extended. */
export function extensionLine(c: ExportCase): string | undefined {
  const x = c.extension;
  if (!x) return undefined;
  const months = x.months === 1 ? 'one month' : `${x.months} months`;
  return `:calendar: Deadline extended by ${months} to ${calendarDay(x.dueOn)} by ${userMention(x.by)}: ${escapeClip(singleLine(x.reason), 300)}`;
}

/** Tells the requester (in the case's DM thread) that the deadline moved. */
export function deadlineExtendedText(c: ExportCase): string {
  return `${extensionLine(c) ?? `:calendar: The deadline of ${c.id} was extended`}. Tell the data subject of the extension and its reasons if you have not yet.`;
}

/** The requester's buttons on an open case: extend the deadline while it can be, withdraw. */
export function caseActions(c: ExportCase): ActionsBlock[] {
  if (isTerminal(c.state)) return [];
  const buttons = [];
  if (caseDeadline(c).kind === 'gdpr' && !c.extension) buttons.push(button({ text: 'Extend deadline', actionId: EXTEND_DEADLINE, value: c.id }));
  buttons.push(button({ text: 'Withdraw request', actionId: WITHDRAW_CASE, value: c.id, style: 'danger' }));
  return [actions('case_actions', buttons)];
}

const WITHDRAWAL_REASON_LABELS: Record<WithdrawalReason, string> = {
  subject_withdrew: 'The data subject withdrew the request',
  made_in_error: 'Made in error',
  duplicate: 'Duplicate of another request',
  other: 'Other',
};

/** What withdrawing does at this point, said before the person confirms. */
function withdrawalConsequence(c: ExportCase): string {
  switch (withdrawalStage(c)) {
    case 'before_approval':
      return 'Nothing has been sent to Genesys Cloud. The approval cards will say the request was withdrawn, and nothing will be sent.';
    case 'before_submission':
      return 'Nothing has been sent to Genesys Cloud yet, and nothing will be.';
    case 'after_submission':
      return '*Genesys Cloud cannot cancel an export that is already running.* It may still finish there, but the bot will stop checking on it and will not fetch the results.';
  }
}

export function withdrawModal(c: ExportCase): ModalView {
  return {
    type: 'modal',
    callback_id: WITHDRAW_MODAL,
    private_metadata: c.id,
    title: plain('Withdraw request', 24),
    submit: plain('Withdraw', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`Withdraw case ${caseIdCode(c)} (reference ${caseReference(c)})?`),
      section(withdrawalConsequence(c)),
      {
        type: 'input',
        block_id: WITHDRAW_REASON_BLOCK,
        label: plain('Why'),
        hint: plain('Recorded in the audit log with your name.'),
        element: {
          type: 'static_select',
          action_id: WITHDRAW_REASON_ACTION,
          placeholder: plain('Choose', 150),
          options: WITHDRAWAL_REASONS.map((r) => ({ text: plain(WITHDRAWAL_REASON_LABELS[r], 75), value: r })),
        },
      },
      {
        type: 'input',
        block_id: WITHDRAW_NOTE_BLOCK,
        optional: true,
        label: plain('Note'),
        hint: plain('Kept with the case and shown to approvers; not written to the audit log.'),
        element: { type: 'plain_text_input', action_id: WITHDRAW_NOTE_ACTION, multiline: true, max_length: FIELD_LIMITS.withdrawalNoteMax },
      },
    ],
  };
}

/** ":leftwards_arrow_with_hook: Withdrawn by <@U> on …: reason. Note: …", or undefined. */
export function withdrawalLine(c: ExportCase): string | undefined {
  const w = c.withdrawal;
  if (!w) return undefined;
  const note = w.note ? `. Note: ${escapeClip(singleLine(w.note), 300)}` : '';
  return `:leftwards_arrow_with_hook: Withdrawn by ${userMention(w.by)} on ${slackDate(w.at, true)}: ${WITHDRAWAL_REASON_LABELS[w.reason] ?? w.reason}${note}`;
}

/** Tells the requester, in the case's thread, what the withdrawal means for the exports. */
export function caseWithdrawnText(c: ExportCase): string {
  const stage = c.withdrawal?.stage;
  if (stage === 'after_submission') {
    return `:leftwards_arrow_with_hook: Request ${c.id} is withdrawn. Genesys Cloud cannot cancel an export that is already running, so it may still finish there; the bot has stopped checking on it and will not fetch the results.`;
  }
  return `:leftwards_arrow_with_hook: Request ${c.id} is withdrawn. Nothing was sent to Genesys Cloud${stage === 'before_approval' ? ', and the approvers no longer need to decide' : ''}.`;
}


/** The requester's reminder before a DSAR's due date; `at` is when the reminder was due (days are counted from it). */
export function deadlineReminderText(c: ExportCase, at: Date): string {
  const due = dueWords(c, at) ?? 'soon';
  const lead = `:alarm_clock: Reminder: the GDPR response to request ${c.id} (reference ${caseReference(c)}) is due ${due}.`;
  const d = caseDeadline(c);
  if (d.kind !== 'gdpr' || d.extension) return lead;
  return `${lead} If you need more time, use *Extend deadline* on the status message (or \`/gdpr-export extend ${c.id}\`): the data subject must be told of an extension, with its reasons, by ${calendarDay(d.dueOn)}.`;
}

/** The requester's message when the due date passed with the case still open. */
export function deadlineOverdueText(c: ExportCase): string {
  return `:warning: The GDPR response to request ${c.id} (reference ${caseReference(c)}) was due ${dueDate(c) ?? 'earlier'} and is now overdue. The approvers have been told.`;
}

/** What approvers (and oversight) read about an overdue case. */
export function deadlineEscalationText(c: ExportCase): string {
  return `:warning: GDPR export ${c.id} from ${userMention(c.requesterId)} (reference ${caseReference(c)}) passed its GDPR due date, ${dueDate(c) ?? 'earlier'}, and is still open: ${caseStateLabel(c.state).replace(/^:[a-z_]+:\s*/, '')}.`;
}
