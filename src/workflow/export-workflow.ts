/**
 * What people do with export cases: request, approve or reject, retry, download. Everything goes
 * through the ports; the worker (worker.ts) carries cases forward in the background.
 */
import { isGenesysError, isTransient } from './genesys-error.js';
import type { Logger } from '../logger.js';
import { exportAudit, recordAudit, type AuditDraft } from './audit.js';
import { schedulePurge } from './case-effects.js';
import {
  approveCase,
  buildNewCase,
  decisionRefusal,
  isApprovalExpired,
  rejectCase,
  retryFailedSubject,
} from './case-decisions.js';
import type { WorkflowConfig, WorkflowDeps } from './deps.js';
import { scheduleDeadline } from './deadline-step.js';
import { extendDeadline, requesterToday } from './deadlines.js';
import { isSubject, splitApprovers, subjectStatusOnCase, type ApproverSplit } from './approver-eligibility.js';
import { CASE_ID_PATTERN, createAuditIdSource, newCaseId } from './case-and-audit-ids.js';
import type { ExportCase, NewCaseInput, SubjectExport, TimelineCustody } from './model.js';
import { enqueue, notificationIds } from './notifications.js';
import { checkNewCase } from './policy.js';
import { FIELD_LIMITS } from './limits.js';
import { AUDIT_EXPORT_MAX_DAYS, OVERSIGHT_READ_LIMIT, applyCaseFilter, type CaseListFilter, type CaseListing } from './oversight.js';
import { DAY_MS } from './dates.js';
import type { CaseUpdate, SignedDownload, TimerKey } from './ports.js';
import { ok, refusalOf, refuse, type OwnerAction, type Refusal, type Result } from './result.js';
import { errorForLog } from './step-context.js';
import { findSubject } from './subject-transitions.js';
import { ensureApprovalFollowUps } from './approval-steps.js';
import { approvalExpireTimer, approvalRemindTimer, pollTimer, purgeTimer, submitTimer } from './timer-keys.js';
import { withdrawCase } from './withdrawal.js';

export type { WorkflowConfig, WorkflowDeps } from './deps.js';
export type { Refusal, RefusalCode, RefusalReason, RefusalParams, Result } from './result.js';

/**
 * Submission timers are set this far ahead before the write that makes them valid, then moved to
 * "now" after it: a crash in between leaves a timer that finds the case and carries on.
 */
const SAFETY_NET_MS = 30_000;

/** where a decision is checked: the Approve/Reject buttons ('open'), or the confirm form of a verb */
export type DecisionStep = 'open' | 'approve' | 'reject';

export type { OwnerAction } from './result.js';

// The audit details of the "not your case" refusals are those of v0.1.0.
const NOT_OWNER_DETAIL: Record<OwnerAction, string> = {
  download: 'download:not_requester',
  retry: 'retry:not_requester',
  request_again: 'request_again_not_allowed',
  timeline: 'timeline_not_allowed',
};

export class ExportWorkflow {
  private readonly nextAuditId = createAuditIdSource();
  private readonly logger: Logger;
  private readonly config: WorkflowConfig;

  constructor(private readonly deps: WorkflowDeps) {
    this.logger = deps.logger;
    this.config = deps.config;
  }

  canRequest(userId: string): Promise<boolean> {
    return this.deps.membership.isMember(userId, this.config.requesters);
  }

  async isApprover(userId: string): Promise<boolean> {
    if (this.config.approvers.length === 0) return false;
    return this.deps.membership.isMember(userId, this.config.approvers);
  }

  /** who could approve a request by this person: the approvers, groups expanded, minus them */
  async eligibleApprovers(requesterId: string): Promise<string[]> {
    if (this.config.approvers.length === 0) return [];
    const everyone = await this.deps.membership.expand(this.config.approvers);
    return [...new Set(everyone)].filter((id) => id !== requesterId);
  }

  /** `detail` is a short category (e.g. 'other_workspace'), never personal data */
  async recordDenied(actor: string, teamId: string | undefined, detail: string): Promise<void> {
    await this.audit({ action: 'denied', actor, teamId, detail });
  }

