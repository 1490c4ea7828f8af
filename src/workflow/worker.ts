/**
 * The poller and dispatcher. One replica at a time holds the 'worker' lease and runs cycles: due
 * timers (submissions, status checks, approval expiry, purges), then due notifications. Each step
 * checks the stored case before acting, so a second worker or a stale timer finds nothing to do.
 *
 * The lease is short (5 s) and renewed by a heartbeat while a cycle runs, so a replica that dies
 * holding it is replaced within seconds, however slow the call it died in. A holder that stalls
 * past its lease (a frozen process) learns at its next beat that it lost it and stops between
 * steps; what it was writing meanwhile is fenced by the store (per-case version check and lock,
 * per-entry outbox lease), so it cannot overwrite its successor's work.
 */
import type { Logger } from '../logger.js';
import { recordAudit } from './audit.js';
import { ensureApprovalFollowUps, runApprovalExpireStep, runApprovalRemindStep } from './approval-steps.js';
import { DAY_MS, HOUR_MS } from './dates.js';
import { runDeadlineStep } from './deadline-step.js';
import type { WorkflowDeps } from './deps.js';
import { createAuditIdSource } from './case-and-audit-ids.js';
import { dispatchDueNotifications } from './outbox.js';
import { runPollStep } from './poll-step.js';
import type { NotifierPort, TimerKey } from './ports.js';
import { runPurgeStep } from './purge-step.js';
import { errorForLog, type StepContext } from './step-context.js';
import { runSubmitStep } from './submit-step.js';
import { parseTimerKey } from './timer-keys.js';

const APPROVAL_SWEEP_MS = 5 * 60_000;

export const WORKER_LEASE = 'worker';
/** how long the worker lease lasts without renewal: the longest a dead holder stalls polling */
export const WORKER_LEASE_TTL_MS = 5_000;
/** a step that threw is tried again after this */
export const STEP_ERROR_RETRY_MS = 30_000;

export interface WorkerDeps extends WorkflowDeps {
  notifier: NotifierPort;
  /** identifies this process in the lease */
  holderId: string;
  tickMs?: number;
  /** timers and notifications handled per cycle, each */
  batchSize?: number;
  /** lease time to live (default WORKER_LEASE_TTL_MS, at least 3 ticks) */
  leaseTtlMs?: number;
  /** how often a running cycle renews the lease (default a third of the lease) */
  heartbeatMs?: number;
}

export class WorkflowWorker {
  private readonly ctx: StepContext;
  private readonly logger: Logger;
  private readonly tickMs: number;
  private readonly leaseTtlMs: number;
  private readonly heartbeatMs: number;
  private readonly batchSize: number;
  private loopTimer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;
  private stopping = false;
  private leader = false;
  /** set by the heartbeat when another replica took the lease during our cycle */
  private leaseLost = false;
  private lastAuditPurgeAt: number | undefined;
  private lastApprovalSweepAt: number | undefined;

  constructor(private readonly deps: WorkerDeps) {
    this.tickMs = deps.tickMs ?? 1000;
    // short, so a dead holder is replaced fast; a live one renews it from a heartbeat (see tick)
    this.leaseTtlMs = Math.max(deps.leaseTtlMs ?? WORKER_LEASE_TTL_MS, 3 * this.tickMs);
    this.heartbeatMs = deps.heartbeatMs ?? Math.floor(this.leaseTtlMs / 3);
    this.batchSize = deps.batchSize ?? 50;
    this.logger = deps.logger;
    const nextAuditId = createAuditIdSource();
    this.ctx = {
      store: deps.store,
      genesys: deps.genesys,
      clock: deps.clock,
      logger: deps.logger,
      config: deps.config,
      random: deps.random ?? Math.random,
      audit: async (entry) => {
        await recordAudit(deps.store, deps.clock, entry, nextAuditId);
      },
    };
  }

  start(): void {
    if (this.loopTimer || this.stopping) return;
    this.logger.info({ holderId: this.deps.holderId, tickMs: this.tickMs }, 'workflow worker started');
    this.scheduleTick(0);
  }

  /** Stops taking work, waits for the cycle under way, and hands the lease back. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.loopTimer) clearTimeout(this.loopTimer);
    this.loopTimer = undefined;
    await this.current?.catch(() => undefined);
    if (this.leader) {
      this.leader = false;
      await this.deps.store.releaseLease(WORKER_LEASE, this.deps.holderId).catch((e: unknown) => {
        this.logger.warn({ err: errorForLog(e) }, 'could not release the worker lease; it will expire');
      });
    }
  }

  /**
   * One turn of the loop: take or renew the lease, and run a cycle when we hold it. Resolves whether
   * a cycle ran. `start()` calls it every tick; tests call it to play several replicas.
   */
  async tick(): Promise<boolean> {
    if (this.stopping) return false;
    const run = (async () => {
      this.leader = await this.renewLease();
      if (!this.leader || this.stopping) return false;
      this.leaseLost = false;
      const heartbeat = this.startHeartbeat();
      try {
        await this.runCycle();
      } finally {
        clearInterval(heartbeat);
      }
      return true;
    })();
    this.current = run;
    try {
      return await run;
    } finally {
      if (this.current === run) this.current = undefined;
    }
  }

