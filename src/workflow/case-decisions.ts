/**
 * Pure decisions people make about a case (create, approve, reject, retry) and the approval expiry.
 * Each runs inside `store.updateCase`, so the check and the write are one step: of two approvers
 * clicking at once, the second finds the case decided.
 */
import { addMs, HOUR_MS } from './dates.js';
import { newCaseDeadline } from './deadlines.js';
import type { ApproverSplit } from './approver-eligibility.js';
import type { WorkflowConfig } from './deps.js';
import type { ExportCase, NewCaseInput, SubjectExport } from './model.js';
import { refusalOf, type Refusal } from './result.js';
import { findSubject } from './subject-transitions.js';
import { transition, transitionSubject } from './state-machine.js';

function identityOf(s: NewCaseInput['subjects'][number] & { id: string }): Pick<SubjectExport, 'id' | 'slackUserId' | 'genesysUserId' | 'name' | 'resolvedVia'> {
  return {
    id: s.id,
    ...(s.slackUserId === undefined ? {} : { slackUserId: s.slackUserId }),
    genesysUserId: s.genesysUserId,
    ...(s.name === undefined ? {} : { name: s.name }),
    resolvedVia: s.resolvedVia,
  };
}

/** `approvers`: who may decide it and which approvers are subjects (when approval is required) */
export function buildNewCase(
  input: NewCaseInput,
  id: string,
  now: Date,
  config: Pick<WorkflowConfig, 'requireApproval' | 'approvers' | 'approvalTtlHours'>,
  approvers?: ApproverSplit,
): ExportCase {
  const at = now.toISOString();
  const subjects: SubjectExport[] = input.subjects.map((s, i) => ({
    ...identityOf({ ...s, id: `s${i + 1}` }),
    state: 'pending',
    checks: 0,
    attempts: 1,
  }));
  return {
    id,
    version: 1,
    teamId: input.teamId,
    requesterId: input.requesterId,
    subjects,
    legalBasis: input.legalBasis,
    caseReference: input.caseReference,
    justification: input.justification,
    receivedAt: at,
    ...newCaseDeadline(input),
    approval: config.requireApproval
      ? {
          required: true,
          approverIds: [...config.approvers],
          expiresAt: addMs(now, config.approvalTtlHours * HOUR_MS).toISOString(),
          ...(approvers ? { eligibleApproverIds: approvers.eligible, subjectApproverIds: approvers.subjects } : {}),
          ...(approvers?.unchecked.length ? { uncheckedApproverIds: approvers.unchecked } : {}),
        }
      : { required: false, approverIds: [] },
    state: config.requireApproval ? 'awaiting_approval' : 'approved',
    createdAt: at,
    updatedAt: at,
  };
}

export function isApprovalExpired(c: ExportCase, now: Date): boolean {
  return c.approval.expiresAt !== undefined && Date.parse(c.approval.expiresAt) <= now.getTime();
}

/** Why this case can no longer be decided, or undefined when it can. */
export function decisionRefusal(c: ExportCase, now: Date): Refusal | undefined {
  if (c.state === 'approval_expired' || (c.state === 'awaiting_approval' && isApprovalExpired(c, now))) {
    return refusalOf('approval_expired', 'approval_expired', { caseId: c.id, ...(c.approval.expiresAt ? { expiresAt: c.approval.expiresAt } : {}) });
  }
  if (c.state === 'awaiting_approval') return undefined;
  if (!c.approval.required) {
    return refusalOf('already_decided', 'no_approval_needed', { caseId: c.id });
  }
  const { decision, decidedBy, decidedAt } = c.approval;
  return refusalOf('already_decided', 'already_decided', {
    caseId: c.id,
    ...(decision ? { decision } : {}),
    ...(decidedBy ? { decidedBy } : {}),
    ...(decidedAt ? { decidedAt } : {}),
  });
}

export function approveCase(c: ExportCase, actor: string, note: string | undefined, now: Date): ExportCase {
  const moved = transition(c, 'approved', now);
  return {
    ...moved,
    approval: { ...c.approval, decision: 'approved', decidedBy: actor, decidedAt: now.toISOString(), ...(note ? { note } : {}) },
  };
}

export function rejectCase(c: ExportCase, actor: string, reason: string, now: Date): ExportCase {
  const moved = transition(c, 'rejected', now);
  return { ...moved, approval: { ...c.approval, decision: 'rejected', decidedBy: actor, decidedAt: now.toISOString(), note: reason } };
}

export function expireApproval(c: ExportCase, now: Date): ExportCase {
  const moved = transition(c, 'approval_expired', now);
  return { ...moved, approval: { ...c.approval, decision: 'expired', decidedAt: now.toISOString() } };
}

/** A failed subject goes back to 'pending' for a fresh attempt; the other subjects are untouched. */
export function retryFailedSubject(
  c: ExportCase,
  subjectId: string,
  actor: string,
  now: Date,
): { case: ExportCase; refusal?: undefined } | { case?: undefined; refusal: Refusal } {
  if (c.requesterId !== actor) {
    return { refusal: refusalOf('not_your_case', 'not_owner', { caseId: c.id, action: 'retry' }) };
  }
  const s = findSubject(c, subjectId);
  if (!s) return { refusal: refusalOf('not_retryable', 'no_such_export', { caseId: c.id, subjectId }) };
  if (s.state !== 'failed') {
    return { refusal: refusalOf('not_retryable', 'not_failed', { subject: s.name ?? s.genesysUserId, state: s.state }) };
  }
  // a fresh attempt: nothing of the failed one (request id, status, error, downloads) carries over
  const retried: SubjectExport = {
    ...identityOf(s),
    state: transitionSubject(s, 'pending').state,
    checks: 0,
    attempts: s.attempts + 1,
  };
  const withRetried = { ...c, subjects: c.subjects.map((x) => (x.id === s.id ? retried : x)) };
  const moved = c.state === 'failed' || c.state === 'partly_failed' ? transition(withRetried, 'in_progress', now) : withRetried;
  return { case: moved };
}