  /**
   * Whether this person may request exports today; a refusal is audited. Asked before anything that
   * costs a Genesys call (subject look-ups), so nobody else can probe who has a Genesys account.
   */
  async checkRequester(userId: string, teamId: string | undefined): Promise<Result<void>> {
    if (await this.canRequest(userId)) return ok(undefined);
    await this.recordDenied(userId, teamId, 'request_export:not_requester');
    return refuse('not_requester', 'not_requester', {});
  }

  async requestExport(input: NewCaseInput): Promise<Result<ExportCase>> {
    const allowed = await this.checkRequester(input.requesterId, input.teamId);
    if (!allowed.ok) return allowed;
    const checked = checkNewCase(input, { maxSubjects: this.config.maxSubjects, today: requesterToday(this.deps.clock.now(), input.timeZone) });
    if (!checked.ok) {
      // a refused receipt date bears on the GDPR deadline: keep a trace of the attempt
      if (checked.problems.some((p) => p.field === 'receivedOn')) await this.recordDenied(input.requesterId, input.teamId, 'request_export:received_on');
      return refuse('invalid_request', 'policy_problems', {}, { problems: checked.problems });
    }
    let approvers: ApproverSplit | undefined;
    if (this.config.requireApproval) {
      if ((await this.eligibleApprovers(input.requesterId)).length === 0) {
        return refuse('no_eligible_approver', 'only_approver', {});
      }
      approvers = await this.splitApproversFor(checked.value);
      if (approvers.eligible.length === 0 && approvers.unchecked.length > 0) {
        return refuse('temporarily_unavailable', 'approvers_unchecked', {}, { field: 'subjects' });
      }
      if (approvers.eligible.length === 0) {
        await this.recordDenied(input.requesterId, input.teamId, 'request_export:approvers_are_subjects');
        return refuse('approvers_are_subjects', 'approvers_are_subjects', {}, { field: 'subjects' });
      }
    }

    const now = this.deps.clock.now();
    const c = buildNewCase(checked.value, newCaseId(), now, this.config, approvers);
    const submitKeys = c.subjects.map((s) => submitTimer(c.id, s.id));
    if (c.state === 'approved') await this.setTimers(submitKeys, new Date(now.getTime() + SAFETY_NET_MS));
    await this.deps.store.createCase(c);
    await this.audit({ action: 'requested', actor: c.requesterId, teamId: c.teamId, caseId: c.id, subjectIds: c.subjects.map((s) => s.genesysUserId), detail: c.legalBasis });

    if (c.state === 'awaiting_approval') {
      await ensureApprovalFollowUps(this.deps, c);
    } else {
      await this.setTimers(submitKeys, now);
    }
    await enqueue(this.deps.store, now, notificationIds.caseStatus(c), 'case_status', c.id);
    await scheduleDeadline(this.deps, c);
    this.logger.info({ caseId: c.id, state: c.state, subjects: c.subjects.length }, 'export case created');
    return ok(c);
  }

  async approve(caseId: string, actor: string, note?: string): Promise<Result<ExportCase>> {
    const allowed = await this.checkDecider(caseId, actor, 'approve');
    if (!allowed.ok) return allowed;
    const now = this.deps.clock.now();
    const existing = await this.deps.store.getCase(caseId);
    const submitKeys = (existing?.subjects ?? []).map((s) => submitTimer(caseId, s.id));
    if (existing?.state === 'awaiting_approval') await this.setTimers(submitKeys, new Date(now.getTime() + SAFETY_NET_MS));

    const trimmedNote = note?.trim().slice(0, FIELD_LIMITS.approvalNoteMax) || undefined;
    const decided = await this.decide(caseId, now, (c) => approveCase(c, actor, trimmedNote, now));
    if (!decided.ok) return decided;
    const c = decided.value;
    await this.clearApprovalTimers(caseId);
    await this.setTimers(submitKeys, now);
    await this.audit({ action: 'approved', actor, teamId: c.teamId, caseId, subjectIds: c.subjects.map((s) => s.genesysUserId) });
    await enqueue(this.deps.store, now, notificationIds.caseDecided(caseId), 'case_decided', caseId);
    this.logger.info({ caseId, state: c.state, decidedBy: actor }, 'export case approved');
    return decided;
  }

