/**
 * The start-up schema check on the three stores: an empty store is initialised, v0.1.0 data (no
 * schema record) is migrated once, two processes starting together migrate once, a store from a
 * newer version is refused with a sentence naming both versions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSqliteStore, createMemoryStore, createRedisStore } from '../../../src/store/index.js';
import { ensureStoreSchema, readSchema } from '../../../src/store/schema-upgrade.js';
import { CURRENT_SCHEMA, SCHEMA_META_KEY, StoreTooNewError, type Migration } from '../../../src/workflow/migrations.js';
import type { WorkflowStore } from '../../../src/workflow/ports.js';
import { WORKER_LEASE } from '../../../src/workflow/worker.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { capturingLogger, deletePrefix } from './redis-test-support.js';
import { buildAudit, buildCase, collect } from './store-fixtures.js';

const silent = pino({ level: 'silent' });
const clock = { now: () => new Date('2026-03-01T00:00:00.000Z') };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Opened {
  /** a second handle on the same data (another process), where the store allows one */
  open(): Promise<WorkflowStore>;
  cleanup(): Promise<void>;
}

const kinds: Array<[string, () => Promise<Opened>]> = [
  [
    'redis',
    async () => {
      const url = testRedisUrl();
      const prefix = testRedisPrefix('schema');
      return { open: () => createRedisStore({ url, prefix, logger: silent }), cleanup: () => deletePrefix(url, prefix) };
    },
  ],
  [
    'sqlite',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-schema-test-'));
      return { open: () => createSqliteStore({ dataDir, logger: silent }), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
  ],
];

function options(store: WorkflowStore, extra: Partial<Parameters<typeof ensureStoreSchema>[0]> = {}) {
  return { store, logger: silent, clock, sleep, holderId: 'me', appVersion: '0.2.0-test', waitMs: 20, ...extra };
}

/** a migration that counts how often it ran, for the "once" checks */
function countingMigrations(ran: { n: number }, delayMs = 0): Migration[] {
  return [
    { from: 1, to: 2, summary: 'first', apply: async () => `ran ${++ran.n}` },
    {
      from: 2,
      to: 3,
      summary: 'second',
      apply: async () => {
        await sleep(delayMs);
        return 'slept';
      },
    },
  ];
}

describe.each(kinds)('store schema on %s', (_kind, setup) => {
  let opened: Opened | undefined;
  const stores: WorkflowStore[] = [];
  const open = async () => {
    const s = await opened!.open();
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await opened?.cleanup();
  });

  it('initialises an empty store at the current schema, and says so', async () => {
    opened = await setup();
    const store = await open();
    expect(await store.hasData()).toBe(false);
    const { logger, lines } = capturingLogger();
    await ensureStoreSchema(options(store, { logger }));
    expect(await readSchema(store)).toEqual({ version: CURRENT_SCHEMA, appVersion: '0.2.0-test', updatedAt: clock.now().toISOString() });
    expect(lines.map((l) => l.msg)).toContain(`new store: initialised at schema ${CURRENT_SCHEMA}`);
  });

  it('reads data without a schema record as v0.1.0 (schema 1), migrates it once, logs each step, and then does nothing', async () => {
    opened = await setup();
    const store = await open();
    const c = buildCase({ state: 'completed' });
    await store.createCase(c);
    expect(await store.hasData()).toBe(true);
    const ran = { n: 0 };
    const { logger, lines } = capturingLogger();
    await ensureStoreSchema(options(store, { logger, current: 3, migrations: countingMigrations(ran) }));
    await ensureStoreSchema(options(store, { logger, current: 3, migrations: countingMigrations(ran) }));
    expect(ran.n).toBe(1);
    expect((await readSchema(store))?.version).toBe(3);
    expect(lines.filter((l) => String(l.msg).startsWith('store migrated')).map((l) => [l.from, l.to, l.outcome])).toEqual([
      [1, 2, 'ran 1'],
      [2, 3, 'slept'],
    ]);
    expect(await store.getCase(c.id)).toEqual(c);
  });

  it('runs the real steps on v0.1.0 data with no audit entry: nothing to seal, nothing written to the audit', async () => {
    opened = await setup();
    const store = await open();
    await store.createCase(buildCase({ state: 'awaiting_approval' }));
    const { logger, lines } = capturingLogger();
    await ensureStoreSchema(options(store, { logger }));
    expect((await readSchema(store))?.version).toBe(CURRENT_SCHEMA);
    expect(lines.filter((l) => String(l.msg).startsWith('store migrated')).map((l) => [l.from, l.to])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(lines.find((l) => l.from === 2)?.outcome).toMatch(/^nothing to seal/);
    // the case built here is a DSAR awaiting approval: its deadline reminders are armed
    expect(lines.find((l) => l.from === 3)?.outcome).toBe('1 open case(s) with a GDPR deadline will be checked for reminders');
    expect(await store.auditHead()).toBeUndefined();
    expect(await collect(store.readAudit(new Date(0)))).toEqual([]);
  });

  it('counts a store holding only audit entries as v0.1.0 data', async () => {
    opened = await setup();
    const store = await open();
    await store.appendAudit(buildAudit(new Date('2025-01-01T00:00:00.000Z')));
    expect(await store.hasData()).toBe(true);
  });

  it('migrates once when two processes start together; the other waits for the lease and finds the store current', async () => {
    opened = await setup();
    const first = await open();
    await first.setTimer('purge:GX-AAAAAAAA', new Date('2026-04-01T00:00:00.000Z'));
    // the embedded store is single-process: two starts on one handle stand for two processes
    const second = _kind === 'redis' ? await open() : first;
    const ran = { n: 0 };
    const { logger, lines } = capturingLogger();
    await Promise.all([
      ensureStoreSchema(options(first, { holderId: 'a', logger, current: 3, migrations: countingMigrations(ran, 200) })),
      ensureStoreSchema(options(second, { holderId: 'b', logger, current: 3, migrations: countingMigrations(ran, 200) })),
    ]);
    expect(ran.n).toBe(1);
    expect(lines.filter((l) => String(l.msg).startsWith('store migrated from schema 1'))).toHaveLength(1);
    expect(lines.filter((l) => String(l.msg).startsWith('waiting for the worker lease'))).toHaveLength(1);
    // the lease is handed back for the worker
    expect(await first.acquireLease(WORKER_LEASE, 'worker-c', 1_000)).toBe(true);
  });

  it('waits while an older replica holds the worker lease, and migrates once it is gone', async () => {
    opened = await setup();
    const store = await open();
    await store.setTimer('purge:GX-BBBBBBBB', new Date('2026-04-01T00:00:00.000Z'));
    await store.acquireLease(WORKER_LEASE, 'old-replica', 60_000);
    const ran = { n: 0 };
    let done = false;
    const upgrade = ensureStoreSchema(options(store, { current: 3, migrations: countingMigrations(ran) })).then(() => (done = true));
    await sleep(300);
    expect(done).toBe(false);
    expect(await readSchema(store)).toBeUndefined();
    await store.releaseLease(WORKER_LEASE, 'old-replica');
    await upgrade;
    expect(ran.n).toBe(1);
  });

  it('refuses a store written by a newer version with one sentence naming both versions, and changes nothing', async () => {
    opened = await setup();
    const store = await open();
    const future = { version: CURRENT_SCHEMA + 1, appVersion: '9.9.9', updatedAt: '2030-01-01T00:00:00.000Z' };
    await store.setMeta(SCHEMA_META_KEY, future);
    const refusal = ensureStoreSchema(options(store));
    await expect(refusal).rejects.toBeInstanceOf(StoreTooNewError);
    await expect(refusal).rejects.toThrow(
      `The store was written by gdpr-export-bot 9.9.9 (store schema ${CURRENT_SCHEMA + 1}), but this is 0.2.0-test, which understands store schema ${CURRENT_SCHEMA} at most`,
    );
    expect(await store.getMeta(SCHEMA_META_KEY)).toEqual(future);
  });
});

describe('store schema on the memory store', () => {
  it('rejects an unreadable schema record instead of guessing', async () => {
    const store = await createMemoryStore();
    await store.setMeta(SCHEMA_META_KEY, { version: 'two' });
    await expect(ensureStoreSchema(options(store))).rejects.toThrow(/schema record is unreadable/);
  });
});
