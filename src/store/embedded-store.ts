/**
 * The store for one instance without Redis: records live in Keyv collections (SQLite on disk, or
 * plain memory for tests), and the indexes the scheduler reads are kept twice: as durable records,
 * and in memory as sorted structures rebuilt at open. Reading the due timers then costs
 * O(log n + due), not a scan.
 *
 * Single instance only: updates to one case are serialised by an in-process guard, and leases,
 * the call budget and the pause mark live in process memory. Two processes on one data directory
 * would not exclude each other; use Redis for that.
 *
 * Crash safety without transactions: index records are written so that a crash between two writes
 * leaves an index that names too many cases, never too few, and every list read checks the case
 * itself before returning it.
 */
import type { Keyv } from 'keyv';
import { headOf, type AuditChainHead } from '../workflow/audit-chain.js';
import type { AuditEntry, ExportCase, Notification } from '../workflow/model.js';
import { systemClock, type CaseUpdate, type Clock, type TimerKey, type WorkflowStore } from '../workflow/ports.js';
import { appendToChain, purgeChain, sealGenesis, type AuditChainBackend } from './audit-chain-store.js';
import { KeyedMutex } from './keyed-mutex.js';
import { SortedIndex, type ScoredKey } from './sorted-index.js';
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

/** what the indexes need to know about one case, kept as its own small durable record */
export interface CaseIndexRecord {
  requesterId: string;
  score: number;
  awaiting: boolean;
}

/** one Keyv per kind of record, so each can be iterated on its own when the store opens */
export interface EmbeddedCollections {
  cases: Keyv<ExportCase>;
  caseIndex: Keyv<CaseIndexRecord>;
  /** timer key → due time in ms */
  timers: Keyv<number>;
  outbox: Keyv<Notification>;
  /** notification id → next attempt in ms, for pending and sending entries only */
  outboxDue: Keyv<number>;
  audit: Keyv<AuditEntry>;
  meta: Keyv<unknown>;
}

export const EMBEDDED_COLLECTION_NAMES = [
  'cases',
  'caseIndex',
  'timers',
  'outbox',
  'outboxDue',
  'audit',
  'meta',
] as const satisfies ReadonlyArray<keyof EmbeddedCollections>;

/** how often (clock time) expired leases and replay claims are forgotten */
const LEASE_SWEEP_INTERVAL_MS = 60_000;
/** a sweep also runs when the map grew by this much over twice its size after the last one */
const LEASE_SWEEP_SLACK = 1_024;
/** the audit chain's head, in the meta collection (so no new table) */
const AUDIT_HEAD_META_KEY = 'store:audit-chain-head';

export interface EmbeddedStoreOptions {
  kind: 'sqlite' | 'memory';
  description: string;
  clock?: Clock;
}

export class EmbeddedStore implements WorkflowStore {
  readonly kind: 'sqlite' | 'memory';
  readonly description: string;

  private readonly clock: Clock;
  private readonly caseGuard = new KeyedMutex();
  private readonly notificationGuard = new KeyedMutex();
  private readonly notificationsByCase = new Map<string, Set<string>>();
  private readonly requesterCases = new Map<string, SortedIndex>();
  private readonly awaitingCases = new SortedIndex();
  /** every case: rebuilt from the durable caseIndex records, which v0.1.0 already wrote for each case */
  private readonly allCases = new SortedIndex();
  private readonly timerIndex = new SortedIndex();
  private readonly timersByCase = new Map<string, Set<string>>();
  private readonly outboxIndex = new SortedIndex();
  private readonly auditIndex = new SortedIndex();
  /** one collapse mark at a time per key: of two repeated refusals at once, one counts into the other */
  private readonly auditCollapse = new KeyedMutex();
  private readonly auditGuard = new KeyedMutex();
  private auditHeadRecord: AuditChainHead | undefined;
  // in-process by design: a single instance has nobody to share them with
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  private leasesSweptAt = Number.NEGATIVE_INFINITY;
  private leasesAfterSweep = 0;
  private readonly budgets = new Map<string, { windowStart: number; used: number }>();
  private readonly pauses = new Map<string, number>();
  private closed = false;

  private constructor(
    private readonly collections: EmbeddedCollections,
    options: EmbeddedStoreOptions,
  ) {
    this.kind = options.kind;
    this.description = options.description;
    this.clock = options.clock ?? systemClock;
  }