  async reject(caseId: string, actor: string, reason: string): Promise<Result<ExportCase>> {
    const allowed = await this.checkDecider(caseId, actor, 'reject');
    if (!allowed.ok) return allowed;
    const trimmed = reason.trim();
    if (trimmed.length < FIELD_LIMITS.rejectReasonMin || trimmed.length > FIELD_LIMITS.rejectReasonMax) {
      return trimmed.length < FIELD_LIMITS.rejectReasonMin
        ? refuse('invalid_request', 'reject_reason_too_short', {}, { field: 'justification' })
        : refuse('invalid_request', 'reject_reason_too_long', { length: trimmed.length }, { field: 'justification' });
    }
    const now = this.deps.clock.now();
    const decided = await this.decide(caseId, now, (c) => rejectCase(c, actor, trimmed, now));
    if (!decided.ok) return decided;
    const c = decided.value;
    await this.clearApprovalTimers(caseId);
    await this.audit({ action: 'rejected', actor, teamId: c.teamId, caseId, subjectIds: c.subjects.map((s) => s.genesysUserId) });
    await enqueue(this.deps.store, now, notificationIds.caseDecided(caseId), 'case_decided', caseId);
    await schedulePurge({ store: this.deps.store, config: this.config }, c);
    this.logger.info({ caseId, state: c.state, decidedBy: actor }, 'export case rejected');
    return decided;
  }

  async retrySubject(caseId: string, subjectId: string, actor: string): Promise<Result<ExportCase>> {
    const allowed = await this.checkCaseOwner(caseId, actor, 'retry');
    if (!allowed.ok) return allowed;
    const now = this.deps.clock.now();
    let refusal: Refusal | undefined;
    const update = await this.deps.store.updateCase(caseId, (c) => {
      if (c.state === 'withdrawn') {
        refusal = refusalOf('case_closed', 'retry_withdrawn', { caseId });
        return undefined;
      }
      const step = retryFailedSubject(c, subjectId, actor, now);
      refusal = step.refusal;
      return step.case;
    });
    if (!update) return this.refusedOrMissing(caseId, refusal);
    const c = update.updated;
    const s = findSubject(c, subjectId);
    await this.deps.store.clearTimer(purgeTimer(caseId));
    await this.deps.store.setTimer(submitTimer(caseId, subjectId), now);
    await scheduleDeadline(this.deps, c); // open again: its deadline reminders resume
    await this.audit({ action: 'retried', actor, teamId: c.teamId, caseId, subjectIds: s ? [s.genesysUserId] : [], detail: `attempt ${s?.attempts ?? '?'}` });
    await enqueue(this.deps.store, now, notificationIds.caseStatus(c), 'case_status', caseId);
    this.logger.info({ caseId, subjectId, attempt: s?.attempts, state: c.state }, 'export retried');
    return ok(c);
  }

  /** Fresh signed links for a completed subject; Genesys is asked again each time (links are short-lived). */
  async issueDownloadLinks(
    caseId: string,
    subjectId: string,
    actor: string,
  ): Promise<Result<{ subject: SubjectExport; links: SignedDownload[] }>> {
    const allowed = await this.checkCaseOwner(caseId, actor, 'download');
    if (!allowed.ok) return allowed;
    const c = allowed.value;
    if (c.state === 'withdrawn') {
      await this.recordDenied(actor, c.teamId, 'download:withdrawn');
      return refuse('case_closed', 'download_withdrawn', { caseId });
    }
    const s = findSubject(c, subjectId);
    if (!s || s.state !== 'completed' || !s.requestId) {
      return refuse('not_ready', 'not_ready', { subject: s?.name ?? subjectId });
    }
    let links: SignedDownload[];
    try {
      const request = await this.deps.genesys.getRequest(s.requestId);
      if (request.downloadIds.length === 0) return this.exportExpired(s);
      links = [];
      for (const id of request.downloadIds) links.push(await this.deps.genesys.resolveDownload(id));
    } catch (e) {
      if (isGenesysError(e) && e.code === 'not_found') return this.exportExpired(s);
      if (isTransient(e)) {
        this.logger.warn({ caseId, subjectId, requestId: s.requestId, err: errorForLog(e) }, 'download link not issued: Genesys unavailable');
        return refuse('temporarily_unavailable', 'download_unavailable', {});
      }
      throw e;
    }
    await this.audit({
      action: 'link_issued',
      actor,
      teamId: c.teamId,
      caseId,
      subjectIds: [s.genesysUserId],
      requestIds: [s.requestId],
      detail: `${links.length} link(s)`,
    });
    this.logger.info({ caseId, subjectId, requestId: s.requestId, links: links.length }, 'download links issued');
    return ok({ subject: s, links });
  }

