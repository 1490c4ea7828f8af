/**
 * The audit hash chain on the real stores (Redis and the SQLite embedded store): entries tampered
 * with, removed or inserted behind the bot's back are named by `npm run audit -- --verify`;
 * two store instances on one Redis append to one chain; entries written before the chain (as
 * v0.1.0 wrote them) become its genesis segment; purges leave a verifiable, signed checkpoint.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { NodeSqliteKeyv } from '../../../src/store/node-sqlite-keyv.js';
import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { runAuditExport } from '../../../src/cli/audit/run-audit-export.js';
import { createLogger } from '../../../src/logger.js';
import { createSqliteStore, createRedisStore, SQLITE_FILE_NAME } from '../../../src/store/index.js';
import { sealAuditGenesis, verifyAuditTrail } from '../../../src/workflow/audit.js';
import type { AuditEntry } from '../../../src/workflow/model.js';
import type { WorkflowStore } from '../../../src/workflow/ports.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { ensureStoreSchema } from '../../../src/store/schema-upgrade.js';
import { MIGRATIONS } from '../../../src/workflow/migrations.js';
import { capturingLogger, deletePrefix } from './redis-test-support.js';
import { buildAudit, collect } from './store-fixtures.js';

const logger = createLogger({ level: 'silent' });
const KEY = 'a-signing-key-of-at-least-32-characters';
const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

/** one store, opened as the bot would, and raw access to its audit records behind its back */
interface Backend {
  env: Record<string, string>;
  open(): Promise<WorkflowStore>;
  /** every stored entry, as stored */
  rawEntries(): Promise<AuditEntry[]>;
  rawWrite(entry: AuditEntry): Promise<void>;
  rawDelete(entry: AuditEntry): Promise<void>;
  cleanup(): Promise<void>;
}

async function redisBackend(): Promise<Backend> {
  const url = testRedisUrl();
  const prefix = testRedisPrefix('audit-chain');
  const client = createClient({ url });
  await client.connect();
  const key = `${prefix}audit`;
  const members = async () => client.zRange(key, 0, -1);
  return {
    env: { REDIS_URL: url, REDIS_PREFIX: prefix },
    open: () => createRedisStore({ url, prefix, logger }),
    rawEntries: async () => (await members()).map((m) => JSON.parse(m) as AuditEntry),
    // written as v0.1.0 wrote members: the id first
    rawWrite: async (entry) => {
      const { id, ...rest } = entry;
      await client.zAdd(key, { score: Date.parse(entry.at), value: JSON.stringify({ id, ...rest }) });
    },
    rawDelete: async (entry) => {
      for (const m of await members()) if ((JSON.parse(m) as AuditEntry).id === entry.id) await client.zRem(key, m);
    },
    cleanup: async () => {
      await client.close();
      await deletePrefix(url, prefix);
    },
  };
}

