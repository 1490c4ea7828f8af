/**
 * Timer `submit:<case>:<subject>`: send one subject's export to Genesys, exactly once.
 * The subject is marked 'submitting' before the POST; a later attempt that finds it so (a crash,
 * a lost answer) first looks for the export in Genesys and adopts it rather than posting again.
 */
import { isGenesysError, type GenesysError } from './genesys-error.js';
import { announceCaseProgress, announceSubjectFailed, auditSubjectStep, ensureSubjectFollowUp, followStatusOutcome } from './case-effects.js';
import { submitFailureInfo, transientInfo } from './failure-info.js';
import { classifySubmitError } from './retry-policy.js';
import type { GdprRequestInfo } from './ports.js';
import { errorForLog, pollSchedule, type StepContext } from './step-context.js';
import {
  claimSubmission,
  findSubject,
  recordSubmitFailed,
  recordSubmitRetry,
  recordSubmitted,
  submitRetryDelayMs,
  SUBMIT_CLAIM_MS,
  type StatusTransition,
  type SubmitPlan,
} from './subject-transitions.js';
import { submitTimer } from './timer-keys.js';

/** how often a submit timer looks again while the case still waits for a decision */
export const AWAITING_APPROVAL_RECHECK_MS = 60_000;

type Claim = Extract<SubmitPlan, { kind: 'post' | 'reconcile' }>;

export async function runSubmitStep(ctx: StepContext, caseId: string, subjectId: string): Promise<void> {
  const key = submitTimer(caseId, subjectId);
  const now = ctx.clock.now();
  // typed wide on purpose: TypeScript cannot see the assignment inside the callback
  let plan = { kind: 'nothing' } as SubmitPlan;
  const claimed = await ctx.store.updateCase(caseId, (c) => {
    const planned = claimSubmission(c, subjectId, now);
    plan = planned.plan;
    return planned.case;
  });

  if (plan.kind === 'wait_for_approval') {
    await ctx.store.setTimer(key, new Date(now.getTime() + AWAITING_APPROVAL_RECHECK_MS));
    return;
  }
  if (plan.kind === 'in_flight') {
    await ctx.store.setTimer(key, plan.retryAt);
    return;
  }
  if (plan.kind === 'nothing' || !claimed) {
    const c = await ctx.store.getCase(caseId);
    const s = c && findSubject(c, subjectId);
    if (c && s) await ensureSubjectFollowUp(ctx, c, s, now);
    await ctx.store.clearTimer(key);
    return;
  }

  // if we die from here on, the timer brings us back after the claim window to reconcile
  await ctx.store.setTimer(key, new Date(now.getTime() + SUBMIT_CLAIM_MS));
  await announceCaseProgress(ctx, claimed, now);
  const subject = findSubject(claimed.updated, subjectId);
  if (!subject) return;
  ctx.logger.info({ caseId, subjectId, attempt: subject.attempts, plan: plan.kind }, 'submitting export');

  let info: GdprRequestInfo;
  let adopted = false;
  try {
    const found = plan.kind === 'reconcile' ? await ctx.genesys.findExportSince(subject.genesysUserId, plan.since) : undefined;
    adopted = found !== undefined;
    info = found ?? (await ctx.genesys.createExport(subject.genesysUserId));
  } catch (e) {
    if (!isGenesysError(e)) throw e; // the worker logs it and comes back; the claim makes that safe
    await handleSubmitError(ctx, caseId, subjectId, plan, e);
    return;
  }
  await handleSubmitted(ctx, caseId, subjectId, plan, info, adopted);
}

async function handleSubmitted(
  ctx: StepContext,
  caseId: string,
  subjectId: string,
  claim: Claim,
  info: GdprRequestInfo,
  adopted: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  let moved = undefined as StatusTransition | undefined;
  const update = await ctx.store.updateCase(caseId, (c) => {
    moved = recordSubmitted(c, subjectId, claim.claimedAt, info, now, pollSchedule(ctx.config), ctx.random);
    return moved?.case;
  });
  if (!update || !moved) {
    // someone else took the subject over; their reconciliation will find this export
    ctx.logger.warn({ caseId, subjectId, requestId: info.id }, 'export created but the subject moved on; left for reconciliation');
    return;
  }
  const s = findSubject(update.updated, subjectId);
  if (!s) return;
  ctx.logger.info({ caseId, subjectId, requestId: info.id, status: info.status, adopted }, 'export submitted');
  if (update.updated.state === 'withdrawn') {
    // the POST was under way when the requester withdrew: keep the trace, fetch and poll nothing
    await auditSubjectStep(ctx, update.updated, s, 'submitted', 'after withdrawal: not polled, results not fetched', info.id);
    await ctx.store.clearTimer(submitTimer(caseId, subjectId));
    return;
  }
  await auditSubjectStep(ctx, update.updated, s, 'submitted', adopted ? 'adopted an export found after an interrupted submission' : 'created', info.id);
  await followStatusOutcome(ctx, update.updated, s, moved, now);
  await ctx.store.clearTimer(submitTimer(caseId, subjectId));
  await announceCaseProgress(ctx, update, now);
}

async function handleSubmitError(ctx: StepContext, caseId: string, subjectId: string, claim: Claim, e: GenesysError): Promise<void> {
  const now = ctx.clock.now();
  const key = submitTimer(caseId, subjectId);
  if (classifySubmitError(e) === 'retry') {
    const delayMs = submitRetryDelayMs(claim.kind === 'reconcile' ? claim.previousRetryGapMs : undefined, e.retryAfterMs);
    const update = await ctx.store.updateCase(caseId, (c) => recordSubmitRetry(c, subjectId, claim.claimedAt, transientInfo(e, now)));
    if (update) await ctx.store.setTimer(key, new Date(now.getTime() + delayMs));
    ctx.logger.warn({ caseId, subjectId, err: e.toLog(), retryInMs: delayMs }, 'export submission failed for now; will reconcile and retry');
    return;
  }
  const error = submitFailureInfo(e, now);
  const update = await ctx.store.updateCase(caseId, (c) => recordSubmitFailed(c, subjectId, claim.claimedAt, error, now));
  if (!update) return;
  const s = findSubject(update.updated, subjectId);
  if (!s) return;
  ctx.logger.warn({ caseId, subjectId, err: errorForLog(e) }, 'export submission refused by Genesys; subject failed');
  await auditSubjectStep(ctx, update.updated, s, 'failed', e.code);
  await announceSubjectFailed(ctx, update.updated, s, now);
  await ctx.store.clearTimer(key);
  await announceCaseProgress(ctx, update, now);
}