  /**
   * Extends a DSAR's GDPR deadline once by one or two months (art. 12(3)). The requester or an
   * approver may; the reason is kept on the case and shown, the audit records who and by how much.
   */
  async extendDeadline(caseId: string, actor: string, months: number, reason: string): Promise<Result<ExportCase>> {
    const existing = await this.findCase(caseId);
    if (!existing) return this.refusedOrMissing(caseId, undefined);
    // by today's configuration: its requester while still a requester, or an approver it does not concern
    const asRequester = existing.requesterId === actor && (await this.canRequest(actor));
    const asApprover = !asRequester && (await this.isApprover(actor)) && (await this.isSubjectOfCase(existing, actor)) === false;
    if (!asRequester && !asApprover) {
      await this.recordDenied(actor, existing.teamId, 'extend:not_requester_or_approver');
      return refuse('not_allowed_to_extend', 'not_allowed_to_extend', { caseId });
    }
    const now = this.deps.clock.now();
    const { update, refusal } = await this.applyStep(caseId, (c) => extendDeadline(c, actor, months, reason, now));
    if (!update) {
      if (refusal) await this.recordDenied(actor, existing.teamId, `extend:${refusal.code}`);
      return this.refusedOrMissing(caseId, refusal);
    }
    const c = update.updated;
    await this.audit({ action: 'extended', actor, teamId: c.teamId, caseId, detail: `+${months} month(s) to ${c.extension?.dueOn ?? '?'}` });
    await enqueue(this.deps.store, now, notificationIds.deadlineExtended(caseId), 'deadline_extended', caseId);
    await scheduleDeadline(this.deps, c);
    this.logger.info({ caseId, months, by: actor }, 'GDPR deadline extended');
    return ok(c);
  }

  /**
   * The requester withdraws a case. Before approval the cards say so and nothing is sent; after
   * submission Genesys cannot cancel a running export, so polling stops and nothing is fetched.
   */
  async withdraw(caseId: string, actor: string, reason: string, note?: string): Promise<Result<ExportCase>> {
    const mine = await this.findCase(caseId);
    // its requester, while still a requester by today's configuration (anyone else: the step says no)
    if (mine?.requesterId === actor && !(await this.canRequest(actor))) {
      await this.recordDenied(actor, mine.teamId, 'withdraw:no_longer_requester');
      return refuse('no_longer_requester', 'withdraw_no_longer_requester', { caseId });
    }
    const now = this.deps.clock.now();
    const { update, refusal } = await this.applyStep(caseId, (c) => withdrawCase(c, actor, reason, note, now));
    if (!update) {
      if (mine && refusal) await this.recordDenied(actor, mine.teamId, `withdraw:${refusal.code}`);
      return this.refusedOrMissing(caseId, refusal);
    }
    const c = update.updated;
    await this.clearApprovalTimers(caseId);
    for (const s of c.subjects) {
      await this.deps.store.clearTimer(submitTimer(caseId, s.id));
      await this.deps.store.clearTimer(pollTimer(caseId, s.id));
    }
    await this.audit({
      action: 'withdrawn',
      actor,
      teamId: c.teamId,
      caseId,
      subjectIds: c.subjects.map((s) => s.genesysUserId),
      requestIds: c.subjects.flatMap((s) => (s.requestId ? [s.requestId] : [])),
      detail: `${c.withdrawal?.stage ?? 'unknown'}: ${c.withdrawal?.reason ?? 'unknown'}`,
    });
    await enqueue(this.deps.store, now, notificationIds.caseWithdrawn(caseId), 'case_withdrawn', caseId);
    await schedulePurge({ store: this.deps.store, config: this.config }, c);
    this.logger.info({ caseId, stage: c.withdrawal?.stage, reason: c.withdrawal?.reason }, 'export case withdrawn');
    return ok(c);
  }

  async recordTimelineBuilt(caseId: string, actor: string, requestIds: string[], custody?: TimelineCustody): Promise<void> {
    const c = await this.deps.store.getCase(caseId);
    await this.audit({ action: 'timeline_built', actor, teamId: c?.teamId, caseId, requestIds, custody });
  }

  getCase(caseId: string): Promise<ExportCase | undefined> {
    return this.deps.store.getCase(caseId);
  }

