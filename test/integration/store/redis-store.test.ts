import { tracingChannel } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createRedisStore, type RedisStore } from '../../../src/store/index.js';
import { describeRedisServer, rateLimitedWarning } from '../../../src/store/redis-connection.js';
import { acquireLock, releaseLock, LockWaitTimeoutError } from '../../../src/store/redis-lock.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { describeStoreContract } from './store-contract.js';
import { buildAudit, buildCase, buildNotification, sleep } from './store-fixtures.js';
import { capturingLogger, deletePrefix, keysUnder, startProxy } from './redis-test-support.js';

const silent = pino({ level: 'silent' });

describeStoreContract('redis', async () => {
  const prefix = testRedisPrefix('store');
  const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: silent });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deletePrefix(testRedisUrl(), prefix);
    },
  };
});

const bumpChecks = (c: ExportCase): ExportCase => ({
  ...c,
  subjects: c.subjects.map((s, i) => (i === 0 ? { ...s, checks: s.checks + 1 } : s)),
});

describe('redis store across instances', () => {
  const opened: RedisStore[] = [];
  const prefixes: string[] = [];
  const open = async (prefix: string, extra: Partial<Parameters<typeof createRedisStore>[0]> = {}) => {
    const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: silent, ...extra });
    opened.push(store);
    return store;
  };
  const newPrefix = () => {
    const prefix = testRedisPrefix('store-x');
    prefixes.push(prefix);
    return prefix;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await Promise.all(prefixes.splice(0).map((p) => deletePrefix(testRedisUrl(), p)));
  });

  it('lists cases written before the all-cases index existed (v0.1.0 data)', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const old = buildCase({ createdAt: '2025-01-01T00:00:00.000Z' });
    const recent = buildCase({ createdAt: '2025-02-01T00:00:00.000Z' });
    await store.createCase(old);
    await store.createCase(recent);
    // v0.1.0 wrote the same case records and requester indexes, but no all-cases index
    await store.redisClient.del(`${prefix}idx:cases`);

    const upgraded = await open(prefix);
    expect((await upgraded.listCases()).map((c) => c.id)).toEqual([recent.id, old.id]);
    expect(await upgraded.backfillCaseIndex()).toBe(0);
  });

  it('indexes a case a v0.1.0 replica created once new code updates it', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const c = buildCase();
    await store.createCase(c);
    await store.redisClient.zRem(`${prefix}idx:cases`, c.id);
    await store.updateCase(c.id, bumpChecks);
    expect(await store.redisClient.zScore(`${prefix}idx:cases`, c.id)).not.toBeNull();
  });

  it('loses no update when two instances race on one case', async () => {
    const prefix = newPrefix();
    const [one, two] = [await open(prefix), await open(prefix)];
    const c = buildCase();
    await one.createCase(c);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).updateCase(c.id, bumpChecks)),
    );
    const final = await two.getCase(c.id);
    expect(final?.subjects[0]?.checks).toBe(30);
    expect(final?.version).toBe(c.version + 30);
  });

  it('lets only one of two instances create the same case', async () => {
    const prefix = newPrefix();
    const [one, two] = [await open(prefix), await open(prefix)];
    const c = buildCase();
    const results = await Promise.allSettled([one.createCase(c), two.createCase({ ...c, caseReference: 'other' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('shares leases, the call budget and pause marks between instances', async () => {
    const prefix = newPrefix();
    const [one, two] = [await open(prefix), await open(prefix)];
    expect(await one.acquireLease('poller', 'instance-1', 5_000)).toBe(true);
    expect(await two.acquireLease('poller', 'instance-2', 5_000)).toBe(false);

    const now = new Date(Date.UTC(2025, 0, 1, 9, 30, 15));
    const waits = [];
    for (const store of [one, two, one, two, one]) waits.push(await store.takeBudget('genesys', 4, now));
    expect(waits).toEqual([0, 0, 0, 0, 45_000]);

    const until = new Date(Date.now() + 30_000);
    await one.setPauseUntil('genesys', until);
    expect(await two.getPauseUntil('genesys')).toEqual(until);
  });

  it('keeps stores with different prefixes apart', async () => {
    const [one, two] = [await open(newPrefix()), await open(newPrefix())];
    await one.createCase(buildCase({ id: 'GX-SAMEID' }));
    await two.createCase(buildCase({ id: 'GX-SAMEID', caseReference: 'two' }));
    expect((await one.getCase('GX-SAMEID'))?.caseReference).not.toBe('two');
    expect((await two.getCase('GX-SAMEID'))?.caseReference).toBe('two');
  });

  it('keeps every key under its prefix, with case records where Keyv puts them', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const c = buildCase();
    await store.createCase(c);
    await store.updateCase(c.id, bumpChecks);
    await store.setTimer(`poll:${c.id}:s1`, new Date());
    await store.enqueueNotification(buildNotification());
    await store.appendAudit(buildAudit(new Date()));
    await store.acquireLease('poller', 'me', 5_000);
    await store.takeBudget('genesys', 10, new Date());
    await store.setPauseUntil('genesys', new Date(Date.now() + 60_000));
    await store.setMeta('m', { a: 1 }, 60_000);

    // the random part of the prefix appears in no key that does not start with the whole prefix
    const marker = prefix.split(':')[2]!;
    const keys = await keysUnder(testRedisUrl(), `*${marker}*`);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    expect(keys.filter((k) => !k.startsWith(prefix))).toEqual([]);
    expect(keys).toContain(`${prefix}case:${c.id}`);
    expect(keys).toContain(`${prefix}meta:m`);
  });

  it('reads the due timers with one bounded ZRANGEBYSCORE, not a scan', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const future = new Date(Date.now() + 3_600_000);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.setTimer(`poll:GX-F${i}:s1`, future)));
    await store.setTimer('purge:GX-DUE1', new Date(1_000));
    await store.setTimer('purge:GX-DUE2', new Date(2_000));

    const commands: string[][] = [];
    const channel = tracingChannel<unknown, { args: string[] }>('node-redis:command');
    const ignore = () => undefined;
    const handlers = {
      start: (ctx: { args: string[] }) => {
        if (ctx.args.some((a) => a.startsWith(prefix))) commands.push(ctx.args);
      },
      end: ignore,
      asyncStart: ignore,
      asyncEnd: ignore,
      error: ignore,
    };
    channel.subscribe(handlers);
    try {
      expect(await store.dueTimers(new Date(), 5)).toEqual(['purge:GX-DUE1', 'purge:GX-DUE2']);
    } finally {
      channel.unsubscribe(handlers);
    }
    expect(commands).toEqual([['ZRANGEBYSCORE', `${prefix}timers`, '-inf', expect.any(String), 'LIMIT', '0', '5']]);
  });
});

