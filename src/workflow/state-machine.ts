/**
 * The case and subject life cycles. Every legal move is listed in one table, so a reviewer can read
 * the whole life cycle in one place and tests can check every pair.
 */
import { TERMINAL_CASE_STATES, type CaseState, type ExportCase, type SubjectExport, type SubjectExportState } from './model.js';

/**
 * `submitting → completed` (or partly_failed/failed) is legal: when a crash left a subject in
 * 'submitting', reconciliation may adopt an export Genesys had already finished, so every subject
 * can settle without the case ever passing through in_progress.
 */
export const CASE_TRANSITIONS: Record<CaseState, readonly CaseState[]> = {
  awaiting_approval: ['approved', 'rejected', 'approval_expired', 'withdrawn'],
  rejected: [],
  approval_expired: [],
  approved: ['submitting', 'withdrawn'],
  submitting: ['in_progress', 'completed', 'partly_failed', 'failed', 'withdrawn'],
  in_progress: ['completed', 'partly_failed', 'failed', 'withdrawn'],
  completed: [],
  partly_failed: ['in_progress'], // a retry of a failed subject
  failed: ['in_progress'], // a retry of a failed subject
  withdrawn: [], // final: what Genesys still finishes is neither polled nor fetched
};

export const SUBJECT_TRANSITIONS: Record<SubjectExportState, readonly SubjectExportState[]> = {
  pending: ['submitting'],
  submitting: ['submitted', 'failed'], // failed: Genesys refused the POST for good
  submitted: ['completed', 'failed'],
  completed: [],
  failed: ['pending'], // a retry
};

export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly kind: 'case' | 'subject',
    readonly from: string,
    readonly to: string,
  ) {
    super(`Illegal ${kind} transition from ${from} to ${to}`);
  }
}

export function isTerminal(state: CaseState): boolean {
  return TERMINAL_CASE_STATES.includes(state);
}

export function canTransition(from: CaseState, to: CaseState): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

export function canTransitionSubject(from: SubjectExportState, to: SubjectExportState): boolean {
  return SUBJECT_TRANSITIONS[from].includes(to);
}

/** Moves a case; entering a final state stamps finishedAt, leaving one (a retry) clears it. */
export function transition(c: ExportCase, to: CaseState, now: Date): ExportCase {
  if (!canTransition(c.state, to)) throw new IllegalTransitionError('case', c.state, to);
  const at = now.toISOString();
  return { ...c, state: to, updatedAt: at, finishedAt: isTerminal(to) ? at : undefined };
}

export function transitionSubject(s: SubjectExport, to: SubjectExportState): SubjectExport {
  if (!canTransitionSubject(s.state, to)) throw new IllegalTransitionError('subject', s.state, to);
  return { ...s, state: to };
}

/** The case state its subjects imply. An empty list counts as completed (nothing left to do). */
export function deriveCaseState(subjects: readonly Pick<SubjectExport, 'state'>[]): CaseState {
  const count = (state: SubjectExportState) => subjects.filter((s) => s.state === state).length;
  const completed = count('completed');
  const failed = count('failed');
  if (completed === subjects.length) return 'completed';
  if (failed === subjects.length) return 'failed';
  if (completed + failed === subjects.length) return 'partly_failed';
  if (count('pending') > 0 || count('submitting') > 0) return 'submitting';
  return 'in_progress';
}

/**
 * The case state after its subjects moved, following only legal steps. A case that is in_progress
 * stays there while a retried subject is pending again (in_progress → submitting is not a move).
 */
export function progressCase(c: ExportCase, now: Date): ExportCase {
  if (c.state === 'withdrawn') return c; // subjects may still record what Genesys said; the case stays withdrawn
  const derived = deriveCaseState(c.subjects);
  if (derived === c.state) return c;
  if (isTerminal(derived)) return transition(c, derived, now);
  if (c.state === 'submitting' && derived === 'in_progress') return transition(c, 'in_progress', now);
  return c;
}
