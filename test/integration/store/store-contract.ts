/**
 * One behavioural contract for every WorkflowStore. Each implementation's test file calls
 * `describeStoreContract` with a way to open a fresh, isolated store; nothing here knows which
 * implementation it is testing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../../src/workflow/audit.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import type { TimerKey, WorkflowStore } from '../../../src/workflow/ports.js';
import { buildAudit, buildCase, buildNotification, collect, sleep } from './store-fixtures.js';

export interface StoreUnderTest {
  store: WorkflowStore;
  /** closes the store and removes everything it wrote */
  cleanup(): Promise<void>;
}

export type OpenIsolatedStore = () => Promise<StoreUnderTest>;

const at = (iso: string) => new Date(iso);
const bumpChecks = (c: ExportCase): ExportCase => ({
  ...c,
  subjects: c.subjects.map((s, i) => (i === 0 ? { ...s, checks: s.checks + 1 } : s)),
});

export function describeStoreContract(label: string, open: OpenIsolatedStore): void {
  describe(`${label}: WorkflowStore contract`, () => {
    let subject: StoreUnderTest;
    let store: WorkflowStore;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('cases', () => {
      it('reads back what it wrote, and nothing for an unknown id', async () => {
        const c = buildCase();
        await store.createCase(c);
        expect(await store.getCase(c.id)).toEqual(c);
        expect(await store.getCase('GX-MISSING')).toBeUndefined();
      });

      it('refuses to create a case whose id exists, keeping the original', async () => {
        const c = buildCase({ caseReference: 'first' });
        await store.createCase(c);
        await expect(store.createCase({ ...c, caseReference: 'second' })).rejects.toThrow(/exists/);
        expect((await store.getCase(c.id))?.caseReference).toBe('first');
      });

      it('lets exactly one of several concurrent creates of one id win', async () => {
        const c = buildCase();
        const results = await Promise.allSettled(
          ['a', 'b', 'c', 'd'].map((ref) => store.createCase({ ...c, caseReference: ref })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results.findIndex((r) => r.status === 'fulfilled');
        expect((await store.getCase(c.id))?.caseReference).toBe(['a', 'b', 'c', 'd'][winner]);
      });

      it('updates with the version bumped by exactly one and updatedAt restamped', async () => {
        const c = buildCase({ version: 4, updatedAt: '2000-01-01T00:00:00.000Z' });
        await store.createCase(c);
        const result = await store.updateCase(c.id, (cur) => ({ ...cur, caseReference: 'changed' }));
        expect(result?.previous).toEqual(c);
        expect(result?.updated.version).toBe(5);
        expect(result?.updated.caseReference).toBe('changed');
        expect(result?.updated.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
        expect(await store.getCase(c.id)).toEqual(result?.updated);
      });

      it('keeps the case id even when mutate returns another', async () => {
        const c = buildCase();
        await store.createCase(c);
        const result = await store.updateCase(c.id, (cur) => ({ ...cur, id: 'GX-OTHER' }));
        expect(result?.updated.id).toBe(c.id);
        expect(await store.getCase('GX-OTHER')).toBeUndefined();
      });

      it('writes nothing when mutate declines, even if it changed its copy', async () => {
        const c = buildCase();
        await store.createCase(c);
        const result = await store.updateCase(c.id, (copy) => {
          copy.caseReference = 'scribbled on the copy';
          copy.subjects[0]!.checks = 99;
          return undefined;
        });
        expect(result).toBeUndefined();
        expect(await store.getCase(c.id)).toEqual(c);
      });

      it('resolves undefined for a missing case without calling mutate', async () => {
        let called = false;
        const result = await store.updateCase('GX-MISSING', (c) => {
          called = true;
          return c;
        });
        expect(result).toBeUndefined();
        expect(called).toBe(false);
      });

      it('loses no update when 20 updates of one case race', async () => {
        const c = buildCase();
        await store.createCase(c);
        await Promise.all(Array.from({ length: 20 }, () => store.updateCase(c.id, bumpChecks)));
        const final = await store.getCase(c.id);
        expect(final?.subjects[0]?.checks).toBe(20);
        expect(final?.version).toBe(c.version + 20);
      });

      it('lists a requester’s cases newest first, limited, and no one else’s', async () => {
        const older = buildCase({ requesterId: 'U0ALICE', createdAt: '2025-03-01T00:00:00.000Z' });
        const newest = buildCase({ requesterId: 'U0ALICE', createdAt: '2025-03-03T00:00:00.000Z' });
        const middle = buildCase({ requesterId: 'U0ALICE', createdAt: '2025-03-02T00:00:00.000Z' });
        const bobs = buildCase({ requesterId: 'U0BOB', createdAt: '2025-03-04T00:00:00.000Z' });
        for (const c of [older, newest, middle, bobs]) await store.createCase(c);

        const ids = async (limit?: number) => (await store.listCasesByRequester('U0ALICE', limit)).map((c) => c.id);
        expect(await ids()).toEqual([newest.id, middle.id, older.id]);
        expect(await ids(2)).toEqual([newest.id, middle.id]);
        expect(await store.listCasesByRequester('U0NOBODY')).toEqual([]);
      });

      it('lists every case newest first, limited, and forgets deleted ones', async () => {
        const older = buildCase({ requesterId: 'U0ALICE', createdAt: '2025-05-01T00:00:00.000Z' });
        const newest = buildCase({ requesterId: 'U0BOB', createdAt: '2025-05-03T00:00:00.000Z', state: 'completed' });
        const middle = buildCase({ requesterId: 'U0CAROL', createdAt: '2025-05-02T00:00:00.000Z' });
        for (const c of [older, newest, middle]) await store.createCase(c);
        const ids = async (limit?: number) => (await store.listCases(limit)).map((c) => c.id);
        expect(await ids()).toEqual([newest.id, middle.id, older.id]);
        expect(await ids(2)).toEqual([newest.id, middle.id]);
        expect(await ids(0)).toEqual([]);

        await store.updateCase(middle.id, (c) => ({ ...c, state: 'approved' }));
        expect((await store.listCases())[1]?.state).toBe('approved');
        await store.deleteCase(older.id);
        expect(await ids()).toEqual([newest.id, middle.id]);
      });

      it('lists cases awaiting approval oldest first, following state changes made by updateCase', async () => {
        const first = buildCase({ createdAt: '2025-04-01T00:00:00.000Z' });
        const second = buildCase({ createdAt: '2025-04-02T00:00:00.000Z' });
        const approved = buildCase({ createdAt: '2025-03-01T00:00:00.000Z', state: 'approved' });
        for (const c of [second, approved, first]) await store.createCase(c);
        const ids = async (limit?: number) => (await store.listCasesAwaitingApproval(limit)).map((c) => c.id);
        expect(await ids()).toEqual([first.id, second.id]);
        expect(await ids(1)).toEqual([first.id]);

        await store.updateCase(first.id, (c) => ({ ...c, state: 'approved' }));
        expect(await ids()).toEqual([second.id]);
        await store.updateCase(approved.id, (c) => ({ ...c, state: 'awaiting_approval' }));
        expect(await ids()).toEqual([approved.id, second.id]);
        const listed = await store.listCasesAwaitingApproval();
        expect(listed[0]?.version).toBe(approved.version + 1);
      });

      it('deletes a case with its index entries and its timers, leaving other cases and the audit log', async () => {
        const doomed = buildCase({ requesterId: 'U0CAROL' });
        const kept = buildCase({ requesterId: 'U0CAROL' });
        await store.createCase(doomed);
        await store.createCase(kept);
        const due = at('2025-01-01T00:00:00.000Z');
        await store.setTimer(`poll:${doomed.id}:s1`, due);
        await store.setTimer(`purge:${doomed.id}`, due);
        await store.setTimer(`poll:${kept.id}:s1`, due);
        await store.appendAudit(buildAudit(due, { caseId: doomed.id, action: 'requested' }));

        await store.deleteCase(doomed.id);

        expect(await store.getCase(doomed.id)).toBeUndefined();
        expect((await store.listCasesByRequester('U0CAROL')).map((c) => c.id)).toEqual([kept.id]);
        expect((await store.listCasesAwaitingApproval()).map((c) => c.id)).toEqual([kept.id]);
        expect(await store.dueTimers(at('2030-01-01T00:00:00.000Z'), 10)).toEqual([`poll:${kept.id}:s1`]);
        expect((await store.timerStats()).count).toBe(1);
        const audit = await collect(store.readAudit(at('2024-01-01T00:00:00.000Z')));
        expect(audit.map((e) => e.caseId)).toEqual([doomed.id]);
        await expect(store.deleteCase(doomed.id)).resolves.toBeUndefined();
      });

      it('keeps a clean-up entry queued before its case is deleted (it is meant to outlive the case)', async () => {
        const doomed = buildCase();
        await store.createCase(doomed);
        const due = at('2025-01-01T00:00:00.000Z');
        const cleanup = buildNotification({ id: `${doomed.id}:case_purged`, kind: 'case_purged', caseId: doomed.id, nextAttemptAt: due.toISOString() });
        const status = buildNotification({ id: `${doomed.id}:case_status:3`, caseId: doomed.id, nextAttemptAt: due.toISOString() });
        await store.enqueueNotification(cleanup);
        await store.enqueueNotification(status);

        await store.deleteCase(doomed.id);

        expect(await store.getNotification(status.id)).toBeUndefined();
        expect(await store.getNotification(cleanup.id)).toEqual(cleanup);
        expect((await store.dueNotifications(at('2030-01-01T00:00:00.000Z'), 10)).map((n) => n.id)).toEqual([cleanup.id]);
        await store.updateNotification(cleanup.id, { status: 'sent' });
        expect(await store.dueNotifications(at('2030-01-01T00:00:00.000Z'), 10)).toEqual([]);
      });

      it('deletes the outbox entries of a deleted case, and only those', async () => {
        const doomed = buildCase();
        const kept = buildCase();
        await store.createCase(doomed);
        await store.createCase(kept);
        const due = at('2025-01-01T00:00:00.000Z');
        const sent = buildNotification({ id: `${doomed.id}:case_decided`, caseId: doomed.id, status: 'sent', nextAttemptAt: due.toISOString() });
        const pending = buildNotification({ id: `${doomed.id}:case_status:2`, caseId: doomed.id, nextAttemptAt: due.toISOString() });
        const other = buildNotification({ id: `${kept.id}:case_status:2`, caseId: kept.id, nextAttemptAt: due.toISOString() });
        for (const n of [sent, pending, other]) expect(await store.enqueueNotification(n)).toBe(true);

        await store.deleteCase(doomed.id);

        expect(await store.getNotification(sent.id)).toBeUndefined();
        expect(await store.getNotification(pending.id)).toBeUndefined();
        expect((await store.dueNotifications(at('2030-01-01T00:00:00.000Z'), 10)).map((n) => n.id)).toEqual([other.id]);
        expect(await store.getNotification(other.id)).toMatchObject({ id: other.id });
      });

      it('leaves the case unchanged and usable when mutate throws', async () => {
        const c = buildCase();
        await store.createCase(c);
        await expect(
          store.updateCase(c.id, () => {
            throw new Error('mutate failed');
          }),
        ).rejects.toThrow('mutate failed');
        expect(await store.getCase(c.id)).toEqual(c);
        const next = await store.updateCase(c.id, bumpChecks);
        expect(next?.updated.version).toBe(c.version + 1);
      });

      it('lists nothing for a limit of zero', async () => {
        await store.createCase(buildCase({ requesterId: 'U0ZERO' }));
        expect(await store.listCasesByRequester('U0ZERO', 0)).toEqual([]);
        expect(await store.listCasesAwaitingApproval(0)).toEqual([]);
        expect(await store.dueTimers(new Date(), 0)).toEqual([]);
      });

      it('lets a deleted case id be created again', async () => {
        const c = buildCase();
        await store.createCase(c);
        await store.deleteCase(c.id);
        await store.createCase({ ...c, caseReference: 'again' });
        expect((await store.getCase(c.id))?.caseReference).toBe('again');
      });
    });

    describe('timers', () => {
      const t = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute));

      it('returns only due timers, earliest first, up to the limit', async () => {
        await store.setTimer('poll:GX-A:s1', t(5));
        await store.setTimer('submit:GX-B:s1', t(1));
        await store.setTimer('approval-expire:GX-C', t(3));
        await store.setTimer('purge:GX-D', t(30));

        expect(await store.dueTimers(t(10), 10)).toEqual(['submit:GX-B:s1', 'approval-expire:GX-C', 'poll:GX-A:s1']);
        expect(await store.dueTimers(t(10), 2)).toEqual(['submit:GX-B:s1', 'approval-expire:GX-C']);
        expect(await store.dueTimers(t(3), 10)).toEqual(['submit:GX-B:s1', 'approval-expire:GX-C']);
        expect(await store.dueTimers(t(0), 10)).toEqual([]);
      });

      it('moves an existing timer instead of adding a second one', async () => {
        await store.setTimer('poll:GX-A:s1', t(1));
        await store.setTimer('poll:GX-A:s1', t(20));
        expect(await store.dueTimers(t(10), 10)).toEqual([]);
        expect(await store.dueTimers(t(20), 10)).toEqual(['poll:GX-A:s1']);
        expect((await store.timerStats()).count).toBe(1);
      });

      it('clears a timer, and clearing a missing one is harmless', async () => {
        await store.setTimer('approval-remind:GX-A', t(1));
        await store.clearTimer('approval-remind:GX-A');
        await store.clearTimer('approval-remind:GX-NEVER');
        expect(await store.dueTimers(t(59), 10)).toEqual([]);
      });

      it('reports the count and the earliest due time', async () => {
        expect(await store.timerStats()).toEqual({ count: 0 });
        await store.setTimer('purge:GX-A', t(7));
        await store.setTimer('purge:GX-B', t(2));
        expect(await store.timerStats()).toEqual({ count: 2, earliest: t(2) });
      });

      it('pages through many due timers in order', async () => {
        const keys: TimerKey[] = Array.from({ length: 30 }, (_, i) => `poll:GX-P${String(i).padStart(2, '0')}:s1` as TimerKey);
        await Promise.all(keys.map((k, i) => store.setTimer(k, new Date(t(0).getTime() + i * 1000))));
        const firstPage = await store.dueTimers(t(1), 10);
        expect(firstPage).toEqual(keys.slice(0, 10));
      });
    });

    describe('leases', () => {
      it('is exclusive between holders and renewable by its holder', async () => {
        expect(await store.acquireLease('poller', 'one', 5_000)).toBe(true);
        expect(await store.acquireLease('poller', 'two', 5_000)).toBe(false);
        expect(await store.acquireLease('poller', 'one', 5_000)).toBe(true);
        expect(await store.acquireLease('other-job', 'two', 5_000)).toBe(true);
      });

      it('is released only by its holder', async () => {
        await store.acquireLease('poller', 'one', 5_000);
        await store.releaseLease('poller', 'two');
        expect(await store.acquireLease('poller', 'two', 5_000)).toBe(false);
        await store.releaseLease('poller', 'one');
        expect(await store.acquireLease('poller', 'two', 5_000)).toBe(true);
      });

      it('expires after its ttl', async () => {
        await store.acquireLease('short', 'one', 200);
        expect(await store.acquireLease('short', 'two', 200)).toBe(false);
        await sleep(250);
        expect(await store.acquireLease('short', 'two', 200)).toBe(true);
      });

      it('lives on when its holder renews it with a longer ttl', async () => {
        await store.acquireLease('renewed', 'one', 200);
        expect(await store.acquireLease('renewed', 'one', 10_000)).toBe(true);
        await sleep(250);
        expect(await store.acquireLease('renewed', 'two', 200)).toBe(false);
      });
    });

    describe('outbox', () => {
      it('adds a notification once; a second add with the same id keeps the original', async () => {
        const n = buildNotification({ attempts: 0 });
        expect(await store.enqueueNotification(n)).toBe(true);
        expect(await store.enqueueNotification({ ...n, attempts: 7 })).toBe(false);
        expect(await store.getNotification(n.id)).toEqual(n);
        expect(await store.getNotification('missing')).toBeUndefined();
      });

      it('returns pending and sending entries whose time has come, oldest first, limited', async () => {
        const late = buildNotification({ nextAttemptAt: '2025-01-01T00:03:00.000Z' });
        const early = buildNotification({ nextAttemptAt: '2025-01-01T00:01:00.000Z', status: 'sending' });
        const future = buildNotification({ nextAttemptAt: '2025-01-01T01:00:00.000Z' });
        const sent = buildNotification({ nextAttemptAt: '2025-01-01T00:00:00.000Z', status: 'sent' });
        const dead = buildNotification({ nextAttemptAt: '2025-01-01T00:00:00.000Z', status: 'dead' });
        for (const n of [late, early, future, sent, dead]) await store.enqueueNotification(n);

        const now = at('2025-01-01T00:10:00.000Z');
        expect((await store.dueNotifications(now, 10)).map((n) => n.id)).toEqual([early.id, late.id]);
        expect((await store.dueNotifications(now, 1)).map((n) => n.id)).toEqual([early.id]);
      });

      it('applies patches: a sent entry leaves the due list, a rescheduled one moves', async () => {
        const a = buildNotification({ nextAttemptAt: '2025-01-01T00:01:00.000Z' });
        const b = buildNotification({ nextAttemptAt: '2025-01-01T00:02:00.000Z' });
        await store.enqueueNotification(a);
        await store.enqueueNotification(b);
        const now = at('2025-01-01T00:05:00.000Z');

        await store.updateNotification(a.id, { status: 'sent', sentAt: '2025-01-01T00:04:00.000Z' });
        await store.updateNotification(b.id, { attempts: 1, nextAttemptAt: '2025-01-01T00:09:00.000Z', lastError: 'rate_limited' });

        expect(await store.dueNotifications(now, 10)).toEqual([]);
        expect(await store.getNotification(a.id)).toEqual({ ...a, status: 'sent', sentAt: '2025-01-01T00:04:00.000Z' });
        const later = await store.dueNotifications(at('2025-01-01T00:09:00.000Z'), 10);
        expect(later).toEqual([{ ...b, attempts: 1, nextAttemptAt: '2025-01-01T00:09:00.000Z', lastError: 'rate_limited' }]);
      });

      it('ignores a patch for an unknown notification', async () => {
        await expect(store.updateNotification('missing', { status: 'sent' })).resolves.toBeUndefined();
        expect(await store.getNotification('missing')).toBeUndefined();
      });
    });

    describe('audit', () => {
      const base = Date.UTC(2025, 0, 1);
      const minute = (m: number) => new Date(base + m * 60_000);

      it('reads entries in time order within [since, until), across many pages', async () => {
        const count = 300;
        // appended in a scrambled order: reading must sort by time, not by arrival
        const order = Array.from({ length: count }, (_, i) => (i * 7919) % count);
        for (const m of order) await store.appendAudit(buildAudit(minute(m), { detail: `m${m}` }));

        const all = await collect(store.readAudit(minute(0)));
        expect(all.map((e) => e.detail)).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));

        const window = await collect(store.readAudit(minute(10), minute(13)));
        expect(window.map((e) => e.detail)).toEqual(['m10', 'm11', 'm12']);
      });

      it('keeps entries with the same time apart and in id order', async () => {
        const same = minute(1);
        const a = buildAudit(same, { id: 'id-a', detail: 'a' });
        const b = buildAudit(same, { id: 'id-b', detail: 'b' });
        const storedB = await store.appendAudit(b);
        const storedA = await store.appendAudit(a);
        expect(storedA).toMatchObject({ ...a, seq: 2, prevHash: storedB.hash });
        expect(await collect(store.readAudit(minute(0)))).toEqual([storedA, storedB]);
      });

      it('counts a repeated entry into the first one within the window, atomically, and starts anew after it', async () => {
        const first = buildAudit(minute(1), { id: 'r1', action: 'denied', detail: 'approve:not_approver' });
        const stored = await store.appendAuditOrCount(first, 'k1', 60_000);
        expect(stored).toMatchObject(first);
        expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
        const repeats = await Promise.all(
          [2, 3, 4].map((s) => store.appendAuditOrCount({ ...first, id: `r-${s}`, at: new Date(minute(1).getTime() + s * 1000).toISOString() }, 'k1', 60_000)),
        );
        expect(repeats.map((e) => e.id)).toEqual(['r1', 'r1', 'r1']);
        await store.appendAuditOrCount(buildAudit(minute(1), { id: 'other', action: 'denied', detail: 'retry:not_requester' }), 'k2', 60_000);
        const later = buildAudit(minute(3), { id: 'r9', action: 'denied', detail: 'approve:not_approver' });
        await store.appendAuditOrCount(later, 'k1', 60_000);
        const all = await collect(store.readAudit(minute(0)));
        expect(all.map((e) => [e.id, e.count ?? 1])).toEqual([
          ['other', 1],
          ['r1', 4],
          ['r9', 1],
        ]);
        expect(all.find((e) => e.id === 'r1')).toEqual({ ...stored, count: 4 });
        // the count is a tally beside the chain: counting never breaks it
        expect(await verifyAuditTrail(store)).toMatchObject({ ok: true, entries: 3 });
      });

      it('purges only entries older than the cut-off and says how many', async () => {
        for (const m of [1, 2, 3, 4, 5]) await store.appendAudit(buildAudit(minute(m), { detail: `m${m}` }));
        expect(await store.purgeAudit(minute(3))).toBe(2);
        const left = await collect(store.readAudit(minute(0)));
        expect(left.filter((e) => e.action !== 'audit_checkpoint').map((e) => e.detail)).toEqual(['m3', 'm4', 'm5']);
        // what went is recorded, chained after the newest entry
        expect(left.find((e) => e.action === 'audit_checkpoint')).toMatchObject({ seq: 6, chain: { kind: 'checkpoint', purged: 2, lastSeq: 2 } });
        expect(await store.purgeAudit(minute(3))).toBe(0);
      });
    });

    describe('call budget and pause', () => {
      const windowStart = Date.UTC(2025, 0, 1, 10, 0);

      it('lets perMinute calls through in a window, then asks to wait until the window turns', async () => {
        const now = new Date(windowStart + 10_000);
        expect(await store.takeBudget('genesys', 3, now)).toBe(0);
        expect(await store.takeBudget('genesys', 3, now)).toBe(0);
        expect(await store.takeBudget('genesys', 3, now)).toBe(0);
        expect(await store.takeBudget('genesys', 3, now)).toBe(50_000);
        expect(await store.takeBudget('genesys', 3, new Date(windowStart + 59_000))).toBe(1_000);
        expect(await store.takeBudget('other', 3, now)).toBe(0);
        expect(await store.takeBudget('genesys', 3, new Date(windowStart + 60_000))).toBe(0);
      });

      it('keeps the later of two pause marks, and forgets a mark once passed', async () => {
        const soon = new Date(Date.now() + 60_000);
        const later = new Date(Date.now() + 120_000);
        expect(await store.getPauseUntil('genesys')).toBeUndefined();
        await store.setPauseUntil('genesys', later);
        await store.setPauseUntil('genesys', soon);
        expect(await store.getPauseUntil('genesys')).toEqual(later);
        await store.setPauseUntil('brief', new Date(Date.now() + 100));
        await sleep(150);
        expect(await store.getPauseUntil('brief')).toBeUndefined();
      });
    });

    describe('meta', () => {
      it('stores, reads and deletes small records', async () => {
        const value = { channel: 'C0123', ts: '1700000000.000100', nested: { list: [1, 2] } };
        await store.setMeta('messages:GX-A', value);
        expect(await store.getMeta('messages:GX-A')).toEqual(value);
        await store.deleteMeta('messages:GX-A');
        expect(await store.getMeta('messages:GX-A')).toBeUndefined();
        expect(await store.getMeta('never-set')).toBeUndefined();
      });

      it('forgets a record after its ttl', async () => {
        await store.setMeta('short', 'value', 300);
        await store.setMeta('long', 'value', 60_000);
        expect(await store.getMeta('short')).toBe('value');
        await sleep(400);
        expect(await store.getMeta('short')).toBeUndefined();
        expect(await store.getMeta('long')).toBe('value');
      });
    });

    it('answers ping and describes itself', async () => {
      expect(await store.ping()).toBe(true);
      expect(store.description.length).toBeGreaterThan(5);
    });
  });
}