  /** the case a button or form names, read only when the id has the case-id form (input is untrusted) */
  private async findCase(caseId: string): Promise<ExportCase | undefined> {
    return CASE_ID_PATTERN.test(caseId) ? this.deps.store.getCase(caseId) : undefined;
  }

  listMyCases(userId: string, limit = 20): Promise<ExportCase[]> {
    return this.deps.store.listCasesByRequester(userId, limit);
  }

  /** this person's requests, only while they are a requester today (`/gdpr-export status`); a refusal is audited */
  async listMyCasesIfRequester(userId: string, teamId: string | undefined, limit = 20): Promise<Result<ExportCase[]>> {
    if (!(await this.canRequest(userId))) {
      await this.recordDenied(userId, teamId, 'status:not_requester');
      return refuse('not_requester', 'list_not_requester', {});
    }
    return ok(await this.listMyCases(userId, limit));
  }

  /** what App Home lists, by today's configuration: own requests while a requester, cases to decide while an approver */
  async homeFor(userId: string): Promise<{ isRequester: boolean; isApprover: boolean; myCases: ExportCase[]; awaitingMyApproval: ExportCase[] }> {
    const [isRequester, isApprover] = await Promise.all([this.canRequest(userId), this.isApprover(userId)]);
    const [myCases, awaitingMyApproval] = await Promise.all([
      isRequester ? this.listMyCases(userId, 50) : Promise.resolve([]),
      isApprover ? this.listAwaitingMyApproval(userId) : Promise.resolve([]),
    ]);
    return { isRequester, isApprover, myCases, awaitingMyApproval };
  }

  /** undecided, unexpired cases this person may decide: never their own, never one that concerns them */
  async listAwaitingMyApproval(userId: string): Promise<ExportCase[]> {
    if (!(await this.isApprover(userId))) return [];
    const now = this.deps.clock.now();
    const waiting = (await this.deps.store.listCasesAwaitingApproval()).filter((c) => c.requesterId !== userId && !isApprovalExpired(c, now));
    // resolved once, and only for a case that does not already say; "cannot tell" hides the case
    let genesysIds: Promise<string[] | undefined> | undefined;
    const resolved = () => (genesysIds ??= this.genesysIdsOf(userId).catch(() => undefined));
    const mine: ExportCase[] = [];
    for (const c of waiting) {
      const status = subjectStatusOnCase(c, userId);
      if (status === 'not_subject' || (status === 'unknown' && !isSubject(c.subjects, userId, await resolved()))) mine.push(c);
    }
    return mine;
  }

  // ------------------------------------------------------------ oversight (read-only)

  /** GDPR_AUDITORS see every case and may export the audit trail; nothing else follows from it */
  async canOversee(userId: string): Promise<boolean> {
    const auditors = this.config.auditors ?? [];
    if (auditors.length === 0) return false;
    return this.deps.membership.isMember(userId, auditors);
  }

  /** 'mine': anyone's own cases; 'all', 'open', 'overdue': auditors only (a refusal is audited) */
  async listCasesFor(actor: string, filter: CaseListFilter, teamId?: string): Promise<Result<CaseListing>> {
    if (filter === 'mine') return ok({ filter, cases: await this.listMyCases(actor, 50), truncated: false });
    if (!(await this.canOversee(actor))) {
      await this.recordDenied(actor, teamId, `list_cases:${filter}:not_auditor`);
      return refuse('not_auditor', 'oversight_not_auditor', {});
    }
    const read = await this.deps.store.listCases(OVERSIGHT_READ_LIMIT + 1);
    // a person a case concerns is never shown it, auditor or not
    const visible = read.slice(0, OVERSIGHT_READ_LIMIT).filter((c) => subjectStatusOnCase(c, actor) !== 'subject');
    const cases = applyCaseFilter(visible, filter, this.deps.clock.now());
    return ok({ filter, cases, truncated: read.length > OVERSIGHT_READ_LIMIT });
  }

