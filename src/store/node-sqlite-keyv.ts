/**
 * A Keyv store adapter over Node's built-in SQLite (`node:sqlite`), so installing the bot compiles
 * no native addon. It keeps `@keyv/sqlite` 4.0.8's file format exactly: one table per adapter,
 * `key VARCHAR(255) PRIMARY KEY, value TEXT`, keys `namespace:key`, values as Keyv serialised them.
 * A file written by v0.1.0 (which used `@keyv/sqlite`) opens unchanged, and the other way round.
 *
 * `DatabaseSync` runs each statement to completion on the calling thread: there is never a
 * transaction open across an await, so several adapters (connections) on one file do not block each
 * other inside a process; `busyTimeoutMs` covers another process holding the write lock. Each call
 * first lets the event loop turn, so a loop of store calls cannot starve Slack's 3-second acks
 * (a write blocks the thread only for its own commit, about a millisecond).
 */
import { EventEmitter } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

export interface NodeSqliteKeyvOptions {
  /** path of the SQLite file, or ':memory:' */
  filename: string;
  /** table name; sanitised the way `@keyv/sqlite` does it, so the same option gives the same table */
  table?: string;
  /** how long a statement waits for another process's write lock before failing busy */
  busyTimeoutMs?: number;
  /** rows read per query while iterating */
  iterationLimit?: number;
}

/** `@keyv/sqlite`'s defaults: same table and key size when an option is left out */
const DEFAULT_TABLE = 'keyv';
const KEY_SIZE = 255;
const DEFAULT_ITERATION_LIMIT = 10;

type Row = { key: string; value: string };

/** the same table name `@keyv/sqlite` derives from an option: the files must agree */
export function keyvSqliteTableName(input: string): string {
  const sanitized = input.replace(/[^a-zA-Z0-9_]/g, '');
  if (sanitized.length === 0) throw new Error('Invalid table name: must contain alphanumeric characters');
  return /^[a-zA-Z]/.test(sanitized) ? sanitized : `_${sanitized}`;
}

export class NodeSqliteKeyv extends EventEmitter implements KeyvStoreAdapter {
  /** Keyv reads `opts.dialect` to know this adapter can iterate */
  readonly opts: { dialect: 'sqlite'; url: string; table: string; iterationLimit: number };
  readonly ttlSupport = false;
  namespace?: string;

  private readonly db: DatabaseSync;
  private readonly statements: {
    get: StatementSync;
    getMany: StatementSync;
    set: StatementSync;
    delete: StatementSync;
    deleteMany: StatementSync;
    has: StatementSync;
    clearAll: StatementSync;
    clearPrefix: StatementSync;
    page: StatementSync;
  };

  /** opens (or creates) the file and the table; throws at once if either fails */
  constructor(options: NodeSqliteKeyvOptions) {
    super();
    const table = keyvSqliteTableName(options.table ?? DEFAULT_TABLE);
    this.opts = {
      dialect: 'sqlite',
      url: `sqlite://${options.filename}`,
      table,
      iterationLimit: options.iterationLimit ?? DEFAULT_ITERATION_LIMIT,
    };
    this.db = new DatabaseSync(options.filename, { timeout: options.busyTimeoutMs ?? 0 });
    try {
      this.statements = this.prepare(table);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private prepare(table: string): NodeSqliteKeyv['statements'] {
    // byte for byte the statement @keyv/sqlite runs, so a new file looks like one it made
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table}(key VARCHAR(${KEY_SIZE}) PRIMARY KEY, value TEXT )`);
    return {
      get: this.db.prepare(`SELECT value FROM ${table} WHERE key = ?`),
      getMany: this.db.prepare(`SELECT key, value FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`),
      set: this.db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`),
      delete: this.db.prepare(`DELETE FROM ${table} WHERE key = ?`),
      deleteMany: this.db.prepare(`DELETE FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`),
      has: this.db.prepare(`SELECT 1 FROM ${table} WHERE key = ?`),
      clearAll: this.db.prepare(`DELETE FROM ${table}`),
      // an exact prefix: LIKE would treat '_' and '%' in a namespace as wildcards, and ignore case
      clearPrefix: this.db.prepare(`DELETE FROM ${table} WHERE substr(key, 1, length(?1)) = ?1`),
      // keyset paging: rows deleted while iterating (Keyv drops expired ones) do not shift the next page
      page: this.db.prepare(`SELECT key, value FROM ${table} WHERE (?1 IS NULL OR key > ?1) AND substr(key, 1, length(?2)) = ?2 ORDER BY key LIMIT ?3`),
    };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    await nextTurn();
    const row = this.statements.get.get(key) as Pick<Row, 'value'> | undefined;
    return row?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    await nextTurn();
    const rows = this.statements.getMany.all(JSON.stringify(keys)) as Row[];
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key) as StoredData<Value | undefined>);
  }

  async set(key: string, value: unknown): Promise<boolean> {
    await nextTurn();
    this.statements.set.run(key, value as SQLInputValue);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    await nextTurn();
    return Number(this.statements.delete.run(key).changes) > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    await nextTurn();
    return Number(this.statements.deleteMany.run(JSON.stringify(keys)).changes) > 0;
  }

  async has(key: string): Promise<boolean> {
    await nextTurn();
    return this.statements.has.get(key) !== undefined;
  }

  async clear(): Promise<void> {
    await nextTurn();
    if (this.namespace) this.statements.clearPrefix.run(`${this.namespace}:`);
    else this.statements.clearAll.run();
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<[string, Value | undefined]> {
    const prefix = namespace ? `${namespace}:` : '';
    let after: string | null = null;
    for (;;) {
      await nextTurn();
      const rows = this.statements.page.all(after, prefix, this.opts.iterationLimit) as Row[];
      for (const row of rows) yield [row.key, row.value as Value];
      const last = rows[rows.length - 1];
      if (!last || rows.length < this.opts.iterationLimit) return;
      after = last.key;
    }
  }

  /** rows of one statement, for PRAGMAs and probes */
  async query(sql: string, ...parameters: SQLInputValue[]): Promise<unknown[]> {
    await nextTurn();
    return this.db.prepare(sql).all(...parameters);
  }

  async disconnect(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
