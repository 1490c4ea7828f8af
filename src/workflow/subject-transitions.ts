/**
 * Pure transitions of one subject's export, each run inside `store.updateCase`: given the case as stored
 * and what happened, the case to write (or undefined: nothing to do) and what the caller should
 * do next. Keeping them pure lets a second worker, or a timer that fires twice, find nothing to do.
 */
import { nextPollDelayMs, type PollSchedule } from './backoff.js';
import { exportErrorInfo } from './failure-info.js';
import type { ErrorInfo, ExportCase, SubjectExport } from './model.js';
import type { GdprRequestInfo } from './ports.js';
import { progressCase, transition, transitionSubject } from './state-machine.js';

/** A POST, with the client's own retries (at most 60 s), ends well within this; after it, a
 * subject still 'submitting' means a crash, not a call in flight. */
export const SUBMIT_CLAIM_MS = 2 * 60_000;
/** reconciliation looks this far before the attempt began: Genesys's clock is not ours */
export const RECONCILE_SKEW_MS = 2 * 60_000;
export const SUBMIT_RETRY_BASE_MS = 30_000;
export const SUBMIT_RETRY_MAX_MS = 30 * 60_000;

const SUBMITTABLE_CASE_STATES = new Set<ExportCase['state']>(['approved', 'submitting', 'in_progress']);

export type SubmitPlan =
  /** the subject is past submission, or the case is gone or closed: drop the timer */
  | { kind: 'nothing' }
  /** the case still waits for a decision: look again later */
  | { kind: 'wait_for_approval' }
  /** another attempt is under way (or crashed less than SUBMIT_CLAIM_MS ago): look again at retryAt */
  | { kind: 'in_flight'; retryAt: Date }
  | { kind: 'post'; claimedAt: string }
  /** a previous attempt may have reached Genesys: look for its export before posting */
  | { kind: 'reconcile'; claimedAt: string; since: Date; previousRetryGapMs?: number };

export type StatusOutcome =
  | { kind: 'running'; nextCheckAt: Date }
  | { kind: 'completed' }
  | { kind: 'failed'; error: ErrorInfo };

export interface StatusTransition {
  case: ExportCase;
  outcome: StatusOutcome;
  /** set when Genesys reported a status different from the last one recorded */
  statusChange?: { from?: string; to: string };
}

export function findSubject(c: ExportCase, subjectId: string): SubjectExport | undefined {
  return c.subjects.find((s) => s.id === subjectId);
}

function withSubject(c: ExportCase, s: SubjectExport): ExportCase {
  return { ...c, subjects: c.subjects.map((x) => (x.id === s.id ? s : x)) };
}

/** Marks the subject 'submitting' before any call to Genesys, so a crash leaves a trace to reconcile. */
export function claimSubmission(c: ExportCase, subjectId: string, now: Date): { case?: ExportCase; plan: SubmitPlan } {
  const s = findSubject(c, subjectId);
  if (!s) return { plan: { kind: 'nothing' } };
  if (c.state === 'awaiting_approval') return { plan: { kind: 'wait_for_approval' } };
  if (!SUBMITTABLE_CASE_STATES.has(c.state)) return { plan: { kind: 'nothing' } };
  const claimedAt = now.toISOString();
  const moved = c.state === 'approved' ? transition(c, 'submitting', now) : c;

  if (s.state === 'pending') {
    const claimed = { ...transitionSubject(s, 'submitting'), submitStartedAt: claimedAt, lastError: undefined };
    return { case: withSubject(moved, claimed), plan: { kind: 'post', claimedAt } };
  }
  if (s.state !== 'submitting') return { plan: { kind: 'nothing' } };

  const startedMs = Date.parse(s.submitStartedAt ?? c.createdAt);
  const attemptEnded = s.lastError !== undefined && Date.parse(s.lastError.at) >= startedMs;
  if (!attemptEnded && now.getTime() - startedMs < SUBMIT_CLAIM_MS) {
    return { plan: { kind: 'in_flight', retryAt: new Date(startedMs + SUBMIT_CLAIM_MS) } };
  }
  const plan: SubmitPlan = {
    kind: 'reconcile',
    claimedAt,
    since: new Date(startedMs - RECONCILE_SKEW_MS),
    // the gap since the last failed attempt is the last back-off: the next one doubles it
    ...(attemptEnded ? { previousRetryGapMs: now.getTime() - startedMs } : {}),
  };
  return { case: withSubject(moved, { ...s, submitStartedAt: claimedAt }), plan };
}

/** Back-off for a submission that failed transiently: 30 s, then doubling, at most 30 min. */
export function submitRetryDelayMs(previousRetryGapMs: number | undefined, retryAfterMs: number | undefined): number {
  const backoff =
    previousRetryGapMs === undefined
      ? SUBMIT_RETRY_BASE_MS
      : Math.min(SUBMIT_RETRY_MAX_MS, Math.max(SUBMIT_RETRY_BASE_MS, previousRetryGapMs * 2));
  return Math.max(backoff, retryAfterMs ?? 0);
}