  /** opens the store and rebuilds the in-memory indexes from the durable ones */
  static async open(collections: EmbeddedCollections, options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(collections, options);
    await store.loadIndexes();
    return store;
  }

  private async loadIndexes(): Promise<void> {
    for await (const [caseId, record] of entriesOf(this.collections.caseIndex)) this.indexCase(caseId, record);
    for await (const [key, at] of entriesOf(this.collections.timers)) this.indexTimer(key, at);
    for await (const [id, at] of entriesOf(this.collections.outboxDue)) this.outboxIndex.set(id, at);
    for await (const [id, n] of entriesOf(this.collections.outbox)) this.indexNotification(n.caseId, id);
    const links = new Map<number, AuditEntry>();
    for await (const [id, entry] of entriesOf(this.collections.audit)) {
      this.auditIndex.set(id, toMillis(entry.at));
      if (typeof entry.seq === 'number') links.set(entry.seq, entry);
    }
    await this.loadAuditHead(links);
  }

  /**
   * The head record is written after its entry: a crash in between left an entry that links to
   * the recorded head, so follow such links forward (never past a break).
   */
  private async loadAuditHead(links: Map<number, AuditEntry>): Promise<void> {
    const recorded = (await this.collections.meta.get(AUDIT_HEAD_META_KEY)) as AuditChainHead | undefined;
    let head = recorded;
    for (let next = links.get((head?.seq ?? 0) + 1); next?.hash && (head ? next.prevHash === head.hash : next.seq === 1); next = links.get(next.seq! + 1)) {
      head = headOf(next);
    }
    this.auditHeadRecord = head;
    if (head && head !== recorded) await this.collections.meta.set(AUDIT_HEAD_META_KEY, head);
  }

  // ------------------------------------------------------------ cases

  async createCase(c: ExportCase): Promise<void> {
    await this.caseGuard.run(c.id, async () => {
      if (await this.collections.cases.has(c.id)) throw new Error(`Case ${c.id} already exists`);
      const record = indexRecordOf(c);
      await this.collections.caseIndex.set(c.id, record);
      await this.collections.cases.set(c.id, c);
      this.indexCase(c.id, record);
    });
  }

  async getCase(id: string): Promise<ExportCase | undefined> {
    return this.collections.cases.get(id);
  }

  async updateCase(id: string, mutate: (c: ExportCase) => ExportCase | undefined): Promise<CaseUpdate | undefined> {
    return this.caseGuard.run(id, async () => {
      const previous = await this.collections.cases.get(id);
      if (!previous) return undefined;
      const next = mutate(copyOf(previous));
      if (!next) return undefined;
      const updated = stampUpdate(previous, next, this.clock.now());
      const before = indexRecordOf(previous);
      const after = indexRecordOf(updated);
      const indexChanged = !sameIndexRecord(before, after);
      // an index that gains the case is written first, one that loses it last (see the file comment)
      if (indexChanged && after.awaiting) await this.collections.caseIndex.set(id, after);
      await this.collections.cases.set(id, updated);
      if (indexChanged && !after.awaiting) await this.collections.caseIndex.set(id, after);
      this.unindexCase(id, before);
      this.indexCase(id, after);
      return { updated: copyOf(updated), previous };
    });
  }

  async deleteCase(id: string): Promise<void> {
    await this.caseGuard.run(id, async () => {
      const record = await this.collections.caseIndex.get(id);
      await this.collections.cases.delete(id);
      const timerKeys = [...(this.timersByCase.get(id) ?? [])];
      if (timerKeys.length > 0) await this.collections.timers.deleteMany(timerKeys);
      for (const key of timerKeys) this.unindexTimer(key);
      await this.collections.caseIndex.delete(id);
      if (record) this.unindexCase(id, record);
      const listed = [...(this.notificationsByCase.get(id) ?? [])];
      const records = listed.length > 0 ? await this.collections.outbox.getMany(listed) : [];
      const outliving = (i: number) => records[i]?.kind === KIND_OUTLIVING_ITS_CASE;
      const notificationIds = listed.filter((_, i) => !outliving(i));
      if (notificationIds.length > 0) {
        await this.collections.outboxDue.deleteMany(notificationIds);
        await this.collections.outbox.deleteMany(notificationIds);
        for (const n of notificationIds) this.outboxIndex.delete(n);
      }
      const kept = listed.filter((_, i) => outliving(i));
      if (kept.length > 0) this.notificationsByCase.set(id, new Set(kept));
      else this.notificationsByCase.delete(id);
    });
  }

