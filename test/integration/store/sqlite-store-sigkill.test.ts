/**
 * The embedded store's promise to a single instance: a write that returned is on disk. A real
 * process writes cases and timers in a loop and is killed with SIGKILL mid-stream; every write it
 * reported done must be there when the file is opened again, and the file must be sound.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../../src/store/index.js';
import { AWAITING } from '../../fixtures/v0.1.0-store/contents.js';

const storeModule = new URL('../../../src/store/index.ts', import.meta.url).href;
const FAR_FUTURE = new Date('2100-01-01T00:00:00.000Z');

/** writes case n and its timer, then says `stored n`, for ever */
function writerProgram(dataDir: string): string {
  return `
    const { createSqliteStore } = await import('${storeModule}');
    const { pino } = await import('pino');
    const template = ${JSON.stringify(AWAITING)};
    const store = await createSqliteStore({ dataDir: ${JSON.stringify(dataDir)}, logger: pino({ level: 'silent' }) });
    for (let n = 0; ; n += 1) {
      const id = 'GX-KILL' + String(n).padStart(5, '0');
      await store.createCase({ ...template, id });
      await store.setTimer('approval-expire:' + id, new Date(Date.UTC(2025, 1, 4, 0, 0, n)));
      process.stdout.write('stored ' + id + '\\n');
    }`;
}

/** runs the writer until it has reported `count` writes, then SIGKILLs it; returns what it reported */
function writeThenKill(dataDir: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writerProgram(dataDir)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stored: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(stored) : reject(new Error(`writer ended: ${code}`))));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stored.push(line.replace('stored ', ''));
      if (stored.length === count) child.kill('SIGKILL');
    });
  });
}

describe('the SQLite store killed with SIGKILL', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gdpr-sigkill-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every write that returned before the kill, in a sound file', async () => {
    const stored = await writeThenKill(dataDir, 200);

    const probe = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
    try {
      expect(probe.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      probe.close();
    }
    const store = await createSqliteStore({ dataDir, logger: pino({ level: 'silent' }) });
    try {
      const cases = await Promise.all(stored.map((id) => store.getCase(id)));
      expect(cases.map((c) => c?.id)).toEqual(stored);
      const timers = new Set(await store.dueTimers(FAR_FUTURE, 10_000));
      expect(stored.filter((id) => !timers.has(`approval-expire:${id}`))).toEqual([]);
      expect((await store.listCasesAwaitingApproval(10_000)).length).toBeGreaterThanOrEqual(stored.length);
    } finally {
      await store.close();
    }
  });
});
