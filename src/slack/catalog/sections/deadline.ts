/**
 * A case's deadline and withdrawal as the requester and the approvers act on them: the extension
 * and withdrawal dialogs, the lines that record them, the requester's reminders and the overdue
 * escalation. Parameters arrive already formatted (mrkdwn, escaped, dates written by the Reader).
 */
import type { Withdrawal, WithdrawalReason } from '../../../workflow/model.js';

type WithdrawalStage = Withdrawal['stage'];

export interface DeadlineWords {
  cancel: () => string;
  /** a dialog asked for a case that does not exist */
  noSuchCase: (p: { caseId: string }) => string;
  extendTitle: () => string;
  extendSubmit: () => string;
  /** `deadline`: the case's deadline line, if any */
  extendIntro: (p: { caseId: string; reference: string; deadline?: string }) => string;
  /** `notifyBy`: the day the data subject must be told by, when known */
  extendRule: (p: { notifyBy?: string }) => string;
  extendByLabel: () => string;
  choose: () => string;
  oneMonth: () => string;
  twoMonths: () => string;
  reasonLabel: () => string;
  extendReasonHint: () => string;
  extendReasonRequired: () => string;
  extensionLine: (p: { months: number; day: string; by: string; reason: string }) => string;
  /** the requester's reply when the extension cannot be described */
  extendedFallback: (p: { id: string }) => string;
  tellDataSubject: () => string;
  extendButton: () => string;
  withdrawButton: () => string;
  withdrawalReason: Record<WithdrawalReason, string>;
  /** what withdrawing does at this stage, said before the person confirms */
  withdrawalConsequence: Record<WithdrawalStage, () => string>;
  withdrawTitle: () => string;
  withdrawSubmit: () => string;
  withdrawQuestion: (p: { caseId: string; reference: string }) => string;
  whyLabel: () => string;
  whyHint: () => string;
  noteLabel: () => string;
  withdrawNoteHint: () => string;
  withdrawalLine: (p: { by: string; when: string; reason: string; note?: string }) => string;
  /** the requester's reply once withdrawn; `stage` as recorded (absent on a malformed record) */
  withdrawn: (p: { id: string; stage?: WithdrawalStage }) => string;
  /** `due`: the due date with how close it is, when known; `extendBy`: the day an extension must be told by, while one is possible */
  reminder: (p: { id: string; reference: string; due?: string; extendBy?: string }) => string;
  overdue: (p: { id: string; reference: string; due?: string }) => string;
  /** `state`: the case's state, without emoji */
  escalation: (p: { id: string; requester: string; reference: string; due?: string; state: string }) => string;
}
