/**
 * Start-up's schema check: brings the store to the schema this code writes, once, before the bot
 * serves anything. Migrations run under the worker lease, so of several replicas starting together
 * one migrates and the others wait; a v0.1.0 replica still running holds that lease too, so a new
 * replica waits (not serving, not ready) until every old one has stopped. A store written by newer
 * code is refused with StoreTooNewError.
 */
import type { Logger } from '../logger.js';
import {
  CURRENT_SCHEMA,
  MIGRATIONS,
  SCHEMA_META_KEY,
  StoreTooNewError,
  planSchemaUpgrade,
  schemaRecordSchema,
  type Migration,
  type SchemaRecord,
} from '../workflow/migrations.js';
import type { Clock, WorkflowStore } from '../workflow/ports.js';
import { WORKER_LEASE } from '../workflow/worker.js';

export interface SchemaUpgradeOptions {
  store: WorkflowStore;
  logger: Logger;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** this process in the lease */
  holderId: string;
  appVersion: string;
  /** how long one migration may hold the lease; default 5 min */
  leaseTtlMs?: number;
  /** between two looks while another process holds the lease; default 2 s */
  waitMs?: number;
  /** tests: a schema list of their own */
  current?: number;
  migrations?: readonly Migration[];
}

/** Resolves once the store is at the current schema; what it did is logged. */
export async function ensureStoreSchema(options: SchemaUpgradeOptions): Promise<void> {
  const { store, logger } = options;
  const current = options.current ?? CURRENT_SCHEMA;
  const migrations = options.migrations ?? MIGRATIONS;
  let waitingSince: number | undefined;
  for (;;) {
    const plan = await planFor(store, current, migrations);
    if (plan.kind === 'current') {
      if (waitingSince !== undefined) logger.info({ schema: current }, 'another process brought the store up to date');
      return;
    }
    if (plan.kind === 'too-new') throw new StoreTooNewError(plan.stored, options.appVersion, current);
    if (await store.acquireLease(WORKER_LEASE, options.holderId, options.leaseTtlMs ?? 300_000)) {
      try {
        await upgradeHoldingLease(options, current, migrations);
      } finally {
        await store.releaseLease(WORKER_LEASE, options.holderId);
      }
      return;
    }
    const now = Date.now();
    if (waitingSince === undefined || now - waitingSince > 60_000) {
      waitingSince ??= now;
      logger.info(
        { schema: current, plan: plan.kind },
        'waiting for the worker lease to upgrade the store: another replica holds it (an older version still running?)',
      );
    }
    await options.sleep(options.waitMs ?? 2_000);
  }
}

async function upgradeHoldingLease(options: SchemaUpgradeOptions, current: number, migrations: readonly Migration[]): Promise<void> {
  const { store, logger } = options;
  // read again: another replica may have finished while we waited for the lease
  const plan = await planFor(store, current, migrations);
  if (plan.kind === 'too-new') throw new StoreTooNewError(plan.stored, options.appVersion, current);
  if (plan.kind === 'current') return;
  if (plan.kind === 'initialise') {
    await writeSchema(options, current);
    logger.info({ schema: current }, `new store: initialised at schema ${current}`);
    return;
  }
  for (const step of plan.steps) {
    const outcome = await step.apply(store, options.clock);
    // recorded after each step, so a crash resumes from the last finished one
    await writeSchema(options, step.to);
    logger.info({ from: step.from, to: step.to, outcome }, `store migrated from schema ${step.from} to ${step.to}: ${step.summary}`);
  }
}

async function planFor(store: WorkflowStore, current: number, migrations: readonly Migration[]) {
  const stored = await readSchema(store);
  return planSchemaUpgrade(stored, stored ? true : await store.hasData(), current, migrations);
}

export async function readSchema(store: WorkflowStore): Promise<SchemaRecord | undefined> {
  const raw = await store.getMeta<unknown>(SCHEMA_META_KEY);
  if (raw === undefined) return undefined;
  const parsed = schemaRecordSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The store's schema record is unreadable (${parsed.error.issues[0]?.message ?? 'bad shape'}); restore it from a backup`);
  return parsed.data;
}

async function writeSchema(options: SchemaUpgradeOptions, version: number): Promise<void> {
  const record: SchemaRecord = { version, appVersion: options.appVersion, updatedAt: options.clock.now().toISOString() };
  await options.store.setMeta(SCHEMA_META_KEY, record);
}
