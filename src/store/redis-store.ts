/**
 * The shared store for several instances: Redis. Case records go through Keyv (`@keyv/redis`),
 * which owns their key and format; everything Keyv cannot do atomically runs as Lua on the same
 * node-redis client: create-if-absent, compare-and-set updates with their index changes, locks,
 * leases, the outbox, the call budget. Writes of case records use Keyv's own serializer, so Keyv
 * reads back exactly what the scripts wrote.
 *
 * Updates to one case are serialised twice: in process (no point racing ourselves through Redis)
 * and across processes with a per-case lock. The version check in UPDATE_CASE backs the lock up: a
 * writer stalled past its lock's ttl cannot overwrite a newer version; it retries from a fresh read,
 * so `mutate` may run more than once and must not have side effects.
 */
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
import type { Logger } from '../logger.js';
import { headOf, type AuditChainHead } from '../workflow/audit-chain.js';
import type { AuditEntry, ExportCase, Notification } from '../workflow/model.js';
import { systemClock, type CaseUpdate, type Clock, type TimerKey, type WorkflowStore } from '../workflow/ports.js';
import { appendToChain, purgeChain, sealGenesis, type AuditChainBackend } from './audit-chain-store.js';
import { KeyedMutex } from './keyed-mutex.js';
import { isRedisOutage, reportingOutages } from './outage-errors.js';
import { connectRedis, describeRedisServer, type RedisClient } from './redis-connection.js';
import { redisKeys, type RedisKeys } from './redis-keys.js';
import { acquireLock, releaseLock, type LockTiming } from './redis-lock.js';
import {
  ACQUIRE_LEASE,
  APPEND_AUDIT_IF_HEAD,
  COUNT_AUDIT,
  CREATE_CASE,
  DELETE_CASE,
  ENQUEUE_NOTIFICATION,
  EXTEND_PAUSE,
  RELEASE_IF_HOLDER,
  REPLACE_NOTIFICATION,
  TAKE_BUDGET,
  UPDATE_CASE,
  runScript,
} from './redis-scripts.js';
import {
  AUDIT_PAGE_SIZE,
  DEFAULT_ALL_CASES_LIST_LIMIT,
  DEFAULT_AWAITING_LIST_LIMIT,
  DEFAULT_REQUESTER_LIST_LIMIT,
  KIND_OUTLIVING_ITS_CASE,
  budgetWindow,
  caseIdOfTimer,
  caseListScore,
  copyOf,
  isAwaitingApproval,
  isNotificationDue,
  patchNotification,
  stampUpdate,
  toMillis,
} from './store-rules.js';

export interface RedisStoreOptions {
  url: string;
  /** every key starts with it, e.g. 'gdpr-export:' */
  prefix: string;
  logger: Logger;
  clock?: Clock;
  /** per-case lock timing; defaults: 10 s ttl, 15 s wait */
  caseLock?: Partial<LockTiming>;
  /** start-up gives up after this long without a connection; default 10 s */
  connectTimeoutMs?: number;
}

/** attempts of one update that lost a race (see the file comment) before giving up */
const MAX_UPDATE_ATTEMPTS = 5;
/** attempts of one notification patch that lost a race */
const MAX_PATCH_ATTEMPTS = 10;
/** budget counters outlive their minute a little, for clocks slightly apart */
const BUDGET_COUNTER_TTL_MS = 120_000;

const RETRY = Symbol('retry');

export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const client = await connectRedis({ url: options.url, logger: options.logger, connectTimeoutMs: options.connectTimeoutMs });
  return reportingOutages(new RedisStore(client, options), isRedisOutage);
}

export class RedisStore implements WorkflowStore {
  readonly kind = 'redis' as const;
  readonly description: string;

  private readonly keys: RedisKeys;
  private readonly cases: Keyv<ExportCase>;
  private readonly meta: Keyv<unknown>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly lockTiming: LockTiming;
  private readonly localGuard = new KeyedMutex();
  private closed = false;

  /** takes ownership of `client`: `close()` closes it */
  constructor(
    /** exposed for diagnostics and tests; the store's keys are its own business */
    readonly redisClient: RedisClient,
    options: RedisStoreOptions,
  ) {
    this.keys = redisKeys(options.prefix);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
    this.lockTiming = { ttlMs: 10_000, waitMs: 15_000, ...options.caseLock };
    this.description = `Redis at ${describeRedisServer(options.url)} (prefix ${options.prefix})`;
    this.cases = keyvOver(redisClient, this.keys.caseNamespace);
    this.meta = keyvOver(redisClient, this.keys.metaNamespace);
  }