function holdsClaim(s: SubjectExport | undefined, claimedAt: string): s is SubjectExport {
  return s !== undefined && s.state === 'submitting' && s.submitStartedAt === claimedAt;
}

/**
 * Genesys accepted (or reconciliation found) the export. An adopted export may already be done,
 * so the status it came with is applied at once.
 */
export function recordSubmitted(
  c: ExportCase,
  subjectId: string,
  claimedAt: string,
  info: GdprRequestInfo,
  now: Date,
  schedule: PollSchedule,
  random: () => number,
): StatusTransition | undefined {
  const s = findSubject(c, subjectId);
  if (!holdsClaim(s, claimedAt)) return undefined;
  const submitted: SubjectExport = {
    ...transitionSubject(s, 'submitted'),
    requestId: info.id,
    submittedAt: now.toISOString(),
    checks: 0,
    lastError: undefined,
  };
  return applyStatus(c, submitted, info, now, schedule, random);
}

/** A transient failure: stay 'submitting' (the next attempt reconciles first) and note why. */
export function recordSubmitRetry(c: ExportCase, subjectId: string, claimedAt: string, error: ErrorInfo): ExportCase | undefined {
  const s = findSubject(c, subjectId);
  if (!holdsClaim(s, claimedAt)) return undefined;
  return withSubject(c, { ...s, lastError: error });
}

export function recordSubmitFailed(
  c: ExportCase,
  subjectId: string,
  claimedAt: string,
  error: ErrorInfo,
  now: Date,
): ExportCase | undefined {
  const s = findSubject(c, subjectId);
  if (!holdsClaim(s, claimedAt)) return undefined;
  return failSubject(c, s, error, now);
}

function isPolled(s: SubjectExport | undefined, requestId: string): s is SubjectExport {
  return s !== undefined && s.state === 'submitted' && s.requestId === requestId;
}

/** One status check's answer. */
export function recordPollResult(
  c: ExportCase,
  subjectId: string,
  info: GdprRequestInfo,
  now: Date,
  schedule: PollSchedule,
  random: () => number,
): StatusTransition | undefined {
  const s = findSubject(c, subjectId);
  if (c.state === 'withdrawn' || !isPolled(s, info.id)) return undefined; // withdrawn: stop polling
  const checked: SubjectExport = { ...s, checks: s.checks + 1, lastCheckedAt: now.toISOString(), lastError: undefined };
  return applyStatus(c, checked, info, now, schedule, random);
}

/** A status check that failed for a while: note why and look again at nextCheckAt. */
export function recordPollRetry(
  c: ExportCase,
  subjectId: string,
  requestId: string,
  error: ErrorInfo,
  nextCheckAt: Date,
): ExportCase | undefined {
  const s = findSubject(c, subjectId);
  if (!isPolled(s, requestId)) return undefined;
  return withSubject(c, { ...s, lastError: error, nextCheckAt: nextCheckAt.toISOString() });
}

export function recordPollFailed(c: ExportCase, subjectId: string, requestId: string, error: ErrorInfo, now: Date): ExportCase | undefined {
  const s = findSubject(c, subjectId);
  if (!isPolled(s, requestId)) return undefined;
  return failSubject(c, s, error, now);
}

function failSubject(c: ExportCase, s: SubjectExport, error: ErrorInfo, now: Date): ExportCase {
  const failed: SubjectExport = {
    ...transitionSubject(s, 'failed'),
    lastError: error,
    failedAt: now.toISOString(),
    nextCheckAt: undefined,
  };
  return progressCase(withSubject(c, failed), now);
}

/** Statuses are compared loosely: Genesys sends upper case, and unknown values mean "still running". */
function applyStatus(
  c: ExportCase,
  s: SubjectExport,
  info: GdprRequestInfo,
  now: Date,
  schedule: PollSchedule,
  random: () => number,
): StatusTransition {
  const statusChange = s.genesysStatus === info.status ? undefined : { from: s.genesysStatus, to: info.status };
  const withStatus: SubjectExport = { ...s, genesysStatus: info.status };
  const status = info.status.toUpperCase();
  let subject: SubjectExport;
  let outcome: StatusOutcome;
  if (status === 'COMPLETED') {
    subject = {
      ...transitionSubject(withStatus, 'completed'),
      downloadIds: info.downloadIds,
      completedAt: now.toISOString(),
      nextCheckAt: undefined,
    };
    outcome = { kind: 'completed' };
  } else if (status === 'ERROR') {
    const error = exportErrorInfo(now);
    subject = { ...transitionSubject(withStatus, 'failed'), lastError: error, failedAt: now.toISOString(), nextCheckAt: undefined };
    outcome = { kind: 'failed', error };
  } else {
    const nextCheckAt = new Date(now.getTime() + nextPollDelayMs(s.checks, schedule, random));
    subject = { ...withStatus, nextCheckAt: nextCheckAt.toISOString() };
    outcome = { kind: 'running', nextCheckAt };
  }
  const moved: StatusTransition = { case: progressCase(withSubject(c, subject), now), outcome };
  return statusChange ? { ...moved, statusChange } : moved;
}
