/**
 * What people do with export cases: request, approve or reject, retry, download. Everything goes
 * through the ports; the worker (worker.ts) carries cases forward in the background.
 */
import { isGenesysError, isTransient } from '../genesys/errors.js';
import type { Logger } from '../logger.js';
import { recordAudit, type AuditDraft } from './audit.js';
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
import { createAuditIdSource, newCaseId } from './ids.js';
import type { ExportCase, NewCaseInput, SubjectExport } from './model.js';
import { enqueue, notificationIds } from './notifications.js';
import { checkNewCase } from './policy.js';
import type { CaseUpdate, SignedDownload, TimerKey } from './ports.js';
import { ok, refuse, type Refusal, type Result } from './result.js';
import { errorForLog } from './step-context.js';
import { findSubject } from './subject-steps.js';
import { ensureApprovalFollowUps } from './approval-steps.js';
import { approvalExpireTimer, approvalRemindTimer, pollTimer, purgeTimer, submitTimer } from './timer-keys.js';
import { withdrawCase } from './withdrawal.js';

export type { WorkflowConfig, WorkflowDeps } from './deps.js';
export type { Refusal, RefusalCode, Result } from './result.js';

/**
 * Submission timers are set this far ahead before the write that makes them valid, then moved to
 * "now" after it: a crash in between leaves a timer that finds the case and carries on.
 */
