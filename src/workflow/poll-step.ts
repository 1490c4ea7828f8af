/** Timer `poll:<case>:<subject>`: ask Genesys how a submitted export is doing. */
import { isGenesysError, type GenesysError } from './genesys-error.js';
import { nextPollDelayMs } from './backoff.js';
import { announceCaseProgress, announceSubjectFailed, auditSubjectStep, ensureSubjectFollowUp, followStatusOutcome } from './case-effects.js';
import { pollFailureInfo, transientInfo } from './failure-info.js';
import { classifyPollError } from './retry-policy.js';
import type { GdprRequestInfo } from './ports.js';
import { errorForLog, pollSchedule, type StepContext } from './step-context.js';
import { findSubject, recordPollFailed, recordPollResult, recordPollRetry, type StatusTransition } from './subject-transitions.js';
import { pollTimer } from './timer-keys.js';

export async function runPollStep(ctx: StepContext, caseId: string, subjectId: string): Promise<void> {
  const key = pollTimer(caseId, subjectId);
  const c = await ctx.store.getCase(caseId);
  const s = c && findSubject(c, subjectId);
  if (!c || !s || s.state !== 'submitted' || !s.requestId) {
    if (c && s) await ensureSubjectFollowUp(ctx, c, s, ctx.clock.now());
    await ctx.store.clearTimer(key);
    return;
  }
  const requestId = s.requestId;
  let info: GdprRequestInfo;
  try {
    info = await ctx.genesys.getRequest(requestId);
  } catch (e) {
    if (!isGenesysError(e)) throw e;
    await handlePollError(ctx, caseId, subjectId, requestId, s.checks, e);
    return;
  }

  const now = ctx.clock.now();
  let moved = undefined as StatusTransition | undefined; // assigned inside the callback
  const update = await ctx.store.updateCase(caseId, (current) => {
    moved = recordPollResult(current, subjectId, info, now, pollSchedule(ctx.config), ctx.random);
    return moved?.case;
  });
  const polled = update && findSubject(update.updated, subjectId);
  if (!update || !moved || !polled) {
    await ctx.store.clearTimer(key); // the subject moved on while we asked (a retry, a purge)
    return;
  }
  ctx.logger.info(
    { caseId, subjectId, requestId, status: info.status, checks: polled.checks, nextCheckAt: polled.nextCheckAt },
    'export status checked',
  );
  if (moved.statusChange) {
    const detail = `${moved.statusChange.from ?? 'unknown'} -> ${moved.statusChange.to}`.slice(0, 100);
    await auditSubjectStep(ctx, update.updated, polled, 'status_changed', detail, requestId);
  }
  await followStatusOutcome(ctx, update.updated, polled, moved, now);
  await announceCaseProgress(ctx, update, now);
}

async function handlePollError(
  ctx: StepContext,
  caseId: string,
  subjectId: string,
  requestId: string,
  checks: number,
  e: GenesysError,
): Promise<void> {
  const now = ctx.clock.now();
  const key = pollTimer(caseId, subjectId);
  if (classifyPollError(e) === 'retry') {
    const delayMs = Math.max(e.retryAfterMs ?? 0, nextPollDelayMs(checks, pollSchedule(ctx.config), ctx.random));
    const nextCheckAt = new Date(now.getTime() + delayMs);
    const update = await ctx.store.updateCase(caseId, (c) => recordPollRetry(c, subjectId, requestId, transientInfo(e, now), nextCheckAt));
    if (update) await ctx.store.setTimer(key, nextCheckAt);
    else await ctx.store.clearTimer(key);
    const log = e.code === 'auth_failed' ? ctx.logger.error.bind(ctx.logger) : ctx.logger.warn.bind(ctx.logger);
    log({ caseId, subjectId, requestId, err: e.toLog(), retryInMs: delayMs }, 'export status check failed; will look again');
    return;
  }
  const error = pollFailureInfo(e, now);
  const update = await ctx.store.updateCase(caseId, (c) => recordPollFailed(c, subjectId, requestId, error, now));
  const s = update && findSubject(update.updated, subjectId);
  if (!update || !s) {
    await ctx.store.clearTimer(key);
    return;
  }
  ctx.logger.warn({ caseId, subjectId, requestId, err: errorForLog(e) }, 'export status check refused; subject failed');
  await auditSubjectStep(ctx, update.updated, s, 'failed', e.code, requestId);
  await announceSubjectFailed(ctx, update.updated, s, now);
  await ctx.store.clearTimer(key);
  await announceCaseProgress(ctx, update, now);
}
