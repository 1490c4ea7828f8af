import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/index.js';
import { createCallBudget } from '../../../src/workflow/rate-budget.js';
import { FakeClock } from './fakes.js';

async function setup(perMinute: number) {
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');
  const store = await createMemoryStore({ clock });
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    clock.advance(ms);
  };
  return { clock, store, slept, sleep, budget: createCallBudget({ store, name: 'genesys', perMinute, clock, sleep }) };
}

describe('createCallBudget', () => {
  it('lets calls through at once while the window has room', async () => {
    const { budget, slept } = await setup(3);
    await budget.acquire();
    await budget.acquire();
    await budget.acquire();
    expect(slept).toEqual([]);
  });

  it('waits, in short steps, for the next window once the budget is spent', async () => {
    const { budget, slept, clock } = await setup(2);
    await budget.acquire();
    await budget.acquire();
    await budget.acquire();
    expect(clock.now().toISOString()).toBe('2025-03-03T09:01:00.000Z');
    expect(slept.every((ms) => ms <= 1000)).toBe(true);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('shares the budget between two callers on one store (two replicas)', async () => {
    const { store, clock, slept, sleep } = await setup(2);
    const a = createCallBudget({ store, name: 'genesys', perMinute: 2, clock, sleep });
    const b = createCallBudget({ store, name: 'genesys', perMinute: 2, clock, sleep });
    await a.acquire();
    await b.acquire();
    expect(slept).toEqual([]);
    await b.acquire();
    expect(slept.length).toBeGreaterThan(0);
  });

  it('after a pause nobody calls before it ends, on any replica', async () => {
    const { store, clock, sleep, budget } = await setup(100);
    budget.pause(5_000);
    await new Promise((r) => setImmediate(r)); // let the shared mark be written
    const other = createCallBudget({ store, name: 'genesys', perMinute: 100, clock, sleep });
    const start = clock.now().getTime();
    await other.acquire();
    expect(clock.now().getTime() - start).toBe(5_000);
  });

  it('honours its own pause at once, before the store write lands', async () => {
    const { clock, budget } = await setup(100);
    budget.pause(3_000);
    const start = clock.now().getTime();
    await budget.acquire();
    expect(clock.now().getTime() - start).toBe(3_000);
  });
});
