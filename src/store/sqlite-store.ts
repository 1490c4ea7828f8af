/**
 * The embedded store on SQLite (Node's built-in `node:sqlite`, through `NodeSqliteKeyv`): one file,
 * one table per collection, so a single instance runs without Redis and loses nothing on restart.
 * The file format is the one v0.1.0 wrote with `@keyv/sqlite`, so its data directory opens as is.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Keyv } from 'keyv';
import type { Logger } from '../logger.js';
import type { Clock } from '../workflow/ports.js';
import { EMBEDDED_COLLECTION_NAMES, EmbeddedStore, type EmbeddedCollections } from './embedded-store.js';
import { NodeSqliteKeyv } from './node-sqlite-keyv.js';
import { isSqliteOutage, reportingOutages } from './outage-errors.js';

export const SQLITE_FILE_NAME = 'gdpr-export.sqlite';

export interface SqliteStoreOptions {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
}

/** each table has its own connection; a write lock held by another process is waited for, not failed */
const BUSY_TIMEOUT_MS = 10_000;
/** rows per query when the store reads its indexes at open */
const ITERATION_PAGE = 1_000;

export async function createSqliteStore(options: SqliteStoreOptions): Promise<EmbeddedStore> {
  const dataDir = resolve(options.dataDir);
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create the data directory ${dataDir} (DATA_DIR): ${(error as Error).message}`, { cause: error });
  }
  const file = join(dataDir, SQLITE_FILE_NAME);

  const adapters: Array<readonly [string, NodeSqliteKeyv]> = [];
  try {
    for (const name of EMBEDDED_COLLECTION_NAMES) {
      const adapter = openTable(file, name);
      adapters.push([name, adapter]);
      if (adapters.length === 1) await enableWriteAheadLog(adapter, options.logger);
    }
  } catch (error) {
    await Promise.allSettled(adapters.map(([, adapter]) => adapter.disconnect()));
    throw new Error(`Cannot open the SQLite store at ${file}: ${(error as Error).message}`, { cause: error });
  }

  const collections = Object.fromEntries(
    adapters.map(([name, adapter]) => [name, new Keyv({ store: adapter, throwOnErrors: true })]),
  ) as unknown as EmbeddedCollections;

  const store = await EmbeddedStore.open(collections, {
    kind: 'sqlite',
    description: `SQLite file ${file} (single instance)`,
    clock: options.clock,
  });
  return reportingOutages(store, isSqliteOutage);
}

function openTable(file: string, collection: string): NodeSqliteKeyv {
  return new NodeSqliteKeyv({
    filename: file,
    table: tableName(collection),
    busyTimeoutMs: BUSY_TIMEOUT_MS,
    iterationLimit: ITERATION_PAGE,
  });
}

/** WAL lets readers go on while one connection writes; it persists in the file once set */
async function enableWriteAheadLog(adapter: NodeSqliteKeyv, logger: Logger): Promise<void> {
  const rows = (await adapter.query('PRAGMA journal_mode=WAL')) as Array<{ journal_mode?: string }>;
  const mode = rows[0]?.journal_mode;
  if (mode !== 'wal') logger.warn({ mode }, 'SQLite did not switch to WAL mode; the store still works, with slower concurrent reads');
}

/** the table names v0.1.0 created: changing one would orphan a deployment's data */
function tableName(collection: string): string {
  return `gdpr_${collection.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}