  /** one case, read-only: for its requester, its approvers, and auditors */
  async viewCaseFor(actor: string, caseId: string, teamId?: string): Promise<Result<ExportCase>> {
    const c = await this.findCase(caseId);
    if (!c) return this.refusedOrMissing(caseId, undefined);
    // its requester while still a requester (permissions are today's), like every action on it
    if (c.requesterId === actor && (await this.canRequest(actor))) return ok(c);
    // a person the case concerns is never told of it: only someone known not to be a subject sees it
    const mayLook = (await this.canOversee(actor)) || (await this.isApprover(actor));
    if (mayLook && (await this.isSubjectOfCase(c, actor)) === false) return ok(c);
    await this.recordDenied(actor, teamId ?? c.teamId, 'view_case:not_allowed');
    return refuse('not_allowed_to_view', 'not_allowed_to_view', { caseId });
  }

  /** the audit trail of the last `days` days as CSV, for an auditor; the export itself is audited */
  async exportAuditFor(actor: string, days: number, teamId?: string): Promise<Result<{ csv: string; entries: number; since: Date; until: Date }>> {
    if (!(await this.canOversee(actor))) {
      await this.recordDenied(actor, teamId, 'audit_export:not_auditor');
      return refuse('not_auditor', 'audit_export_not_auditor', {});
    }
    const maxDays = Math.min(AUDIT_EXPORT_MAX_DAYS, this.config.auditRetentionDays);
    if (!Number.isInteger(days) || days < 1 || days > maxDays) {
      return refuse('invalid_request', 'audit_export_days', { maxDays, retentionDays: this.config.auditRetentionDays });
    }
    const until = this.deps.clock.now();
    const since = new Date(until.getTime() - days * DAY_MS);
    const chunks: string[] = [];
    const entries = await exportAudit(this.deps.store, { since, until, format: 'csv' }, (chunk) => chunks.push(chunk));
    await this.audit({ action: 'audit_exported', actor, teamId, detail: `${days}d:${entries}` });
    this.logger.info({ actor, days, entries }, 'audit trail exported from Slack');
    return ok({ csv: chunks.join(''), entries, since, until });
  }

  /**
   * The case, when `actor` may decide it today: an approver by today's configuration, not its
   * requester, not one of the people it concerns. Every refusal is audited; a subject is told only
   * that they are not one of its approvers. `step` is where it is asked: 'open' for the Approve and
   * Reject buttons, the verb for the confirm forms (their words and audit details are v0.1.0's).
   */
  async checkDecider(caseId: string, actor: string, step: DecisionStep, teamId?: string): Promise<Result<ExportCase>> {
    const onButton = step === 'open';
    const c = await this.findCase(caseId);
    if (!c) {
      if (!onButton) return this.refusedOrMissing(caseId, undefined);
      await this.recordDenied(actor, teamId, 'decision_on_unknown_case');
      return refuse('case_not_found', 'decided_case_gone', {});
    }
    const deny = async (detail: string, refused: Refusal): Promise<Result<ExportCase>> => {
      await this.recordDenied(actor, c.teamId, onButton ? `${detail}:${c.id}` : `${step}:${detail}`);
      return { ok: false, refusal: refused };
    };
    const caseRef = { caseId: c.id };
    const own = actor === c.requesterId;
    if (onButton && own) return deny('self_approval', refusalOf('self_approval', 'self_approval_button', caseRef));
    if (!(await this.isApprover(actor))) {
      return deny(
        'not_approver',
        step === 'open' ? refusalOf('not_approver', 'not_approver_button', caseRef) : refusalOf('not_approver', 'not_approver_step', { caseId: c.id, step }),
      );
    }
    if (own && step !== 'open') return deny('self_approval', refusalOf('self_approval', 'self_approval_step', { caseId: c.id, step }));
    const subject = await this.isSubjectOfCase(c, actor);
    if (subject === undefined) {
      return refuse('temporarily_unavailable', 'decider_unchecked', caseRef);
    }
    if (subject) return deny('subject_of_request', refusalOf('subject_of_request', 'subject_of_request', caseRef));
    return ok(c);
  }

  /**
   * The case, when `actor` may act on it as its requester today: they made it and are still a
   * requester by today's configuration. Refusals are audited.
   */
  async checkCaseOwner(caseId: string, actor: string, action: OwnerAction, teamId?: string): Promise<Result<ExportCase>> {
    const c = await this.findCase(caseId);
    // v0.1.0 answered an unknown case of a download or retry with "no such request", unaudited
    if (!c && (action === 'download' || action === 'retry')) return this.refusedOrMissing(caseId, undefined);
    if (!c || c.requesterId !== actor) {
      await this.recordDenied(actor, c?.teamId ?? teamId, NOT_OWNER_DETAIL[action]);
      return refuse('not_your_case', 'not_owner', { caseId, action });
    }
    if (!(await this.canRequest(actor))) {
      await this.recordDenied(actor, c.teamId, `${action}:no_longer_requester`);
      return refuse('no_longer_requester', 'owner_no_longer_requester', { caseId: c.id, action });
    }
    return ok(c);
  }