  async listCasesByRequester(requesterId: string, limit = DEFAULT_REQUESTER_LIST_LIMIT): Promise<ExportCase[]> {
    const index = this.requesterCases.get(requesterId);
    if (!index) return [];
    const newestFirst = index.range({ max: Infinity, limit: index.size }).reverse();
    return this.loadListed(newestFirst, limit, (c) => c.requesterId === requesterId);
  }

  async listCasesAwaitingApproval(limit = DEFAULT_AWAITING_LIST_LIMIT): Promise<ExportCase[]> {
    const oldestFirst = this.awaitingCases.range({ max: Infinity, limit: this.awaitingCases.size });
    return this.loadListed(oldestFirst, limit, isAwaitingApproval);
  }

  async listCases(limit = DEFAULT_ALL_CASES_LIST_LIMIT): Promise<ExportCase[]> {
    const newestFirst = this.allCases.range({ max: Infinity, limit: this.allCases.size }).reverse();
    return this.loadListed(newestFirst, limit, () => true);
  }

  /** reads listed cases in order, skipping any the index names wrongly after a crash */
  private async loadListed(
    listed: ScoredKey[],
    limit: number,
    stillMatches: (c: ExportCase) => boolean,
  ): Promise<ExportCase[]> {
    const found: ExportCase[] = [];
    if (limit <= 0) return found;
    for (let at = 0; at < listed.length && found.length < limit; at += limit) {
      const ids = listed.slice(at, at + limit).map((e) => e.key);
      const cases = await this.collections.cases.getMany(ids);
      for (const c of cases) if (c && stillMatches(c) && found.length < limit) found.push(c);
    }
    return found;
  }

  private indexCase(caseId: string, record: CaseIndexRecord): void {
    let index = this.requesterCases.get(record.requesterId);
    if (!index) this.requesterCases.set(record.requesterId, (index = new SortedIndex()));
    index.set(caseId, record.score);
    this.allCases.set(caseId, record.score);
    if (record.awaiting) this.awaitingCases.set(caseId, record.score);
  }

  private unindexCase(caseId: string, record: CaseIndexRecord): void {
    const index = this.requesterCases.get(record.requesterId);
    index?.delete(caseId);
    if (index?.size === 0) this.requesterCases.delete(record.requesterId);
    this.awaitingCases.delete(caseId);
    this.allCases.delete(caseId);
  }

  // ------------------------------------------------------------ timers

  async setTimer(key: TimerKey, at: Date): Promise<void> {
    await this.collections.timers.set(key, at.getTime());
    this.indexTimer(key, at.getTime());
  }

  async clearTimer(key: TimerKey): Promise<void> {
    await this.collections.timers.delete(key);
    this.unindexTimer(key);
  }

  async dueTimers(now: Date, limit: number): Promise<TimerKey[]> {
    return this.timerIndex.range({ max: now.getTime(), limit }).map((e) => e.key as TimerKey);
  }

  async timerStats(): Promise<{ count: number; earliest?: Date }> {
    const first = this.timerIndex.first();
    return first ? { count: this.timerIndex.size, earliest: new Date(first.score) } : { count: 0 };
  }

  private indexTimer(key: string, at: number): void {
    this.timerIndex.set(key, at);
    const caseId = caseIdOfTimer(key as TimerKey);
    let keys = this.timersByCase.get(caseId);
    if (!keys) this.timersByCase.set(caseId, (keys = new Set()));
    keys.add(key);
  }

  private unindexTimer(key: string): void {
    this.timerIndex.delete(key);
    const caseId = caseIdOfTimer(key as TimerKey);
    const keys = this.timersByCase.get(caseId);
    keys?.delete(key);
    if (keys?.size === 0) this.timersByCase.delete(caseId);
  }