describe('redis case lock', () => {
  const prefixes: string[] = [];
  const stores: RedisStore[] = [];
  const url = () => testRedisUrl();
  const open = async (prefix: string, caseLock?: { ttlMs?: number; waitMs?: number }) => {
    const store = await createRedisStore({ url: url(), prefix, logger: silent, caseLock });
    stores.push(store);
    return store;
  };
  const newPrefix = () => {
    const prefix = testRedisPrefix('lock');
    prefixes.push(prefix);
    return prefix;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(prefixes.splice(0).map((p) => deletePrefix(url(), p)));
  });

  it('proceeds once a dead holder’s lock expires', async () => {
    const prefix = newPrefix();
    const store = await open(prefix, { waitMs: 2_000 });
    const c = buildCase();
    await store.createCase(c);
    // a "process" that took the lock and died: nobody will release it
    await store.redisClient.set(`${prefix}lock:case:${c.id}`, 'dead-holder', { expiration: { type: 'PX', value: 200 } });
    const result = await store.updateCase(c.id, bumpChecks);
    expect(result?.updated.subjects[0]?.checks).toBe(1);
  });

  it('gives up with a clear error when a lock outlives the wait, and leaves that lock alone', async () => {
    const prefix = newPrefix();
    const store = await open(prefix, { waitMs: 150 });
    const c = buildCase();
    await store.createCase(c);
    const lockKey = `${prefix}lock:case:${c.id}`;
    await store.redisClient.set(lockKey, 'someone-else', { expiration: { type: 'PX', value: 10_000 } });
    await expect(store.updateCase(c.id, bumpChecks)).rejects.toThrow(/Case GX-\w+ stayed locked by another writer for 150 ms/);
    expect(await store.redisClient.get(lockKey)).toBe('someone-else');
    expect((await store.getCase(c.id))?.version).toBe(c.version);
  });

  it('a stalled holder whose lock expired does not release the next holder’s lock', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const key = `${prefix}lock:case:GX-STALL`;
    const stalled = await acquireLock(store.redisClient, key, { ttlMs: 100, waitMs: 1_000 });
    await sleep(150);
    const next = await acquireLock(store.redisClient, key, { ttlMs: 10_000, waitMs: 1_000 });
    expect(await releaseLock(store.redisClient, key, stalled)).toBe(false);
    expect(await store.redisClient.get(key)).toBe(next);
    expect(await releaseLock(store.redisClient, key, next)).toBe(true);
    expect(await store.redisClient.get(key)).toBeNull();
  });

  it('waits for a held lock and times out with LockWaitTimeoutError', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const key = `${prefix}lock:case:GX-HELD`;
    await acquireLock(store.redisClient, key, { ttlMs: 5_000, waitMs: 100 });
    await expect(acquireLock(store.redisClient, key, { ttlMs: 5_000, waitMs: 100 })).rejects.toBeInstanceOf(LockWaitTimeoutError);
  });

  it('retries from a fresh read when the case changed after it was read, losing nothing', async () => {
    const prefix = newPrefix();
    const store = await open(prefix);
    const c = buildCase();
    await store.createCase(c);
    const caseKey = `${prefix}case:${c.id}`;
    const sneaky = { ...c, version: c.version + 1, caseReference: 'written by a stalled-out rival' };
    let calls = 0;
    const result = await store.updateCase(c.id, (cur) => {
      calls += 1;
      // queued on the store's own connection, so Redis runs it before this update's write
      if (calls === 1) void store.redisClient.set(caseKey, JSON.stringify({ value: sneaky }));
      return bumpChecks(cur);
    });
    expect(calls).toBe(2);
    expect(result?.previous.caseReference).toBe('written by a stalled-out rival');
    expect(result?.updated.version).toBe(c.version + 2);
    expect(await store.getCase(c.id)).toMatchObject({ caseReference: 'written by a stalled-out rival', version: c.version + 2 });
  });

  it('refuses to write while another writer holds the lock, then retries after it lapses', async () => {
    const prefix = newPrefix();
    const store = await open(prefix, { waitMs: 2_000 });
    const c = buildCase();
    await store.createCase(c);
    const lockKey = `${prefix}lock:case:${c.id}`;
    let calls = 0;
    const result = await store.updateCase(c.id, (cur) => {
      calls += 1;
      // our lock "expired" and a rival took it before our write reached Redis
      if (calls === 1) void store.redisClient.set(lockKey, 'rival', { expiration: { type: 'PX', value: 150 } });
      return bumpChecks(cur);
    });
    expect(calls).toBe(2);
    expect(result?.updated.version).toBe(c.version + 1);
    expect(result?.updated.subjects[0]?.checks).toBe(1);
  });
});