async function sqliteBackend(): Promise<Backend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-audit-chain-'));
  // the audit table, as the store's own Keyv sees it; used only while the store is closed
  const table = () => new Keyv<AuditEntry>({ store: new NodeSqliteKeyv({ filename: join(dataDir, SQLITE_FILE_NAME), table: 'gdpr_audit' }) });
  async function withTable<T>(work: (t: Keyv<AuditEntry>) => Promise<T>): Promise<T> {
    const t = table();
    try {
      return await work(t);
    } finally {
      await t.disconnect();
    }
  }
  return {
    env: { DATA_DIR: dataDir },
    open: () => createSqliteStore({ dataDir, logger }),
    rawEntries: () =>
      withTable(async (t) => {
        const out: AuditEntry[] = [];
        for await (const [, value] of t.iterator!(undefined)) out.push(value as AuditEntry);
        return out;
      }),
    rawWrite: (entry) => withTable(async (t) => void (await t.set(entry.id, entry))),
    rawDelete: (entry) => withTable(async (t) => void (await t.delete(entry.id))),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function cliVerify(env: Record<string, string>, extra: string[] = []) {
  let out = '';
  let err = '';
  const code = await runAuditExport({ argv: ['--verify', ...extra], env, write: (c) => (out += c), writeError: (t) => (err += t) });
  return { code, out, err };
}

/** five entries appended through the store, then closed; resolves them as stored */
async function chainOfFive(backend: Backend): Promise<AuditEntry[]> {
  const store = await backend.open();
  const stored: AuditEntry[] = [];
  for (let m = 1; m <= 5; m++) stored.push(await store.appendAudit(buildAudit(minute(m), { detail: `m${m}`, caseReference: 'DSAR-1', legalBasis: 'data_subject_access_request' })));
  await store.close();
  return stored;
}

describe.each([
  ['Redis', redisBackend],
  ['the SQLite embedded store', sqliteBackend],
])('audit hash chain on %s', (_label, makeBackend) => {
  let backend: Backend;
  afterEach(async () => {
    await backend.cleanup();
  });

  it('verifies an intact chain and prints its head, also after the export', async () => {
    backend = await makeBackend();
    const stored = await chainOfFive(backend);
    const head = stored.at(-1)!.hash!;
    const verdict = await cliVerify(backend.env);
    expect(verdict).toMatchObject({ code: 0, err: '' });
    expect(verdict.out).toMatch(new RegExp(`^5 entries verified, head ${head} `));

    let csv = '';
    let stderr = '';
    const code = await runAuditExport({ argv: ['--since', '2026-01-01'], env: backend.env, write: (c) => (csv += c), writeError: (t) => (stderr += t) });
    expect(code).toBe(0);
    expect(stderr).toContain(`Head of the audit chain: ${head} (entry #5`);
    // stdout is only the CSV: a header and five rows
    expect(csv.trimEnd().split('\n')).toHaveLength(6);
    expect(await cliVerify(backend.env, ['--head', stored[2]!.hash!])).toMatchObject({ code: 0 });
  });

  it('names an entry that was altered', async () => {
    backend = await makeBackend();
    const stored = await chainOfFive(backend);
    await backend.rawDelete(stored[1]!);
    await backend.rawWrite({ ...stored[1]!, actor: 'U0MALLORY' });
    const verdict = await cliVerify(backend.env);
    expect(verdict.code).toBe(1);
    expect(verdict.err).toContain(`Entry ${stored[1]!.id} (#2) of ${stored[1]!.at} was altered: its content no longer matches its hash.`);
  });

  it('names an entry that was removed, in the middle or at the end', async () => {
    backend = await makeBackend();
    const stored = await chainOfFive(backend);
    await backend.rawDelete(stored[2]!);
    const middle = await cliVerify(backend.env);
    expect(middle.code).toBe(1);
    expect(middle.err).toContain(`Entry #3 was removed: the chain jumps between ${stored[1]!.id} (#2) and ${stored[3]!.id} (#4).`);

    await backend.rawWrite(stored[2]!);
    expect((await cliVerify(backend.env)).code).toBe(0);
    await backend.rawDelete(stored[4]!);
    expect((await cliVerify(backend.env)).err).toContain(`Entry #5 (${stored[4]!.id}), the newest, was removed`);
  });

  it('names an entry that was inserted, with or without a forged hash', async () => {
    backend = await makeBackend();
    const stored = await chainOfFive(backend);
    const unhashed = buildAudit(new Date(Date.parse(stored[2]!.at) + 1), { id: 'forged-unhashed', actor: 'U0MALLORY' });
    await backend.rawWrite(unhashed);
    expect((await cliVerify(backend.env)).err).toContain('Entry forged-unhashed of');
    expect((await cliVerify(backend.env)).err).toContain('was inserted');
    await backend.rawDelete(unhashed);

    // a copy of entry #3 with another actor and its own hash recomputed
    const { hash: _h, ...rest } = { ...stored[2]!, id: 'forged-hashed', actor: 'U0MALLORY' };
    const { auditEntryHash } = await import('../../../src/workflow/audit-chain.js');
    await backend.rawWrite({ ...rest, hash: auditEntryHash(rest) });
    const verdict = await cliVerify(backend.env);
    expect(verdict.code).toBe(1);
    expect(verdict.err).toContain(`Entry forged-hashed was inserted: it claims chain position #3, which ${stored[2]!.id} holds.`);
  });

  it('seals entries written before the chain (v0.1.0) into one genesis segment, once', async () => {
    backend = await makeBackend();
    const legacy = [1, 2, 3].map((m) => buildAudit(minute(m), { detail: `old ${m}` }));
    for (const e of legacy) await backend.rawWrite(e);

    const store = await backend.open();
    try {
      expect(await verifyAuditTrail(store)).toMatchObject({ ok: true, entries: 3, notes: [expect.stringContaining('not sealed yet')] });
      const genesis = await sealAuditGenesis(store, { now: () => minute(10) });
      expect(genesis).toMatchObject({ action: 'audit_genesis', seq: 1, chain: { kind: 'genesis', entries: 3, firstId: legacy[0]!.id, lastId: legacy[2]!.id } });
      expect(await sealAuditGenesis(store, { now: () => minute(11) })).toBeUndefined();
      const next = await store.appendAudit(buildAudit(minute(12)));
      expect(next).toMatchObject({ seq: 2, prevHash: genesis!.hash });
      // old entries stay readable and exportable as they were written
      expect((await collect(store.readAudit(minute(0)))).slice(0, 3)).toEqual(legacy);
    } finally {
      await store.close();
    }
    const ok = await cliVerify(backend.env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^5 entries verified, head [0-9a-f]{64} /);
    expect(ok.out).toContain('3 entries written before the hash chain form the genesis segment');

    await backend.rawDelete(legacy[1]!);
    await backend.rawWrite({ ...legacy[1]!, detail: 'rewritten' });
    const broken = await cliVerify(backend.env);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('The genesis segment (entries written before the hash chain) no longer matches genesis');
  });

  it('seals them by itself at the first new entry', async () => {
    backend = await makeBackend();
    await backend.rawWrite(buildAudit(minute(1)));
    const store = await backend.open();
    try {
      const first = await store.appendAudit(buildAudit(minute(5)));
      expect(first.seq).toBe(2);
      const all = await collect(store.readAudit(minute(0)));
      expect(all.map((e) => [e.action, e.seq])).toEqual(expect.arrayContaining([['status_changed', undefined], ['audit_genesis', 1], ['status_changed', 2]]));
      expect(all).toHaveLength(3);
      expect(await verifyAuditTrail(store)).toMatchObject({ ok: true, entries: 3 });
    } finally {
      await store.close();
    }
  });

  it('seals them at the upgrade: the start-up migration records the genesis before any new entry, once', async () => {
    backend = await makeBackend();
    const legacy = [1, 2].map((m) => buildAudit(minute(m)));
    for (const e of legacy) await backend.rawWrite(e);
    const store = await backend.open();
    try {
      const { logger: capturing, lines } = capturingLogger();
      const upgrade = { store, logger: capturing, clock: { now: () => minute(10) }, sleep: async () => undefined, holderId: 'me', appVersion: '0.2.0-test' };
      await ensureStoreSchema(upgrade);
      // no new entry yet: the head is the genesis, sealed at the migration's moment
      const all = await collect(store.readAudit(minute(0)));
      expect(all.map((e) => e.action)).toEqual(['status_changed', 'status_changed', 'audit_genesis']);
      const genesis = all[2]!;
      expect(genesis).toMatchObject({ seq: 1, at: minute(10).toISOString(), chain: { kind: 'genesis', entries: 2, firstId: legacy[0]!.id, lastId: legacy[1]!.id } });
      expect(await store.auditHead()).toMatchObject({ seq: 1, hash: genesis.hash });
      const step = lines.find((l) => String(l.msg).startsWith('store migrated from schema 2 to 3'));
      expect(step?.outcome).toBe(`2 audit entries from before the chain sealed into genesis entry ${genesis.id}`);
      // run again (a crash before the schema record was written): nothing more is sealed
      expect(await MIGRATIONS.find((m) => m.from === 2)!.apply(store, { now: () => minute(11) })).toMatch(/^nothing to seal/);
      expect(await store.appendAudit(buildAudit(minute(12)))).toMatchObject({ seq: 2, prevHash: genesis.hash });
    } finally {
      await store.close();
    }
    const ok = await cliVerify(backend.env);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`2 entries written before the hash chain form the genesis segment sealed by`);
  });

  it('purges a prefix behind a signed checkpoint, and the rest still verifies', async () => {
    backend = await makeBackend();
    const stored = await chainOfFive(backend);
    const store = await backend.open();
    try {
      expect(await store.purgeAudit(minute(3), { signingKey: KEY })).toBe(2);
    } finally {
      await store.close();
    }
    const signed = await cliVerify({ ...backend.env, AUDIT_SIGNING_KEY: KEY });
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(/^4 entries verified/);
    expect(signed.out).toContain(`The chain starts at checkpoint`);
    expect(signed.out).toContain(`2 entries up to ${stored[1]!.id} were purged`);
    const otherKey = await cliVerify({ ...backend.env, AUDIT_SIGNING_KEY: 'another-key-of-at-least-32-characters' });
    expect(otherKey.code).toBe(1);
    expect(otherKey.err).toContain('has a signature that does not match AUDIT_SIGNING_KEY');
    // a purged entry put back is ignored (covered by the checkpoint); one removed after the anchor is not
    await backend.rawDelete(stored[2]!);
    expect((await cliVerify(backend.env)).err).toContain('Entry #3 was removed');
  });
});

