/**
 * The poller and dispatcher. One replica at a time holds the 'worker' lease and runs cycles: due
 * timers (submissions, status checks, approval expiry, purges), then due notifications. Each step
 * checks the stored case before acting, so a second worker or a stale timer finds nothing to do.
 */
import type { Logger } from '../logger.js';
import { recordAudit } from './audit.js';
import { ensureApprovalFollowUps, runApprovalExpireStep, runApprovalRemindStep } from './approval-steps.js';
import { DAY_MS, HOUR_MS } from './dates.js';
import { runDeadlineStep } from './deadline-step.js';
import type { WorkflowDeps } from './deps.js';
import { createAuditIdSource } from './ids.js';
import { dispatchDueNotifications } from './outbox.js';
import { runPollStep } from './poll-step.js';
import type { NotifierPort, TimerKey } from './ports.js';
import { runPurgeStep } from './purge-step.js';
import { errorForLog, type StepContext } from './step-context.js';
import { runSubmitStep } from './submit-step.js';
import { parseTimerKey } from './timer-keys.js';

const APPROVAL_SWEEP_MS = 5 * 60_000;

export const WORKER_LEASE = 'worker';
/** a step that threw is tried again after this */
export const STEP_ERROR_RETRY_MS = 30_000;

export interface WorkerDeps extends WorkflowDeps {
  notifier: NotifierPort;
  /** identifies this process in the lease */
  holderId: string;
  tickMs?: number;
  /** timers and notifications handled per cycle, each */
  batchSize?: number;
}

export class WorkflowWorker {
  private readonly ctx: StepContext;
  private readonly logger: Logger;
  private readonly tickMs: number;
  private readonly leaseTtlMs: number;
  private readonly batchSize: number;
  private loopTimer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;
  private stopping = false;
  private leader = false;
  private leaseRenewedAt = 0;
  private lastAuditPurgeAt: number | undefined;
  private lastApprovalSweepAt: number | undefined;

  constructor(private readonly deps: WorkerDeps) {
    this.tickMs = deps.tickMs ?? 1000;
    // outlives the longest single Genesys or Slack call, so a slow call does not hand the work over
    this.leaseTtlMs = 3 * this.tickMs + 30_000;
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
      await this.runCycle();
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
      if (!(await this.mayContinue())) break;
      await this.runTimer(key);
      timers += 1;
    }
    const notifications = this.stopping
      ? 0
      : await dispatchDueNotifications(
          { store: this.deps.store, holderId: this.deps.holderId, notifier: this.deps.notifier, clock: this.deps.clock, logger: this.logger },
          this.batchSize,
          () => !this.stopping,
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
    if (held) this.leaseRenewedAt = Date.now();
    if (held !== this.leader) this.logger.info({ holderId: this.deps.holderId, leader: held }, held ? 'worker lease taken' : 'worker lease lost');
    return held;
  }

  /** A long cycle (slow Genesys) renews the lease as it goes, and stops if it was lost. */
  private async mayContinue(): Promise<boolean> {
    if (this.stopping) return false;
    if (!this.leader || Date.now() - this.leaseRenewedAt < this.tickMs) return true;
    this.leader = await this.renewLease();
    return this.leader;
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
      const removed = await this.deps.store.purgeAudit(before);
      if (removed > 0) this.logger.info({ removed, before: before.toISOString() }, 'old audit entries purged');
    } catch (e) {
      this.logger.error({ err: errorForLog(e) }, 'audit retention purge failed; will retry next hour');
    }
  }
}
