/**
 * Replay claims and leases in the embedded store live in process memory: expired ones must go,
 * or every Slack request ever received keeps a claim (200,000 requests ≈ 133 MB).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSqliteStore, createMemoryStore, type EmbeddedStore } from '../../../src/store/index.js';

const silent = pino({ level: 'silent' });

describe.each(['sqlite', 'memory'] as const)('the %s embedded store forgets expired claims', (kind) => {
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  const clock = { now: () => new Date(now) };
  let dataDir: string;
  let store: EmbeddedStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gdpr-claims-test-'));
    store = kind === 'sqlite' ? await createSqliteStore({ dataDir, logger: silent, clock }) : await createMemoryStore({ clock });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a claim while it runs, and drops it once expired', async () => {
    for (let i = 0; i < 1_000; i++) expect(await store.acquireLease(`slack-request:${i}`, `h${i}`, 600_000)).toBe(true);
    expect(await store.acquireLease('worker', 'replica-a', 30_000)).toBe(true);
    expect(store.heldLeaseCount).toBe(1_001);

    now += 60_000; // the worker lease ran out, the claims did not
    expect(await store.acquireLease('slack-request:0', 'again', 600_000)).toBe(false);
    expect(store.heldLeaseCount).toBe(1_000);

    now += 600_000; // every claim ran out
    expect(await store.acquireLease('slack-request:new', 'h', 600_000)).toBe(true);
    expect(store.heldLeaseCount).toBe(1);
    // an expired claim can be taken again, as before
    expect(await store.acquireLease('slack-request:0', 'later', 600_000)).toBe(true);
  });

  it('a renewed lease stays; a released one goes', async () => {
    expect(await store.acquireLease('worker', 'a', 30_000)).toBe(true);
    now += 20_000;
    expect(await store.acquireLease('worker', 'a', 30_000)).toBe(true); // renewal by the holder
    now += 20_000;
    expect(await store.acquireLease('worker', 'b', 30_000)).toBe(false);
    expect(store.heldLeaseCount).toBe(1);
    await store.releaseLease('worker', 'a');
    expect(store.heldLeaseCount).toBe(0);
    expect(await store.acquireLease('worker', 'b', 30_000)).toBe(true);
  });
});
