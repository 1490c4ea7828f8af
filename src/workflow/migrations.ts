/**
 * The stored format's version ("schema") and the steps that move older data forward. Pure: the
 * runner (`src/store/schema-upgrade.ts`) reads the record, asks `planSchemaUpgrade` what to do and
 * runs the steps under the worker lease.
 *
 * Schema 1 is what v0.1.0 (commit 32474e8) wrote; it had no schema record. Add a migration here
 * whenever a change makes older records mean something else; purely additive optional fields need
 * none (absent = unknown), but bump the schema anyway when older code must not read the new data.
 */
import { z } from 'zod';
import { sealAuditGenesis } from './audit.js';
import { effectiveDue } from './deadlines.js';
import type { Clock, WorkflowStore } from './ports.js';
import { isTerminal } from './state-machine.js';
import { deadlineTimer } from './timer-keys.js';

/** the schema this code writes and understands */
export const CURRENT_SCHEMA = 4;
/** the meta record holding the store's schema */
export const SCHEMA_META_KEY = 'schema';

export const schemaRecordSchema = z.object({
  version: z.number().int().positive(),
  /** the bot version that last wrote the record (for the refusal sentence and operators) */
  appVersion: z.string(),
  updatedAt: z.string(),
});
export type SchemaRecord = z.infer<typeof schemaRecordSchema>;

export interface Migration {
  from: number;
  to: number;
  /** one line for the start-up log */
  summary: string;
  /**
   * Rewrites what must change; idempotent (a crash mid-way runs it again). Resolves a short,
   * log-safe account of what it did (counts, never record contents).
   */
  apply(store: WorkflowStore, clock: Clock): Promise<string>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    summary: 'v0.1.0 data gets a schema record; its cases, timers, outbox and audit entries are read as they are',
    apply: async () => 'no record rewritten',
  },
  {
    from: 2,
    to: 3,
    summary: 'audit entries written before the hash chain are sealed into its genesis entry',
    apply: sealPreChainAudit,
  },
  {
    from: 3,
    to: 4,
    summary: 'open data-subject-access cases made before deadline reminders get their reminder timer',
    apply: armDeadlineReminders,
  },
];

/** more open cases than any deployment holds; the listing reads newest first */
const OPEN_CASES_READ_LIMIT = 100_000;

/**
 * Seals the pre-chain (v0.1.0) audit entries at the upgrade, so the genesis hash is recorded at a
 * known moment rather than at the first new entry (which still seals them if this never ran).
 * Idempotent: once the chain has begun there is nothing left to seal.
 */
async function sealPreChainAudit(store: WorkflowStore, clock: Clock): Promise<string> {
  const sealed = await sealAuditGenesis(store, clock);
  if (!sealed) return 'nothing to seal: no audit entry from before the chain, or the chain has begun';
  if (sealed.chain?.kind !== 'genesis') return `the chain's head record was restored from entry #${sealed.seq ?? '?'}`;
  return `${sealed.chain.entries} audit entries from before the chain sealed into genesis entry ${sealed.id}`;
}

/**
 * Cases made before deadline reminders existed (v0.1.0) have no reminder timer, so nothing would
 * remind anyone of a DSAR still open at the upgrade. Each open case with a GDPR deadline gets its
 * timer set to now: the deadline step then works out what is due (the stage reached, or the next
 * one) exactly as for a new case, and sends each reminder once. Idempotent: setting it again only
 * makes the step look again.
 */
async function armDeadlineReminders(store: WorkflowStore, clock: Clock): Promise<string> {
  const now = clock.now();
  let armed = 0;
  for (const c of await store.listCases(OPEN_CASES_READ_LIMIT)) {
    if (isTerminal(c.state) || !effectiveDue(c)) continue;
    await store.setTimer(deadlineTimer(c.id), now);
    armed += 1;
  }
  return `${armed} open case(s) with a GDPR deadline will be checked for reminders`;
}

export type SchemaPlan =
  | { kind: 'current' }
  /** an empty store: written at the current schema from the start */
  | { kind: 'initialise' }
  | { kind: 'migrate'; from: number; steps: Migration[] }
  | { kind: 'too-new'; stored: SchemaRecord };

/** What start-up must do with a store whose record is `stored` (undefined: none yet). */
export function planSchemaUpgrade(
  stored: SchemaRecord | undefined,
  hasData: boolean,
  current = CURRENT_SCHEMA,
  migrations: readonly Migration[] = MIGRATIONS,
): SchemaPlan {
  if (!stored && !hasData) return { kind: 'initialise' };
  // data without a record was written by v0.1.0
  const from = stored?.version ?? 1;
  if (stored && from > current) return { kind: 'too-new', stored };
  if (from === current) return { kind: 'current' };
  const steps: Migration[] = [];
  for (let at = from; at < current; ) {
    const step = migrations.find((m) => m.from === at);
    if (!step || step.to <= at) throw new Error(`No migration from store schema ${at}: the migration list is incomplete`);
    steps.push(step);
    at = step.to;
  }
  return { kind: 'migrate', from, steps };
}

/** A rollback onto a store written by newer code: refused, never read half-understood. */
export class StoreTooNewError extends Error {
  readonly code = 'store_too_new';
  constructor(stored: SchemaRecord, appVersion: string, current = CURRENT_SCHEMA) {
    super(
      `The store was written by gdpr-export-bot ${stored.appVersion} (store schema ${stored.version}), ` +
        `but this is ${appVersion}, which understands store schema ${current} at most: ` +
        `run ${stored.appVersion} or later, or restore the backup taken before the upgrade.`,
    );
    this.name = 'StoreTooNewError';
  }
}
