/**
 * A data directory written by v0.1.0 (its store was `@keyv/sqlite` over the `sqlite3` addon) opens
 * with today's store on `node:sqlite` and reads back everything, unchanged. The file was made once
 * by `test/fixtures/v0.1.0-store/make-fixture.ts` running v0.1.0's own code.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../../src/store/index.js';
import type { EmbeddedStore } from '../../../src/store/index.js';
import {
  AUDIT,
  AWAITING,
  COMPLETED_BEFORE,
  META,
  PENDING_NOTIFICATION,
  SENT_NOTIFICATION,
  TIMERS,
  complete,
} from '../../fixtures/v0.1.0-store/contents.js';
import { collect } from './store-fixtures.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/v0.1.0-store', SQLITE_FILE_NAME);
const FAR_FUTURE = new Date('2100-01-01T00:00:00.000Z');

describe('a SQLite store written by v0.1.0', () => {
  let dataDir: string;
  let store: EmbeddedStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gdpr-v010-store-'));
    await copyFile(FIXTURE, join(dataDir, SQLITE_FILE_NAME));
    store = await createSqliteStore({ dataDir, logger: pino({ level: 'silent' }) });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads its cases, indexes, timers, outbox, audit trail and meta unchanged', async () => {
    const completed = await store.getCase(COMPLETED_BEFORE.id);
    expect(await store.getCase(AWAITING.id)).toEqual(AWAITING);
    expect(completed).toEqual({ ...complete(COMPLETED_BEFORE), version: 2, updatedAt: completed?.updatedAt });
    expect((await store.listCasesByRequester('U0DANA')).map((c) => c.id)).toEqual([COMPLETED_BEFORE.id, AWAITING.id]);
    expect((await store.listCasesAwaitingApproval()).map((c) => c.id)).toEqual([AWAITING.id]);
    expect(await store.dueTimers(FAR_FUTURE, 10)).toEqual(Object.keys(TIMERS));
    expect(await store.dueNotifications(FAR_FUTURE, 10)).toEqual([PENDING_NOTIFICATION]);
    expect(await store.getNotification(SENT_NOTIFICATION.id)).toEqual(SENT_NOTIFICATION);
    expect(await collect(store.readAudit(new Date(0)))).toEqual(AUDIT);
    expect(await store.getMeta(META.key)).toEqual(META.value);
  });

  it('goes on from there: the old records update, and new ones sit beside them', async () => {
    expect(await store.enqueueNotification(PENDING_NOTIFICATION)).toBe(false);
    const update = await store.updateCase(AWAITING.id, (c) => ({ ...c, caseReference: 'DSAR-OLD-1-edited' }));
    expect(update?.updated.version).toBe(2);
    await store.deleteCase(COMPLETED_BEFORE.id);
    await store.close();

    store = await createSqliteStore({ dataDir, logger: pino({ level: 'silent' }) });
    expect((await store.getCase(AWAITING.id))?.caseReference).toBe('DSAR-OLD-1-edited');
    expect(await store.getCase(COMPLETED_BEFORE.id)).toBeUndefined();
    expect(await store.dueTimers(FAR_FUTURE, 10)).toEqual([`approval-expire:${AWAITING.id}`]);
    expect(await store.getNotification(SENT_NOTIFICATION.id)).toBeUndefined();
  });
});