  // ------------------------------------------------------------ leases

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    this.forgetExpiredLeases(now);
    const current = this.leases.get(name);
    if (current && current.expiresAt > now && current.holder !== holder) return false;
    this.leases.set(name, { holder, expiresAt: now + ttlMs });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }

  /**
   * Every signed Slack request leaves a replay claim here; without this sweep they would pile up
   * for the life of the process (200,000 requests ≈ 133 MB). A sweep walks the map, so it runs at
   * most once a minute of clock time, or sooner when the map has doubled: O(1) amortised, and at
   * most the live leases plus one minute's expired ones are kept.
   */
  private forgetExpiredLeases(now: number): void {
    const due = now - this.leasesSweptAt >= LEASE_SWEEP_INTERVAL_MS || this.leases.size >= 2 * this.leasesAfterSweep + LEASE_SWEEP_SLACK;
    if (!due) return;
    for (const [name, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(name);
    this.leasesSweptAt = now;
    this.leasesAfterSweep = this.leases.size;
  }

  /** leases and replay claims kept in memory (for tests and diagnostics) */
  get heldLeaseCount(): number {
    return this.leases.size;
  }

  // ------------------------------------------------------------ outbox

  async enqueueNotification(n: Notification): Promise<boolean> {
    return this.notificationGuard.run(n.id, async () => {
      if (await this.collections.outbox.has(n.id)) return false;
      await this.writeNotification(n);
      this.indexNotification(n.caseId, n.id);
      return true;
    });
  }

  async getNotification(id: string): Promise<Notification | undefined> {
    return this.collections.outbox.get(id);
  }

  async dueNotifications(now: Date, limit: number): Promise<Notification[]> {
    const ids = this.outboxIndex.range({ max: now.getTime(), limit }).map((e) => e.key);
    if (ids.length === 0) return [];
    const found = await this.collections.outbox.getMany(ids);
    return found.filter((n): n is Notification => n !== undefined && isNotificationDue(n));
  }

  async updateNotification(id: string, patch: Partial<Notification>): Promise<void> {
    await this.notificationGuard.run(id, async () => {
      const current = await this.collections.outbox.get(id);
      if (current) await this.writeNotification(patchNotification(current, patch));
    });
  }

  /** a case's notification ids, so deleting the case deletes them (data minimisation) */
  private indexNotification(caseId: string, id: string): void {
    const ids = this.notificationsByCase.get(caseId) ?? new Set<string>();
    ids.add(id);
    this.notificationsByCase.set(caseId, ids);
  }

  private async writeNotification(n: Notification): Promise<void> {
    const due = isNotificationDue(n);
    const at = toMillis(n.nextAttemptAt);
    if (due) await this.collections.outboxDue.set(n.id, at);
    await this.collections.outbox.set(n.id, n);
    if (!due) await this.collections.outboxDue.delete(n.id);
    if (due) this.outboxIndex.set(n.id, at);
    else this.outboxIndex.delete(n.id);
  }

  // ------------------------------------------------------------ audit

  async appendAudit(entry: AuditEntry): Promise<AuditEntry> {
    return this.auditGuard.run(AUDIT_HEAD_META_KEY, () => appendToChain(this.auditChain, entry));
  }

  async appendAuditOrCount(entry: AuditEntry, collapseKey: string, windowMs: number): Promise<AuditEntry> {
    const markKey = `audit-collapse:${collapseKey}`;
    return this.auditCollapse.run(markKey, async () => {
      const now = toMillis(entry.at);
      const open = (await this.collections.meta.get(markKey)) as { id: string; until: number } | undefined;
      const previous = open && open.until > now ? await this.collections.audit.get(open.id) : undefined;
      if (previous) {
        // `count` is the one field outside the entry's hash (audit-chain.ts): the chain stays whole
        const counted = { ...previous, count: (previous.count ?? 1) + 1 };
        await this.collections.audit.set(previous.id, counted);
        return counted;
      }
      const stored = await this.appendAudit(entry);
      await this.collections.meta.set(markKey, { id: stored.id, until: now + windowMs }, windowMs);
      return stored;
    });
  }

  async auditHead(): Promise<AuditChainHead | undefined> {
    return this.auditHeadRecord && { ...this.auditHeadRecord };
  }

  async sealAuditGenesis(at: Date): Promise<AuditEntry | undefined> {
    return this.auditGuard.run(AUDIT_HEAD_META_KEY, () => sealGenesis(this.auditChain, at));
  }

  /** serialised by auditGuard, so the head cannot move between read and write */
  private readonly auditChain: AuditChainBackend = {
    readHead: async () => ({ head: this.auditHeadRecord, token: this.auditHeadRecord?.hash ?? '' }),
    writeIfHead: async (token, entry) => {
      if ((this.auditHeadRecord?.hash ?? '') !== token) return false;
      await this.collections.audit.set(entry.id, entry);
      this.auditIndex.set(entry.id, toMillis(entry.at));
      // the entry is written: it is the head now, even if recording that fails (repaired at open)
      this.auditHeadRecord = headOf(entry);
      await this.collections.meta.set(AUDIT_HEAD_META_KEY, this.auditHeadRecord);
      return true;
    },
    readAudit: (since, until) => this.readAudit(since, until),
    removeEntries: async (entries) => {
      const ids = entries.map((e) => e.id);
      if (ids.length > 0) await this.collections.audit.deleteMany(ids);
      for (const id of ids) this.auditIndex.delete(id);
    },
  };

  async *readAudit(since: Date, until?: Date): AsyncIterable<AuditEntry> {
    const bounds = { min: since.getTime(), max: until?.getTime() ?? Infinity, maxExclusive: true };
    let after: ScoredKey | undefined;
    for (;;) {
      const page = this.auditIndex.range({ ...bounds, after, limit: AUDIT_PAGE_SIZE });
      if (page.length === 0) return;
      const entries = await this.collections.audit.getMany(page.map((e) => e.key));
      for (const entry of entries) if (entry) yield entry;
      after = page[page.length - 1];
    }
  }

  async purgeAudit(before: Date, options: { signingKey?: string } = {}): Promise<number> {
    return this.auditGuard.run(AUDIT_HEAD_META_KEY, () => purgeChain(this.auditChain, before, this.clock.now(), options.signingKey));
  }

  // ------------------------------------------------------------ budget and pause

  async takeBudget(name: string, perMinute: number, now: Date): Promise<number> {
    const window = budgetWindow(now.getTime());
    const current = this.budgets.get(name);
    const used = current?.windowStart === window.start ? current.used : 0;
    if (used >= perMinute) return window.msUntilNext;
    this.budgets.set(name, { windowStart: window.start, used: used + 1 });
    return 0;
  }

  async setPauseUntil(name: string, until: Date): Promise<void> {
    // the later mark wins: a shorter Retry-After must not cut an earlier, longer one
    const current = this.pauses.get(name) ?? 0;
    if (until.getTime() > current) this.pauses.set(name, until.getTime());
  }

  async getPauseUntil(name: string): Promise<Date | undefined> {
    const until = this.pauses.get(name);
    if (until === undefined) return undefined;
    if (until <= this.clock.now().getTime()) {
      this.pauses.delete(name);
      return undefined;
    }
    return new Date(until);
  }

  // ------------------------------------------------------------ meta and life cycle

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.collections.meta.get(key));
  }

  async setMeta<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.collections.meta.set(key, value, ttlMs);
  }

  async deleteMeta(key: string): Promise<void> {
    await this.collections.meta.delete(key);
  }

  async hasData(): Promise<boolean> {
    // the indexes were rebuilt from every durable record at open and follow each write since
    return this.requesterCases.size + this.timerIndex.size + this.notificationsByCase.size + this.auditIndex.size > 0;
  }

  async ping(): Promise<boolean> {
    try {
      await this.collections.cases.has('ping');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(Object.values(this.collections).map((keyv: Keyv) => keyv.disconnect()));
  }
}

function indexRecordOf(c: ExportCase): CaseIndexRecord {
  return { requesterId: c.requesterId, score: caseListScore(c), awaiting: isAwaitingApproval(c) };
}

function sameIndexRecord(a: CaseIndexRecord, b: CaseIndexRecord): boolean {
  return a.requesterId === b.requesterId && a.score === b.score && a.awaiting === b.awaiting;
}

async function* entriesOf<V>(keyv: Keyv<V>): AsyncGenerator<[string, V]> {
  if (!keyv.iterator) throw new Error('This Keyv adapter cannot list its records, so the store cannot rebuild its indexes');
  for await (const [key, value] of keyv.iterator(undefined)) {
    if (typeof key === 'string' && value !== undefined) yield [key, value as V];
  }
}