describe('audit hash chain on the SQLite store, after a crash', () => {
  it('repairs a head record that lags its entry (written just before a crash), never past a break', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-audit-chain-'));
    try {
      const first = await createSqliteStore({ dataDir, logger });
      const one = await first.appendAudit(buildAudit(minute(1)));
      const two = await first.appendAudit(buildAudit(minute(2)));
      await first.close();
      // as if the process died between writing entry #2 and recording it as the head
      const meta = new Keyv({ store: new NodeSqliteKeyv({ filename: join(dataDir, SQLITE_FILE_NAME), table: 'gdpr_meta' }) });
      await meta.set('store:audit-chain-head', { seq: 1, hash: one.hash, id: one.id });
      await meta.disconnect();

      const second = await createSqliteStore({ dataDir, logger });
      try {
        expect(await second.auditHead()).toEqual({ seq: 2, hash: two.hash, id: two.id });
        expect(await second.appendAudit(buildAudit(minute(3)))).toMatchObject({ seq: 3, prevHash: two.hash });
        expect(await verifyAuditTrail(second)).toMatchObject({ ok: true, entries: 3 });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('audit hash chain on one Redis, from two store instances', () => {
  it('appends concurrently into one chain, never a fork', async () => {
    const backend = await redisBackend();
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    try {
      const appends = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).appendAudit(buildAudit(minute(i), { detail: `n${i}` })));
      const stored = await Promise.all(appends);
      expect(stored.map((e) => e.seq).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await verifyAuditTrail(a)).toMatchObject({ ok: true, entries: 40, head: await b.auditHead() });
    } finally {
      await Promise.all([a.close(), b.close()]);
      await backend.cleanup();
    }
  });
});

describe('npm run audit -- --verify, as a process', () => {
  function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('npx', ['tsx', 'src/cli/audit-export.ts', '--verify'], {
        cwd: new URL('../../..', import.meta.url).pathname,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('exits 0 on an intact chain and 1 naming a tampered entry (Redis)', async () => {
    const backend = await redisBackend();
    try {
      const stored = await chainOfFive(backend);
      const intact = await runCli(backend.env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain(`5 entries verified, head ${stored[4]!.hash}`);
      await backend.rawDelete(stored[3]!);
      await backend.rawWrite({ ...stored[3]!, detail: 'changed' });
      const broken = await runCli(backend.env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`Entry ${stored[3]!.id} (#4)`);
      expect(broken.stderr).toContain('was altered');
    } finally {
      await backend.cleanup();
    }
  }, 60_000);
});