  // ------------------------------------------------------------ cases

  async createCase(c: ExportCase): Promise<void> {
    const created = await runScript(
      this.redisClient,
      CREATE_CASE,
      [this.keys.case(c.id), this.keys.requesterIndex(c.requesterId), this.keys.awaitingIndex, this.keys.allCasesIndex],
      [await this.encodeCase(c), caseListScore(c), c.id, flag(isAwaitingApproval(c))],
    );
    if (created !== 1) throw new Error(`Case ${c.id} already exists`);
  }

  async getCase(id: string): Promise<ExportCase | undefined> {
    this.assertOpen();
    return this.cases.get(id);
  }

  async updateCase(id: string, mutate: (c: ExportCase) => ExportCase | undefined): Promise<CaseUpdate | undefined> {
    this.assertOpen();
    return this.localGuard.run(id, async () => {
      for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
        const outcome = await this.withCaseLock(id, (token) => this.tryUpdate(id, mutate, token));
        if (outcome !== RETRY) return outcome;
        this.logger.debug({ caseId: id, attempt }, 'Case changed under a stalled update; retrying from a fresh read');
      }
      throw new Error(`Case ${id} kept changing under this update (${MAX_UPDATE_ATTEMPTS} attempts); giving up`);
    });
  }

  private async tryUpdate(
    id: string,
    mutate: (c: ExportCase) => ExportCase | undefined,
    token: string,
  ): Promise<CaseUpdate | undefined | typeof RETRY> {
    const previous = await this.cases.get(id);
    if (!previous) return undefined;
    const next = mutate(copyOf(previous));
    if (!next) return undefined;
    const updated = stampUpdate(previous, next, this.clock.now());
    const outcome = await runScript(
      this.redisClient,
      UPDATE_CASE,
      [
        this.keys.case(id),
        this.keys.caseLock(id),
        this.keys.awaitingIndex,
        this.keys.requesterIndex(previous.requesterId),
        this.keys.requesterIndex(updated.requesterId),
        this.keys.allCasesIndex,
      ],
      [token, previous.version, await this.encodeCase(updated), id, caseListScore(updated), flag(isAwaitingApproval(updated))],
    );
    if (outcome === 'ok') return { updated, previous };
    if (outcome === 'missing') return undefined;
    return RETRY;
  }

  private async withCaseLock<T>(id: string, work: (token: string) => Promise<T>): Promise<T> {
    const key = this.keys.caseLock(id);
    const token = await acquireLock(this.redisClient, key, this.lockTiming, `Case ${id}`);
    try {
      return await work(token);
    } finally {
      // a failed release is harmless (the lock lapses on its own) and must not hide the result
      await releaseLock(this.redisClient, key, token).catch((error: unknown) =>
        this.logger.debug({ err: error, caseId: id }, 'Could not release a case lock; it will expire'),
      );
    }
  }

  async deleteCase(id: string): Promise<void> {
    this.assertOpen();
    const existing = await this.cases.get(id);
    await runScript(
      this.redisClient,
      DELETE_CASE,
      [
        this.keys.case(id),
        this.keys.requesterIndex(existing?.requesterId ?? ''),
        this.keys.awaitingIndex,
        this.keys.caseTimers(id),
        this.keys.timers,
        this.keys.caseOutbox(id),
        this.keys.outboxDue,
        this.keys.allCasesIndex,
      ],
      [id, flag(existing !== undefined), this.keys.notificationPrefix, KIND_OUTLIVING_ITS_CASE],
    );
  }

  async listCasesByRequester(requesterId: string, limit = DEFAULT_REQUESTER_LIST_LIMIT): Promise<ExportCase[]> {
    if (limit <= 0) return [];
    const ids = await this.redisClient.zRange(this.keys.requesterIndex(requesterId), '+inf', '-inf', {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: limit },
    });
    return this.loadCases(ids);
  }

  async listCasesAwaitingApproval(limit = DEFAULT_AWAITING_LIST_LIMIT): Promise<ExportCase[]> {
    // a stop index of -1 would mean "to the end"
    if (limit <= 0) return [];
    const ids = await this.redisClient.zRange(this.keys.awaitingIndex, 0, limit - 1);
    const cases = await this.loadCases(ids);
    return cases.filter(isAwaitingApproval);
  }

  /**
   * v0.1.0 kept no all-cases index. The first listing in each process backfills it from the case
   * records themselves (a SCAN of `${prefix}case:*`, ZADD is idempotent), and every update indexes
   * the case it writes, so a case a v0.1.0 replica creates during a rolling upgrade joins the index
   * at its next step (approval, submission, poll) or the next process start.
   */
  async listCases(limit = DEFAULT_ALL_CASES_LIST_LIMIT): Promise<ExportCase[]> {
    if (limit <= 0) return [];
    await (this.caseIndexBackfill ??= this.backfillCaseIndex().catch((e: unknown) => {
      this.caseIndexBackfill = undefined;
      throw e;
    }));
    const ids = await this.redisClient.zRange(this.keys.allCasesIndex, '+inf', '-inf', {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: limit },
    });
    return this.loadCases(ids);
  }

  private caseIndexBackfill: Promise<number> | undefined;

  /** adds every stored case record to the all-cases index; resolves how many were missing */
  async backfillCaseIndex(): Promise<number> {
    this.assertOpen();
    const recordPrefix = this.keys.case('');
    let added = 0;
    for await (const keys of this.redisClient.scanIterator({ MATCH: `${escapeGlob(recordPrefix)}*`, COUNT: 500 })) {
      const ids = ([] as string[]).concat(keys).map((k) => k.slice(recordPrefix.length));
      for (const c of await this.loadCases(ids)) {
        added += await this.redisClient.zAdd(this.keys.allCasesIndex, { score: caseListScore(c), value: c.id }, { NX: true });
      }
    }
    if (added > 0) this.logger.info({ added }, 'indexed cases written before the all-cases index existed');
    return added;
  }

  private async loadCases(ids: string[]): Promise<ExportCase[]> {
    if (ids.length === 0) return [];
    this.assertOpen();
    const found = await this.cases.getMany(ids);
    return found.filter((c): c is ExportCase => c !== undefined);
  }

  /** the record exactly as Keyv would write it, for the scripts that write it instead */
  private async encodeCase(c: ExportCase): Promise<string> {
    const serialize = this.cases.serialize ?? JSON.stringify;
    return serialize({ value: c });
  }

  // ------------------------------------------------------------ timers

  async setTimer(key: TimerKey, at: Date): Promise<void> {
    await this.redisClient
      .multi()
      .zAdd(this.keys.timers, { score: at.getTime(), value: key })
      .sAdd(this.keys.caseTimers(caseIdOfTimer(key)), key)
      .exec();
  }

  async clearTimer(key: TimerKey): Promise<void> {
    await this.redisClient
      .multi()
      .zRem(this.keys.timers, key)
      .sRem(this.keys.caseTimers(caseIdOfTimer(key)), key)
      .exec();
  }

  async dueTimers(now: Date, limit: number): Promise<TimerKey[]> {
    if (limit <= 0) return [];
    // LIMIT keeps the cost at O(log n + limit), whatever waits further ahead
    const keys = await this.redisClient.zRangeByScore(this.keys.timers, '-inf', now.getTime(), {
      LIMIT: { offset: 0, count: limit },
    });
    return keys as TimerKey[];
  }

  async timerStats(): Promise<{ count: number; earliest?: Date }> {
    const [count, first] = await Promise.all([
      this.redisClient.zCard(this.keys.timers),
      this.redisClient.zRangeWithScores(this.keys.timers, 0, 0),
    ]);
    const head = first[0];
    return head ? { count, earliest: new Date(head.score) } : { count };
  }

  // ------------------------------------------------------------ leases

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await runScript(this.redisClient, ACQUIRE_LEASE, [this.keys.lease(name)], [holder, ttlMs])) === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await runScript(this.redisClient, RELEASE_IF_HOLDER, [this.keys.lease(name)], [holder]);
  }

  // ------------------------------------------------------------ outbox

  async enqueueNotification(n: Notification): Promise<boolean> {
    const added = await runScript(
      this.redisClient,
      ENQUEUE_NOTIFICATION,
      [this.keys.notification(n.id), this.keys.outboxDue, this.keys.caseOutbox(n.caseId)],
      [JSON.stringify(n), toMillis(n.nextAttemptAt), n.id, flag(isNotificationDue(n))],
    );
    return added === 1;
  }

  async getNotification(id: string): Promise<Notification | undefined> {
    const raw = await this.redisClient.get(this.keys.notification(id));
    return raw === null ? undefined : (JSON.parse(raw) as Notification);
  }

  async dueNotifications(now: Date, limit: number): Promise<Notification[]> {
    const ids = await this.redisClient.zRangeByScore(this.keys.outboxDue, '-inf', now.getTime(), {
      LIMIT: { offset: 0, count: limit },
    });
    if (ids.length === 0) return [];
    const raws = await this.redisClient.mGet(ids.map((id) => this.keys.notification(id)));
    return raws
      .filter((raw): raw is string => raw !== null)
      .map((raw) => JSON.parse(raw) as Notification)
      .filter(isNotificationDue);
  }

  async updateNotification(id: string, patch: Partial<Notification>): Promise<void> {
    const key = this.keys.notification(id);
    for (let attempt = 1; attempt <= MAX_PATCH_ATTEMPTS; attempt++) {
      const raw = await this.redisClient.get(key);
      if (raw === null) return;
      const next = patchNotification(JSON.parse(raw) as Notification, patch);
      const replaced = await runScript(
        this.redisClient,
        REPLACE_NOTIFICATION,
        [key, this.keys.outboxDue],
        [raw, JSON.stringify(next), toMillis(next.nextAttemptAt), id, flag(isNotificationDue(next))],
      );
      if (replaced === 1) return;
    }
    throw new Error(`Notification ${id} kept changing under this update (${MAX_PATCH_ATTEMPTS} attempts); giving up`);
  }

  // ------------------------------------------------------------ audit

  async appendAudit(entry: AuditEntry): Promise<AuditEntry> {
    // one chain per process at a time: racing ourselves through Redis would only cost retries
    return this.localGuard.run(AUDIT_GUARD, () => appendToChain(this.auditChain, entry));
  }

  async appendAuditOrCount(entry: AuditEntry, collapseKey: string, windowMs: number): Promise<AuditEntry> {
    const mark = this.keys.auditCollapse(collapseKey);
    const now = toMillis(entry.at);
    for (let attempt = 0; attempt < MAX_PATCH_ATTEMPTS; attempt++) {
      const raw = await this.redisClient.get(mark);
      const open = raw === null ? undefined : parseCollapseMark(raw);
      // a mark past its window (by the caller's clock) starts a new entry, like no mark at all
      if (!open || open.until <= now) {
        // a new entry is a link of the chain; the mark only says where repeats are counted
        const stored = await this.appendAudit(entry);
        await this.redisClient.set(mark, `${now + windowMs}|${auditMember(stored)}`, { PX: windowMs });
        return stored;
      }
      // `count` is the one field outside an entry's hash (audit-chain.ts): the chain stays whole
      const previous = JSON.parse(open.member) as AuditEntry;
      const counted = { ...previous, count: (previous.count ?? 1) + 1 };
      const member = auditMember(counted);
      const written = await runScript(
        this.redisClient,
        COUNT_AUDIT,
        [this.keys.audit, mark],
        [raw ?? '', open.member, toMillis(counted.at), member, `${open.until}|${member}`, open.until - now],
      );
      if (written === 1) return counted;
    }
    throw new Error(`Audit collapse mark ${collapseKey} kept changing (${MAX_PATCH_ATTEMPTS} attempts); giving up`);
  }

  async auditHead(): Promise<AuditChainHead | undefined> {
    return (await this.auditChain.readHead()).head;
  }

  async sealAuditGenesis(at: Date): Promise<AuditEntry | undefined> {
    return this.localGuard.run(AUDIT_GUARD, () => sealGenesis(this.auditChain, at));
  }

  private readonly auditChain: AuditChainBackend = {
    readHead: async () => {
      const raw = await this.redisClient.get(this.keys.auditHead);
      return raw === null ? { head: undefined, token: '' } : { head: JSON.parse(raw) as AuditChainHead, token: raw };
    },
    writeIfHead: async (token, entry) => {
      const written = await runScript(
        this.redisClient,
        APPEND_AUDIT_IF_HEAD,
        [this.keys.audit, this.keys.auditHead],
        [token, toMillis(entry.at), auditMember(entry), JSON.stringify(headOf(entry))],
      );
      return written === 1;
    },
    readAudit: (since, until) => this.readAudit(since, until),
    removeEntries: async (entries) => {
      for (let at = 0; at < entries.length; at += AUDIT_PAGE_SIZE) {
        await this.redisClient.zRem(this.keys.audit, entries.slice(at, at + AUDIT_PAGE_SIZE).map(auditMember));
      }
    },
  };

  async *readAudit(since: Date, until?: Date): AsyncIterable<AuditEntry> {
    // offset paging: entries are appended at "now", after any window being read, so pages hold still
    const max = until ? `(${until.getTime()}` : '+inf';
    for (let offset = 0; ; offset += AUDIT_PAGE_SIZE) {
      const page = await this.redisClient.zRangeByScore(this.keys.audit, since.getTime(), max, {
        LIMIT: { offset, count: AUDIT_PAGE_SIZE },
      });
      for (const member of page) yield JSON.parse(member) as AuditEntry;
      if (page.length < AUDIT_PAGE_SIZE) return;
    }
  }

  async purgeAudit(before: Date, options: { signingKey?: string } = {}): Promise<number> {
    return purgeChain(this.auditChain, before, this.clock.now(), options.signingKey);
  }

  // ------------------------------------------------------------ budget and pause

  async takeBudget(name: string, perMinute: number, now: Date): Promise<number> {
    const window = budgetWindow(now.getTime());
    const wait = await runScript(
      this.redisClient,
      TAKE_BUDGET,
      [this.keys.budget(name, window.start)],
      [perMinute, BUDGET_COUNTER_TTL_MS, window.msUntilNext],
    );
    return Number(wait);
  }

  async setPauseUntil(name: string, until: Date): Promise<void> {
    const ttlMs = until.getTime() - this.clock.now().getTime();
    if (ttlMs <= 0) return;
    await runScript(this.redisClient, EXTEND_PAUSE, [this.keys.pause(name)], [until.getTime(), ttlMs]);
  }

  async getPauseUntil(name: string): Promise<Date | undefined> {
    const raw = await this.redisClient.get(this.keys.pause(name));
    return raw === null ? undefined : new Date(Number(raw));
  }

  // ------------------------------------------------------------ meta and life cycle

  async getMeta<T>(key: string): Promise<T | undefined> {
    this.assertOpen();
    return (await this.meta.get(key));
  }

  async setMeta<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.assertOpen();
    await this.meta.set(key, value, ttlMs);
  }

  async deleteMeta(key: string): Promise<void> {
    this.assertOpen();
    await this.meta.delete(key);
  }

  async hasData(): Promise<boolean> {
    this.assertOpen();
    const k = this.keys;
    if ((await this.redisClient.exists([k.timers, k.outboxDue, k.audit, k.awaitingIndex])) > 0) return true;
    // a finished case may have no timer left: look for any case record
    for await (const batch of this.redisClient.scanIterator({ MATCH: `${k.caseNamespace}:*`, COUNT: 1_000 })) {
      if (([] as string[]).concat(batch).length > 0) return true;
    }
    return false;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redisClient.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** @keyv/redis reconnects a closed client on its next call; a closed store must stay closed */
  private assertOpen(): void {
    if (this.closed) throw new Error(`The Redis store (${this.description}) is closed`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.redisClient.isOpen) await this.redisClient.close();
  }
}

