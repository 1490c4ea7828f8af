import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA, MIGRATIONS, StoreTooNewError, planSchemaUpgrade, type Migration } from '../../../src/workflow/migrations.js';
import { deadlineTimer } from '../../../src/workflow/timer-keys.js';
import { createWorld, newCaseInput } from './world.js';

const step = (from: number, to: number): Migration => ({ from, to, summary: `${from}→${to}`, apply: async () => '' });
const record = (version: number) => ({ version, appVersion: 'x', updatedAt: '2026-01-01T00:00:00.000Z' });

describe('planSchemaUpgrade', () => {
  it('initialises an empty store, and reads data without a record as v0.1.0 (schema 1)', () => {
    expect(planSchemaUpgrade(undefined, false)).toEqual({ kind: 'initialise' });
    expect(planSchemaUpgrade(undefined, true, 3, [step(1, 2), step(2, 3)])).toMatchObject({ kind: 'migrate', from: 1, steps: [{ from: 1 }, { from: 2 }] });
  });

  it('does nothing for a current store, runs only the missing steps, and refuses a newer one', () => {
    expect(planSchemaUpgrade(record(3), true, 3, [step(1, 2), step(2, 3)])).toEqual({ kind: 'current' });
    expect(planSchemaUpgrade(record(2), true, 3, [step(1, 2), step(2, 3)])).toMatchObject({ kind: 'migrate', from: 2, steps: [{ from: 2, to: 3 }] });
    expect(planSchemaUpgrade(record(4), true, 3, [])).toEqual({ kind: 'too-new', stored: record(4) });
  });

  it('says so when a step is missing instead of skipping it', () => {
    expect(() => planSchemaUpgrade(record(1), true, 3, [step(2, 3)])).toThrow('No migration from store schema 1');
  });

  it('has a path from v0.1.0 to the current schema', () => {
    const plan = planSchemaUpgrade(undefined, true, CURRENT_SCHEMA, MIGRATIONS);
    expect(plan.kind === 'migrate' && plan.steps.at(-1)?.to).toBe(CURRENT_SCHEMA);
  });

  it('is at schema 4: 1→2 names v0.1.0 data, 2→3 seals the pre-chain audit into its genesis, 3→4 arms deadline reminders', () => {
    expect(CURRENT_SCHEMA).toBe(4);
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(planSchemaUpgrade(record(2), true)).toMatchObject({ kind: 'migrate', from: 2, steps: [{ from: 2, to: 3 }, { from: 3, to: 4 }] });
  });

  it('3→4 gives every open DSAR its deadline timer, and leaves closed cases and other legal bases alone', async () => {
    const world = await createWorld({ config: { requireApproval: false } });
    const made = await Promise.all([
      world.workflow.requestExport(newCaseInput(1, { caseReference: 'open DSAR' })),
      world.workflow.requestExport(newCaseInput(1, { caseReference: 'legal hold', legalBasis: 'legal_hold' })),
      world.workflow.requestExport(newCaseInput(1, { caseReference: 'to close' })),
    ]);
    const [dsar, hold, closed] = made.map((r) => (r.ok ? r.value : undefined));
    if (!dsar || !hold || !closed) throw new Error('setup failed');
    await world.store.updateCase(closed.id, (c) => ({ ...c, state: 'completed' }));
    // as v0.1.0 left them: no deadline timer anywhere
    for (const c of [dsar, hold, closed]) await world.store.clearTimer(deadlineTimer(c.id));

    const step = MIGRATIONS.find((m) => m.from === 3)!;
    expect(await step.apply(world.store, world.clock)).toBe('1 open case(s) with a GDPR deadline will be checked for reminders');
    const due = await world.store.dueTimers(world.clock.now(), 100);
    expect(due.filter((k) => k.startsWith('deadline:'))).toEqual([deadlineTimer(dsar.id)]);
  });
});

describe('StoreTooNewError', () => {
  it('names both versions and what to do, in one sentence', () => {
    const e = new StoreTooNewError({ version: 3, appVersion: '0.3.0', updatedAt: '' }, '0.2.0', 2);
    expect(e.message).toBe(
      'The store was written by gdpr-export-bot 0.3.0 (store schema 3), but this is 0.2.0, which understands store schema 2 at most: run 0.3.0 or later, or restore the backup taken before the upgrade.',
    );
  });
});
