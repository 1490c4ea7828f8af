import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/index.js';
import { describeStoreContract } from './store-contract.js';
import { buildCase } from './store-fixtures.js';

describeStoreContract('memory', async () => {
  const store = await createMemoryStore();
  return { store, cleanup: () => store.close() };
});

describe('memory store', () => {
  it('stamps updatedAt from the clock it is given', async () => {
    const store = await createMemoryStore({ clock: { now: () => new Date('2031-05-06T07:08:09.000Z') } });
    const c = buildCase();
    await store.createCase(c);
    const result = await store.updateCase(c.id, (cur) => cur);
    expect(result?.updated.updatedAt).toBe('2031-05-06T07:08:09.000Z');
    expect(store.kind).toBe('memory');
  });

  it('keeps stores apart', async () => {
    const one = await createMemoryStore();
    const two = await createMemoryStore();
    await one.createCase(buildCase({ id: 'GX-SHARED' }));
    expect(await two.getCase('GX-SHARED')).toBeUndefined();
  });

  it('hands out copies, so changing a returned case changes nothing stored', async () => {
    const store = await createMemoryStore();
    const c = buildCase();
    await store.createCase(c);
    const read = await store.getCase(c.id);
    read!.caseReference = 'changed outside';
    const result = await store.updateCase(c.id, (cur) => cur);
    result!.updated.subjects[0]!.checks = 42;
    expect(await store.getCase(c.id)).toEqual({ ...c, version: 2, updatedAt: result!.updated.updatedAt });
  });
});