  /** One pass: the awaiting-approval sweep (every few minutes), due timers, due notifications, then (hourly) the audit retention. */
  async runCycle(): Promise<{ timers: number; notifications: number }> {
    await this.sweepAwaitingApprovals();
    const now = this.deps.clock.now();
    const due = await this.deps.store.dueTimers(now, this.batchSize);
    let timers = 0;
    for (const key of due) {
      if (!this.mayContinue()) break;
      await this.runTimer(key);
      timers += 1;
    }
    const notifications = !this.mayContinue()
      ? 0
      : await dispatchDueNotifications(
          { store: this.deps.store, holderId: this.deps.holderId, notifier: this.deps.notifier, clock: this.deps.clock, logger: this.logger },
          this.batchSize,
          () => this.mayContinue(),
        );
    await this.purgeOldAuditHourly();
    return { timers, notifications };
  }

  private scheduleTick(delayMs: number): void {
    this.loopTimer = setTimeout(() => {
      void this.tick()
        .catch((e: unknown) => this.logger.error({ err: errorForLog(e) }, 'worker cycle failed'))
        .finally(() => {
          if (!this.stopping) this.scheduleTick(this.tickMs);
        });
    }, delayMs);
    this.loopTimer.unref();
  }

  private async renewLease(): Promise<boolean> {
    const held = await this.deps.store.acquireLease(WORKER_LEASE, this.deps.holderId, this.leaseTtlMs);
    if (held !== this.leader) this.logger.info({ holderId: this.deps.holderId, leader: held }, held ? 'worker lease taken' : 'worker lease lost');
    return held;
  }

  /**
   * Renews the lease while a cycle runs, however long one call takes. A lost lease (we stalled and
   * another replica took over) ends the cycle at the next step; a renewal that fails (store down)
   * changes nothing: the lease lapses on its own if the outage outlasts it.
   */
  private startHeartbeat(): NodeJS.Timeout {
    let beating = false;
    const timer = setInterval(() => {
      // also while stopping: the last cycle keeps the lease until it ends, then stop() releases it
      if (beating) return;
      beating = true;
      this.renewLease()
        .then((held) => {
          if (held) return;
          this.leader = false;
          this.leaseLost = true;
        })
        .catch((e: unknown) => this.logger.warn({ err: errorForLog(e) }, 'could not renew the worker lease; will try again'))
        .finally(() => {
          beating = false;
        });
    }, this.heartbeatMs);
    timer.unref();
    return timer;
  }

  /** A cycle goes on until we stop or lose the lease. */
  private mayContinue(): boolean {
    return !this.stopping && !this.leaseLost;
  }

  private async runTimer(key: TimerKey): Promise<void> {
    const timer = parseTimerKey(key);
    try {
      if (!timer) {
        this.logger.warn({ timer: key }, 'unknown timer dropped');
        await this.deps.store.clearTimer(key);
        return;
      }
      switch (timer.kind) {
        case 'submit':
          return await runSubmitStep(this.ctx, timer.caseId, timer.subjectId);
        case 'poll':
          return await runPollStep(this.ctx, timer.caseId, timer.subjectId);
        case 'approval-remind':
          return await runApprovalRemindStep(this.ctx, timer.caseId);
        case 'approval-expire':
          return await runApprovalExpireStep(this.ctx, timer.caseId);
        case 'purge':
          return await runPurgeStep(this.ctx, timer.caseId);
        case 'deadline':
          return await runDeadlineStep(this.ctx, timer.caseId);
      }
    } catch (e) {
      // one bad step must not stop the others: log it and come back to it later
      this.logger.error({ timer: key, err: errorForLog(e) }, 'workflow step failed; will retry');
      const retryAt = new Date(this.deps.clock.now().getTime() + STEP_ERROR_RETRY_MS);
      await this.deps.store.setTimer(key, retryAt).catch((err: unknown) => {
        this.logger.error({ timer: key, err: errorForLog(err) }, 'could not reschedule a failed step');
      });
    }
  }

  /**
   * A process that died between writing a new case and setting its approval timers left a case
   * nobody would hear of. Awaiting cases are few, so the leader re-checks them every few minutes.
   */
  private async sweepAwaitingApprovals(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.lastApprovalSweepAt !== undefined && now.getTime() - this.lastApprovalSweepAt < APPROVAL_SWEEP_MS) return;
    this.lastApprovalSweepAt = now.getTime();
    try {
      for (const c of await this.deps.store.listCasesAwaitingApproval(500)) await ensureApprovalFollowUps(this.deps, c);
    } catch (e) {
      this.logger.error({ err: errorForLog(e) }, 'awaiting-approval sweep failed; will retry');
    }
  }

  private async purgeOldAuditHourly(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.lastAuditPurgeAt !== undefined && now.getTime() - this.lastAuditPurgeAt < HOUR_MS) return;
    this.lastAuditPurgeAt = now.getTime();
    const before = new Date(now.getTime() - this.deps.config.auditRetentionDays * DAY_MS);
    try {
      const removed = await this.deps.store.purgeAudit(before, { signingKey: this.deps.config.auditSigningKey });
      if (removed > 0) this.logger.info({ removed, before: before.toISOString() }, 'old audit entries purged');
    } catch (e) {
      this.logger.error({ err: errorForLog(e) }, 'audit retention purge failed; will retry next hour');
    }
  }
}
