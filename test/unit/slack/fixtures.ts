/** Realistic and deliberately awkward cases for the view builders. */
import type { CaseState, ExportCase, SubjectExport } from '../../../src/workflow/model.js';

export const NOW = new Date('2025-03-10T09:30:00.000Z');

/** 2000 chars: markup that must not render, ampersands, a broadcast that must not ping. */
export const HOSTILE_JUSTIFICATION = (() => {
  const seed = 'Subject access request from <script>alert("x")</script> & <!channel> *bold* `code` — ';
  return seed.repeat(Math.ceil(2000 / seed.length)).slice(0, 2000);
})();

export const LONG_REFERENCE = `LEGAL-2025/${'<&>'.repeat(40)}${'R'.repeat(300)}`;

export function subject(i: number, over: Partial<SubjectExport> = {}): SubjectExport {
  return {
    id: `s${i}`,
    slackUserId: `U0${i}ABCDEF`,
    genesysUserId: `0d5f3c2a-1b4e-4c8d-9f00-12345678900${i}`,
    name: `Person Number ${i}`,
    resolvedVia: 'slack_profile_email',
    state: 'pending',
    checks: 0,
    attempts: 0,
    ...over,
  };
}

/** Five subjects in every subject state, with a hostile justification and a very long reference. */
export function makeCase(over: Partial<ExportCase> = {}): ExportCase {
  return {
    id: 'GX-7K2M9QPA',
    version: 3,
    teamId: 'T0123ABC',
    requesterId: 'U0REQUEST1',
    subjects: [
      subject(1, { state: 'completed', genesysStatus: 'FULFILLED', completedAt: '2025-03-09T10:00:00.000Z', downloadIds: ['d1', 'd2'] }),
      subject(2, { state: 'submitted', genesysStatus: 'INPROGRESS' }),
      subject(3, {
        state: 'failed',
        failedAt: '2025-03-09T11:00:00.000Z',
        lastError: { code: 'bad_request', message: 'Genesys Cloud refused the export <request> & gave up.', at: '2025-03-09T11:00:00.000Z' },
      }),
      subject(4, { state: 'pending', slackUserId: undefined, name: undefined, resolvedVia: 'genesys_user_id' }),
      subject(5, { state: 'submitting', name: 'Zoë <O’Brien> & Co *star*', resolvedVia: 'email' }),
    ],
    legalBasis: 'data_subject_access_request',
    caseReference: LONG_REFERENCE,
    justification: HOSTILE_JUSTIFICATION,
    receivedAt: '2025-03-01T08:15:00.000Z',
    dueAt: '2025-04-01T08:15:00.000Z',
    approval: { required: true, approverIds: ['U0APPROVE1', 'S0LEGALTEAM'], expiresAt: '2025-03-04T08:15:00.000Z' },
    state: 'in_progress',
    createdAt: '2025-03-01T08:15:00.000Z',
    updatedAt: '2025-03-09T11:00:00.000Z',
    ...over,
  };
}

export function awaitingCase(over: Partial<ExportCase> = {}): ExportCase {
  return makeCase({
    state: 'awaiting_approval',
    subjects: makeCase().subjects.map((s) => ({ ...s, state: 'pending' as const })),
    ...over,
  });
}

export function decidedCase(decision: 'approved' | 'rejected' | 'expired', note?: string): ExportCase {
  const state: CaseState = decision === 'approved' ? 'in_progress' : decision === 'rejected' ? 'rejected' : 'approval_expired';
  return makeCase({
    state,
    approval: {
      required: true,
      approverIds: ['U0APPROVE1'],
      expiresAt: '2025-03-04T08:15:00.000Z',
      decision,
      ...(decision === 'expired' ? {} : { decidedBy: 'U0APPROVE1' }),
      decidedAt: '2025-03-02T12:00:00.000Z',
      ...(note ? { note } : {}),
    },
  });
}

/** Case `i` of a long history, received i hours before the newest. */
export function historicCase(i: number): ExportCase {
  const receivedAt = new Date(Date.UTC(2025, 2, 10, 0) - i * 3_600_000).toISOString();
  return makeCase({ id: `GX-${String(i).padStart(8, '0')}`, receivedAt, caseReference: `REF-${i}` });
}

export const EMAIL_PATTERN = /[^\s@<>|`"]+@[^\s@<>|`"]+\.[a-z]{2,}/i;
