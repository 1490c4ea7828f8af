/**
 * Withdrawing a case (pure, run inside `store.updateCase`). Before approval nothing reached
 * Genesys; after submission Genesys cannot cancel an export already running, so the bot only stops
 * polling and will not fetch the results.
 */
import { WITHDRAWAL_REASONS, type ExportCase, type Withdrawal, type WithdrawalReason } from './model.js';
import { FIELD_LIMITS } from './limits.js';
import { refusalOf, type Refusal } from './result.js';
import { isTerminal, transition } from './state-machine.js';

export function withdrawalStage(c: ExportCase): Withdrawal['stage'] {
  if (c.state === 'awaiting_approval') return 'before_approval';
  const reachedGenesys = c.subjects.some((s) => s.requestId !== undefined || s.state !== 'pending');
  return reachedGenesys ? 'after_submission' : 'before_submission';
}

export function withdrawCase(
  c: ExportCase,
  actor: string,
  reason: string,
  note: string | undefined,
  now: Date,
): { case: ExportCase; refusal?: undefined } | { case?: undefined; refusal: Refusal } {
  if (c.requesterId !== actor) return { refusal: refusalOf('not_your_case', 'withdraw_not_owner', { caseId: c.id }) };
  if (isTerminal(c.state)) {
    return { refusal: refusalOf('case_closed', 'already_closed', { caseId: c.id, state: c.state }) };
  }
  if (!(WITHDRAWAL_REASONS as readonly string[]).includes(reason)) {
    return { refusal: refusalOf('invalid_reason', 'withdraw_reason_missing', {}) };
  }
  const words = note?.trim().slice(0, FIELD_LIMITS.withdrawalNoteMax);
  const withdrawal: Withdrawal = {
    by: actor,
    at: now.toISOString(),
    reason: reason as WithdrawalReason,
    ...(words ? { note: words } : {}),
    stage: withdrawalStage(c),
  };
  return { case: { ...transition(c, 'withdrawn', now), withdrawal } };
}