/** a Keyv whose records live at `${namespace}:${key}` on the shared client, and whose failures throw */
function keyvOver<V>(client: RedisClient, namespace: string): Keyv<V> {
  const adapter = new KeyvRedis(client, {
    namespace,
    keyPrefixSeparator: ':',
    throwOnErrors: true,
    throwOnConnectError: true,
  });
  const keyv = new Keyv<V>(adapter, { namespace, useKeyPrefix: false, throwOnErrors: true });
  // failures reach the caller as rejections (throwOnErrors) and the connection listener warns about
  // outages; logging Keyv's copy of each error as well would only repeat them
  keyv.on('error', () => undefined);
  return keyv;
}

const AUDIT_GUARD = 'audit-chain';

/** the sorted-set member of an entry: the id leads, so entries at the same millisecond stay distinct and sort by id */
function auditMember(entry: AuditEntry): string {
  const { id, ...rest } = entry;
  return JSON.stringify({ id, ...rest });
}

function flag(value: boolean): '1' | '0' {
  return value ? '1' : '0';
}

function parseCollapseMark(raw: string): { until: number; member: string } | undefined {
  const bar = raw.indexOf('|');
  const until = Number(raw.slice(0, bar));
  return bar > 0 && Number.isFinite(until) ? { until, member: raw.slice(bar + 1) } : undefined;
}

/** a literal for a SCAN MATCH pattern: the prefix may hold glob characters */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