const SAFETY_NET_MS = 30_000;
export const REJECT_REASON_MAX = 2000;

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

  async requestExport(input: NewCaseInput): Promise<Result<ExportCase>> {
    if (!(await this.canRequest(input.requesterId))) {
      await this.recordDenied(input.requesterId, input.teamId, 'request_export:not_requester');
      return refuse(
        'not_requester',
        'You are not allowed to request GDPR exports. Ask an administrator to add you (or a user group you belong to) to GDPR_REQUESTERS.',
      );
    }
    const checked = checkNewCase(input, { maxSubjects: this.config.maxSubjects, today: requesterToday(this.deps.clock.now(), input.timeZone) });
    if (!checked.ok) {
      // a refused receipt date bears on the GDPR deadline: keep a trace of the attempt
      if (checked.problems.some((p) => p.field === 'receivedOn')) await this.recordDenied(input.requesterId, input.teamId, 'request_export:received_on');
      return refuse('invalid_request', checked.problems.map((p) => p.message).join('\n'), checked.problems);
    }
    if (this.config.requireApproval && (await this.eligibleApprovers(input.requesterId)).length === 0) {
      return refuse(
        'no_eligible_approver',
        'You are the only approver, and nobody may approve their own request. Ask an administrator to add another approver to GDPR_APPROVERS.',
      );
    }

    const now = this.deps.clock.now();
    const c = buildNewCase(checked.value, newCaseId(), now, this.config);
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
    const refused = await this.checkDecider(caseId, actor, 'approve');
    if (refused) return refused;
    const now = this.deps.clock.now();
    const existing = await this.deps.store.getCase(caseId);
    const submitKeys = (existing?.subjects ?? []).map((s) => submitTimer(caseId, s.id));
    if (existing?.state === 'awaiting_approval') await this.setTimers(submitKeys, new Date(now.getTime() + SAFETY_NET_MS));

    const trimmedNote = note?.trim().slice(0, REJECT_REASON_MAX) || undefined;
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
    const refused = await this.checkDecider(caseId, actor, 'reject');
    if (refused) return refused;
    const trimmed = reason.trim();
    if (trimmed.length === 0 || trimmed.length > REJECT_REASON_MAX) {
      return refuse(
        'invalid_request',
        trimmed.length === 0
          ? 'Give a reason for rejecting; the requester will read it.'
          : `The reason is ${trimmed.length} characters long; keep it to ${REJECT_REASON_MAX}.`,
        [{ field: 'justification', message: 'Give a reason for rejecting.' }],
      );
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
    const now = this.deps.clock.now();
    let refusal: Refusal | undefined;
    const update = await this.deps.store.updateCase(caseId, (c) => {
      if (c.state === 'withdrawn') {
        refusal = { code: 'case_closed', message: `Request ${caseId} was withdrawn; make a new request if the export is needed again.` };
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
    const c = await this.deps.store.getCase(caseId);
    if (!c) return this.refusedOrMissing(caseId, undefined);
    if (c.requesterId !== actor) {
      await this.recordDenied(actor, c.teamId, 'download:not_requester');
      return refuse('not_your_case', `Only the person who requested ${caseId} can download its exports.`);
    }
    if (c.state === 'withdrawn') {
      await this.recordDenied(actor, c.teamId, 'download:withdrawn');
      return refuse('case_closed', `Request ${caseId} was withdrawn, so its results are not fetched from Genesys Cloud.`);
    }
    const s = findSubject(c, subjectId);
    if (!s || s.state !== 'completed' || !s.requestId) {
      return refuse('not_ready', `The export for ${s?.name ?? subjectId} is not ready yet. You will get a message when it is.`);
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
        return refuse('temporarily_unavailable', 'Genesys Cloud is not answering right now. Try the download again in a few minutes.');
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
    const existing = await this.deps.store.getCase(caseId);
    if (!existing) return this.refusedOrMissing(caseId, undefined);
    if (existing.requesterId !== actor && !(await this.isApprover(actor))) {
      await this.recordDenied(actor, existing.teamId, 'extend:not_requester_or_approver');
      return refuse('not_allowed_to_extend', `Only the person who requested ${caseId}, or an approver, can extend its deadline.`);
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
    const now = this.deps.clock.now();
    const { update, refusal } = await this.applyStep(caseId, (c) => withdrawCase(c, actor, reason, note, now));
    if (!update) {
      const existing = await this.deps.store.getCase(caseId);
      if (existing && refusal) await this.recordDenied(actor, existing.teamId, `withdraw:${refusal.code}`);
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

  async recordTimelineBuilt(caseId: string, actor: string, requestIds: string[]): Promise<void> {
    const c = await this.deps.store.getCase(caseId);
    await this.audit({ action: 'timeline_built', actor, teamId: c?.teamId, caseId, requestIds });
  }

  /** One case in full, for its requester or an approver; anyone else is refused and audited. */
  async viewCase(caseId: string, actor: string): Promise<Result<ExportCase>> {
    const c = await this.deps.store.getCase(caseId);
    if (!c) return this.refusedOrMissing(caseId, undefined);
    if (c.requesterId !== actor && !(await this.isApprover(actor))) {
      await this.recordDenied(actor, c.teamId, 'view_case:not_requester_or_approver');
      return refuse('not_your_case', `Only the person who requested ${caseId}, or an approver, can see it.`);
    }
    return ok(c);
  }

  getCase(caseId: string): Promise<ExportCase | undefined> {
    return this.deps.store.getCase(caseId);
  }

  listMyCases(userId: string, limit = 20): Promise<ExportCase[]> {
    return this.deps.store.listCasesByRequester(userId, limit);
  }

  /** undecided, unexpired cases this person may decide (never their own) */
  async listAwaitingMyApproval(userId: string): Promise<ExportCase[]> {
    if (!(await this.isApprover(userId))) return [];
    const now = this.deps.clock.now();
    const waiting = await this.deps.store.listCasesAwaitingApproval();
    return waiting.filter((c) => c.requesterId !== userId && !isApprovalExpired(c, now));
  }

  private async checkDecider(caseId: string, actor: string, verb: 'approve' | 'reject'): Promise<Result<never> | undefined> {
    const c = await this.deps.store.getCase(caseId);
    if (!c) return this.refusedOrMissing(caseId, undefined);
    if (!(await this.isApprover(actor))) {
      await this.recordDenied(actor, c.teamId, `${verb}:not_approver`);
      return refuse('not_approver', `You are not an approver, so you cannot ${verb} ${caseId}. Approvers are listed in GDPR_APPROVERS.`);
    }
    if (actor === c.requesterId) {
      await this.recordDenied(actor, c.teamId, `${verb}:self_approval`);
      return refuse('self_approval', `You made request ${caseId}, so another approver must ${verb} it.`);
    }
    return undefined;
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
    return refuse('case_not_found', `There is no export request ${caseId}. It may have been deleted after its retention period.`);
  }

  private exportExpired(s: SubjectExport): Result<never> {
    return refuse(
      'export_expired',
      `This export has expired in Genesys Cloud and can no longer be downloaded. To get the chat of ${s.name ?? 'this person'} again, request it again.`,
    );
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