describe('redis connection', () => {
  it('describes the server without credentials', () => {
    expect(describeRedisServer('redis://user:s3cret@cache.internal:6380/2')).toBe('cache.internal:6380/2');
    expect(describeRedisServer('rediss://:s3cret@cache.internal')).toBe('cache.internal:6379/0 (TLS)');
    expect(describeRedisServer('not a url')).not.toContain('not a url');
  });

  it('puts host, database and prefix in the store description', async () => {
    const prefix = testRedisPrefix('desc');
    const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: silent });
    try {
      const { host, port } = new URL(testRedisUrl());
      expect(store.description).toBe(`Redis at ${host.split(':')[0]}:${port}/0 (prefix ${prefix})`);
    } finally {
      await store.close();
    }
  });

  it('fails start-up with a readable error when Redis does not answer', async () => {
    const proxy = await startProxy(testRedisUrl());
    proxy.cut();
    try {
      await expect(
        createRedisStore({ url: proxy.url, prefix: 'unused:', logger: silent, connectTimeoutMs: 300 }),
      ).rejects.toThrow(/Cannot connect to Redis at 127\.0\.0\.1:\d+\/0.*REDIS_URL/);
    } finally {
      await proxy.close();
    }
  });

  it('rejects calls during an outage, warns once, and recovers on its own', async () => {
    const proxy = await startProxy(testRedisUrl());
    const prefix = testRedisPrefix('outage');
    const { logger, lines } = capturingLogger();
    const store = await createRedisStore({ url: proxy.url, prefix, logger });
    try {
      const c = buildCase();
      await store.createCase(c);

      proxy.cut();
      await expect(store.getCase(c.id)).rejects.toThrow();
      await expect(store.dueTimers(new Date(), 10)).rejects.toThrow();
      expect(await store.ping()).toBe(false);
      await sleep(300); // let a few reconnect attempts fail
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings).toHaveLength(1);
      expect(String(warnings[0]?.msg)).toMatch(/Redis at 127\.0\.0\.1:\d+\/0 is unreachable/);

      proxy.restore();
      let answered = false;
      for (let i = 0; i < 100 && !answered; i++) {
        answered = await store.ping();
        if (!answered) await sleep(50);
      }
      expect(answered).toBe(true);
      expect((await store.getCase(c.id))?.id).toBe(c.id);
      expect(lines.some((l) => l.msg === 'Redis connection restored')).toBe(true);
    } finally {
      await store.close();
      await proxy.close();
      await deletePrefix(testRedisUrl(), prefix);
    }
  });

  it('rate-limits warnings and counts the ones it held back', () => {
    const { logger, lines } = capturingLogger();
    let now = 0;
    const warn = rateLimitedWarning(logger, 1_000, () => now);
    const error = new Error('ECONNREFUSED');
    warn('down', error);
    now = 500;
    warn('down', error);
    warn('down', error);
    now = 1_000;
    warn('down', error);
    expect(lines.map((l) => l.suppressed)).toEqual([0, 2]);
  });

  it('closes cleanly twice, and stays closed', async () => {
    const store = await createRedisStore({ url: testRedisUrl(), prefix: testRedisPrefix('close'), logger: silent });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.getCase('GX-ANY')).rejects.toThrow(/closed/);
    await expect(store.getMeta('any')).rejects.toThrow(/closed/);
    await expect(store.dueTimers(new Date(), 1)).rejects.toThrow();
    expect(store.redisClient.isOpen).toBe(false);
    expect(await store.ping()).toBe(false);
  });
});
