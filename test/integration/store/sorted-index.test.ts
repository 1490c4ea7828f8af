import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SortedIndex, type ScoredKey } from '../../../src/store/sorted-index.js';
import { KeyedMutex } from '../../../src/store/keyed-mutex.js';

/** the obvious, slow model the index must agree with */
function modelRange(model: Map<string, number>, max: number, limit: number): ScoredKey[] {
  return [...model.entries()]
    .map(([key, score]) => ({ key, score }))
    .filter((e) => e.score <= max)
    .sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

describe('SortedIndex', () => {
  it('agrees with a plain sorted list under any sequence of sets and deletes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), score: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: -6, max: 6 }), fc.integer({ min: 0, max: 7 }), (ops, max, limit) => {
        const index = new SortedIndex();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            index.set(o.key, o.score);
            model.set(o.key, o.score);
          } else {
            expect(index.delete(o.key)).toBe(model.delete(o.key));
          }
        }
        expect(index.size).toBe(model.size);
        expect(index.range({ max, limit })).toEqual(modelRange(model, max, limit));
        expect(index.first()).toEqual(modelRange(model, Infinity, 1)[0]);
      }),
    );
  });

  it('pages with a cursor and honours an exclusive upper bound', () => {
    const index = new SortedIndex();
    for (const [key, score] of [['x', 1], ['y', 1], ['z', 2], ['w', 3]] as const) index.set(key, score);
    const page1 = index.range({ max: 3, maxExclusive: true, limit: 2 });
    expect(page1.map((e) => e.key)).toEqual(['x', 'y']);
    const page2 = index.range({ max: 3, maxExclusive: true, after: page1[1], limit: 2 });
    expect(page2.map((e) => e.key)).toEqual(['z']);
    expect(index.range({ min: 2, max: Infinity, limit: 10 }).map((e) => e.key)).toEqual(['z', 'w']);
  });
});

describe('KeyedMutex', () => {
  it('runs tasks for one key one at a time, in order, and survives a failing task', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const task = (name: string, fail = false) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      mutex.run('k', task('1')),
      mutex.run('k', task('2', true)),
      mutex.run('k', task('3')),
    ]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets different keys run side by side', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    let releaseA!: () => void;
    const a = mutex.run('a', async () => {
      events.push('a starts');
      await new Promise<void>((resolve) => (releaseA = resolve));
      events.push('a ends');
    });
    await mutex.run('b', async () => {
      events.push('b runs');
    });
    releaseA();
    await a;
    expect(events).toEqual(['a starts', 'b runs', 'a ends']);
  });
});