  /** true or false, or undefined when the bot cannot tell just now (a look-up failed) */
  private async isSubjectOfCase(c: ExportCase, userId: string): Promise<boolean | undefined> {
    const status = subjectStatusOnCase(c, userId);
    if (status !== 'unknown') return status === 'subject';
    try {
      return isSubject(c.subjects, userId, await this.genesysIdsOf(userId));
    } catch (e) {
      this.logger.warn({ caseId: c.id, userId, err: errorForLog(e) }, 'could not tell whether an approver is a subject of the case');
      return undefined;
    }
  }

  /**
   * Approvers (groups expanded) split into who may decide, who is a subject, and who could not be
   * checked (their Genesys look-up failed or took too long: they get no card and are checked when
   * they act). Genesys look-ups only where Slack ids do not already tell.
   */
  private async splitApproversFor(input: NewCaseInput): Promise<ApproverSplit> {
    const everyone = [...new Set(await this.deps.membership.expand(this.config.approvers))];
    const toResolve = everyone.filter((id) => id !== input.requesterId && !input.subjects.some((s) => s.slackUserId === id));
    const resolved = new Map(
      await Promise.all(
        toResolve.map(async (id) => {
          const ids = await this.genesysIdsOf(id).catch((e: unknown) => {
            this.logger.warn({ userId: id, err: errorForLog(e) }, 'could not check whether an approver is a subject; no card for them');
            return undefined;
          });
          return [id, ids] as const;
        }),
      ),
    );
    return splitApprovers({ approvers: everyone, requesterId: input.requesterId, subjects: input.subjects, genesysIdsOf: (id) => (resolved.has(id) ? resolved.get(id) : []) });
  }

  private genesysIdsOf(slackUserId: string): Promise<string[]> {
    return this.deps.identity ? this.deps.identity.genesysUserIdsOf(slackUserId) : Promise.resolve([]);
  }

  /** the decision is checked and written in one step: of two concurrent clicks, one wins */
  private async decide(caseId: string, now: Date, apply: (c: ExportCase) => ExportCase): Promise<Result<ExportCase>> {
    let refusal: Refusal | undefined;
    const update = await this.deps.store.updateCase(caseId, (c) => {
      refusal = decisionRefusal(c, now);
      return refusal ? undefined : apply(c);
    });
    return update ? ok(update.updated) : this.refusedOrMissing(caseId, refusal);
  }

  /** Runs a pure step inside one atomic update; resolves the update, or why the step declined. */
  private async applyStep(
    caseId: string,
    step: (c: ExportCase) => { case?: ExportCase; refusal?: Refusal },
  ): Promise<{ update?: CaseUpdate; refusal?: Refusal }> {
    let refusal: Refusal | undefined;
    const update = await this.deps.store.updateCase(caseId, (c) => {
      const result = step(c);
      refusal = result.refusal;
      return result.case;
    });
    return { ...(update ? { update } : {}), ...(refusal ? { refusal } : {}) };
  }

  private refusedOrMissing<T>(caseId: string, refusal: Refusal | undefined): Result<T> {
    if (refusal) return { ok: false, refusal };
    return refuse('case_not_found', 'case_not_found', { caseId });
  }

  private exportExpired(s: SubjectExport): Result<never> {
    return refuse('export_expired', 'export_expired', s.name ? { subject: s.name } : {});
  }

  private async clearApprovalTimers(caseId: string): Promise<void> {
    await this.deps.store.clearTimer(approvalRemindTimer(caseId));
    await this.deps.store.clearTimer(approvalExpireTimer(caseId));
  }

  private async setTimers(keys: TimerKey[], at: Date): Promise<void> {
    for (const key of keys) await this.deps.store.setTimer(key, at);
  }

  private async audit(entry: AuditDraft): Promise<void> {
    await recordAudit(this.deps.store, this.deps.clock, entry, this.nextAuditId);
  }
}
