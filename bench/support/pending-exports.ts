/**
 * Puts many running subject exports straight into a store through its API (createCase, setTimer),
 * as the worker leaves them in steady state: submitted, polled a few times, next check ahead.
 */
import { randomUUID } from 'node:crypto';
import { newCaseId } from '../../src/workflow/case-and-audit-ids.js';
import type { ExportCase, SubjectExport } from '../../src/workflow/model.js';
import type { WorkflowStore } from '../../src/workflow/ports.js';
import { pollTimer } from '../../src/workflow/timer-keys.js';
import { APPROVER, TEAM } from './fixtures.js';

export interface SeedOptions {
  store: WorkflowStore;
  cases: number;
  subjectsPerCase: number;
  /** when the exports were submitted */
  submittedAt: Date;
  /** the poll timer of export number i (0-based, case by case) */
  dueAt: (index: number) => Date;
  /** the Genesys request id of export number i; default a random id the simulator does not know */
  requestId?: (index: number) => string;
  /** cases written at once */
  concurrency?: number;
}

export interface SeededExport {
  index: number;
  caseId: string;
  subjectId: string;
  requestId: string;
}

/** checks already made: the ramp is over, each new check is one POLL_MAX_INTERVAL_SECONDS away */
const STEADY_STATE_CHECKS = 8;
const REQUESTERS = 40;

export async function seedPendingExports(options: SeedOptions): Promise<SeededExport[]> {
  const { store, cases, subjectsPerCase } = options;
  const requestIdOf = options.requestId ?? (() => randomUUID());
  const seeded: SeededExport[] = [];
  const built: Array<{ c: ExportCase; due: Array<[SeededExport, Date]> }> = [];
  for (let n = 0; n < cases; n++) {
    const c = pendingCase(n, options.submittedAt);
    const due: Array<[SeededExport, Date]> = [];
    for (let k = 0; k < subjectsPerCase; k++) {
      const index = n * subjectsPerCase + k;
      const requestId = requestIdOf(index);
      const at = options.dueAt(index);
      c.subjects.push(pendingSubject(k, requestId, options.submittedAt, at));
      const e = { index, caseId: c.id, subjectId: `s${k + 1}`, requestId };
      seeded.push(e);
      due.push([e, at]);
    }
    built.push({ c, due });
  }
  const concurrency = options.concurrency ?? 100;
  for (let i = 0; i < built.length; i += concurrency) {
    await Promise.all(
      built.slice(i, i + concurrency).map(async ({ c, due }) => {
        await store.createCase(c);
        await Promise.all(due.map(([e, at]) => store.setTimer(pollTimer(e.caseId, e.subjectId), at)));
      }),
    );
  }
  return seeded;
}

function pendingCase(n: number, submittedAt: Date): ExportCase {
  const at = submittedAt.toISOString();
  return {
    id: newCaseId(),
    version: 3,
    teamId: TEAM,
    requesterId: `U0BENCH${String(n % REQUESTERS).padStart(2, '0')}`,
    subjects: [],
    legalBasis: 'legal_hold',
    caseReference: `BENCH-${n}`,
    justification: 'Benchmark case: a pending export among many.',
    receivedAt: at,
    dueAt: new Date(submittedAt.getTime() + 30 * 86_400_000).toISOString(),
    approval: { required: true, approverIds: [APPROVER], decision: 'approved', decidedBy: APPROVER, decidedAt: at },
    state: 'in_progress',
    createdAt: at,
    updatedAt: at,
  };
}

function pendingSubject(k: number, requestId: string, submittedAt: Date, nextCheckAt: Date): SubjectExport {
  const at = submittedAt.toISOString();
  return {
    id: `s${k + 1}`,
    genesysUserId: randomUUID(),
    name: `Subject ${k + 1}`,
    resolvedVia: 'genesys_user_id',
    state: 'submitted',
    requestId,
    submitStartedAt: at,
    submittedAt: at,
    genesysStatus: 'SEARCHING',
    lastCheckedAt: at,
    nextCheckAt: nextCheckAt.toISOString(),
    checks: STEADY_STATE_CHECKS,
    attempts: 1,
  };
}
