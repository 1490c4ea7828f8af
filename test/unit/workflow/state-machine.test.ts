import { describe, expect, it } from 'vitest';
import { CASE_STATES, SUBJECT_EXPORT_STATES, type CaseState, type ExportCase, type SubjectExportState } from '../../../src/workflow/model.js';
import {
  canTransition,
  CASE_TRANSITIONS,
  deriveCaseState,
  IllegalTransitionError,
  progressCase,
  transition,
  transitionSubject,
} from '../../../src/workflow/state-machine.js';

const LEGAL_CASE_MOVES: Array<[CaseState, CaseState]> = [
  ['awaiting_approval', 'approved'],
  ['awaiting_approval', 'rejected'],
  ['awaiting_approval', 'approval_expired'],
  ['approved', 'submitting'],
  ['submitting', 'in_progress'],
  ['submitting', 'failed'],
  ['submitting', 'partly_failed'],
  ['submitting', 'completed'],
  ['in_progress', 'completed'],
  ['in_progress', 'partly_failed'],
  ['in_progress', 'failed'],
  ['partly_failed', 'in_progress'],
  ['failed', 'in_progress'],
  ['awaiting_approval', 'withdrawn'],
  ['approved', 'withdrawn'],
  ['submitting', 'withdrawn'],
  ['in_progress', 'withdrawn'],
];

const LEGAL_SUBJECT_MOVES: Array<[SubjectExportState, SubjectExportState]> = [
  ['pending', 'submitting'],
  ['submitting', 'submitted'],
  ['submitting', 'failed'],
  ['submitted', 'completed'],
  ['submitted', 'failed'],
  ['failed', 'pending'],
];

const NOW = new Date('2025-03-01T10:00:00.000Z');

function aCase(state: CaseState, states: SubjectExportState[] = ['pending']): ExportCase {
  return {
    id: 'GX-00000000',
    version: 1,
    teamId: 'T1',
    requesterId: 'U1',
    subjects: states.map((s, i) => ({ id: `s${i + 1}`, genesysUserId: `g${i}`, resolvedVia: 'genesys_user_id', state: s, checks: 0, attempts: 1 })),
    legalBasis: 'legal_hold',
    caseReference: 'REF',
    justification: 'a justification',
    receivedAt: NOW.toISOString(),
    dueAt: NOW.toISOString(),
    approval: { required: false, approverIds: [] },
    state,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

describe('case transitions', () => {
  it('the table lists exactly the legal moves', () => {
    const listed = Object.entries(CASE_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`));
    expect(listed.sort()).toEqual(LEGAL_CASE_MOVES.map(([f, t]) => `${f}->${t}`).sort());
  });

  for (const from of CASE_STATES) {
    for (const to of CASE_STATES) {
      const legal = LEGAL_CASE_MOVES.some(([f, t]) => f === from && t === to);
      it(`${from} -> ${to} is ${legal ? 'legal' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        if (legal) {
          expect(transition(aCase(from), to, NOW).state).toBe(to);
        } else {
          expect(() => transition(aCase(from), to, NOW)).toThrow(IllegalTransitionError);
        }
      });
    }
  }

  it('stamps finishedAt on entering a final state and clears it on a retry', () => {
    const finished = transition(aCase('in_progress'), 'partly_failed', NOW);
    expect(finished.finishedAt).toBe(NOW.toISOString());
    const retried = transition(finished, 'in_progress', new Date(NOW.getTime() + 1000));
    expect(retried.finishedAt).toBeUndefined();
  });
});

describe('subject transitions', () => {
  for (const from of SUBJECT_EXPORT_STATES) {
    for (const to of SUBJECT_EXPORT_STATES) {
      const legal = LEGAL_SUBJECT_MOVES.some(([f, t]) => f === from && t === to);
      it(`${from} -> ${to} is ${legal ? 'legal' : 'refused'}`, () => {
        const s = aCase('in_progress', [from]).subjects[0]!;
        if (legal) expect(transitionSubject(s, to).state).toBe(to);
        else expect(() => transitionSubject(s, to)).toThrow(IllegalTransitionError);
      });
    }
  }
});

describe('deriveCaseState', () => {
  const table: Array<[SubjectExportState[], CaseState]> = [
    [['completed'], 'completed'],
    [['completed', 'completed'], 'completed'],
    [['failed'], 'failed'],
    [['failed', 'failed'], 'failed'],
    [['failed', 'completed'], 'partly_failed'],
    [['completed', 'failed', 'completed'], 'partly_failed'],
    [['pending'], 'submitting'],
    [['submitting', 'completed'], 'submitting'],
    [['pending', 'submitted'], 'submitting'],
    [['submitted'], 'in_progress'],
    [['submitted', 'completed'], 'in_progress'],
    [['submitted', 'failed'], 'in_progress'],
  ];
  for (const [states, expected] of table) {
    it(`${states.join(', ')} -> ${expected}`, () => {
      expect(deriveCaseState(states.map((state) => ({ state })))).toBe(expected);
    });
  }
});

describe('progressCase', () => {
  it('moves submitting to in_progress once every subject is past submitting', () => {
    expect(progressCase(aCase('submitting', ['submitted', 'submitting']), NOW).state).toBe('submitting');
    expect(progressCase(aCase('submitting', ['submitted', 'submitted']), NOW).state).toBe('in_progress');
  });

  it('keeps a retried case in_progress while the retried subject is pending', () => {
    expect(progressCase(aCase('in_progress', ['pending', 'completed']), NOW).state).toBe('in_progress');
  });

  it('finishes the case when every subject settled', () => {
    const done = progressCase(aCase('in_progress', ['failed', 'completed']), NOW);
    expect(done.state).toBe('partly_failed');
    expect(done.finishedAt).toBe(NOW.toISOString());
  });
});
