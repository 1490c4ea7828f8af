import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../../src/store/index.js';
import { describeStoreContract } from './store-contract.js';
import { buildAudit, buildCase, buildNotification, collect } from './store-fixtures.js';

const silent = pino({ level: 'silent' });

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gdpr-store-test-'));
}

describeStoreContract('sqlite', async () => {
  const dataDir = await tempDir();
  const store = await createSqliteStore({ dataDir, logger: silent });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store on disk', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps cases, indexes, timers, notifications, audit and meta across a reopen', async () => {
    const dataDir = join(root, 'nested', 'data');
    const first = await createSqliteStore({ dataDir, logger: silent });
    const waiting = buildCase({ requesterId: 'U0DANA', createdAt: '2025-02-01T00:00:00.000Z' });
    const done = buildCase({ requesterId: 'U0DANA', createdAt: '2025-02-02T00:00:00.000Z', state: 'completed' });
    await first.createCase(waiting);
    await first.createCase(done);
    await first.updateCase(waiting.id, (c) => ({ ...c, caseReference: 'edited' }));
    await first.setTimer(`approval-expire:${waiting.id}`, new Date('2025-02-04T00:00:00.000Z'));
    await first.setTimer(`purge:${done.id}`, new Date('2025-05-01T00:00:00.000Z'));
    const pending = buildNotification({ nextAttemptAt: '2025-02-01T00:00:00.000Z' });
    const sent = buildNotification({ status: 'sent' });
    await first.enqueueNotification(pending);
    await first.enqueueNotification(sent);
    const entry = buildAudit(new Date('2025-02-01T00:00:00.000Z'), { caseId: waiting.id });
    const stored = await first.appendAudit(entry);
    await first.setMeta('messages', { ts: '1.2' });
    await first.close();

    const second = await createSqliteStore({ dataDir, logger: silent });
    try {
      expect((await second.getCase(waiting.id))?.caseReference).toBe('edited');
      expect((await second.getCase(waiting.id))?.version).toBe(2);
      expect((await second.listCasesByRequester('U0DANA')).map((c) => c.id)).toEqual([done.id, waiting.id]);
      expect((await second.listCasesAwaitingApproval()).map((c) => c.id)).toEqual([waiting.id]);
      // the all-cases listing is rebuilt from the same index records v0.1.0 wrote: no backfill needed
      expect((await second.listCases()).map((c) => c.id)).toEqual([done.id, waiting.id]);
      expect(await second.dueTimers(new Date('2030-01-01T00:00:00.000Z'), 10)).toEqual([
        `approval-expire:${waiting.id}`,
        `purge:${done.id}`,
      ]);
      expect(await second.timerStats()).toEqual({ count: 2, earliest: new Date('2025-02-04T00:00:00.000Z') });
      expect((await second.dueNotifications(new Date('2030-01-01T00:00:00.000Z'), 10)).map((n) => n.id)).toEqual([pending.id]);
      expect(await second.enqueueNotification(pending)).toBe(false);
      expect(await collect(second.readAudit(new Date(0)))).toEqual([stored]);
      expect(await second.auditHead()).toEqual({ seq: 1, hash: stored.hash, id: entry.id });
      expect(await second.getMeta('messages')).toEqual({ ts: '1.2' });

      // deleting after a reopen still finds the case's timers through the rebuilt index
      await second.deleteCase(done.id);
      expect(await second.dueTimers(new Date('2030-01-01T00:00:00.000Z'), 10)).toEqual([`approval-expire:${waiting.id}`]);
    } finally {
      await second.close();
    }
  });

  it('writes one file in the data directory, in WAL mode', async () => {
    const store = await createSqliteStore({ dataDir: root, logger: silent });
    await store.createCase(buildCase());
    await store.close();
    const probe = new DatabaseSync(join(root, SQLITE_FILE_NAME), { readOnly: true });
    try {
      expect(probe.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      probe.close();
    }
    expect(store.description).toContain(join(root, SQLITE_FILE_NAME));
    expect(store.kind).toBe('sqlite');
  });

  it('fails with a readable error when the data directory cannot be made', async () => {
    const notADir = join(root, 'a-file');
    await writeFile(notADir, 'x');
    await expect(createSqliteStore({ dataDir: join(notADir, 'data'), logger: silent })).rejects.toThrow(/Cannot create the data directory .*DATA_DIR/);
  });
});
