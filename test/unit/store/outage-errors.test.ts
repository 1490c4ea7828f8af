import { describe, expect, it } from 'vitest';
import { isRedisOutage, isSqliteOutage, reportingOutages } from '../../../src/store/outage-errors.js';
import { StoreUnavailableError } from '../../../src/workflow/ports.js';

class FakeStore {
  calls = 0;
  async read(failure?: Error): Promise<number> {
    this.calls += 1;
    if (failure) throw failure;
    return this.calls;
  }
}

describe('reportingOutages', () => {
  it('rethrows an outage as StoreUnavailableError with the driver error as cause', async () => {
    const store = reportingOutages(new FakeStore(), isRedisOutage);
    const driver = Object.assign(new Error('The client is offline'), { name: 'ClientOfflineError' });
    const failure = await store.read(driver).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as StoreUnavailableError).cause).toBe(driver);
  });

  it('passes other failures and results through unchanged, keeping the instance state', async () => {
    const store = reportingOutages(new FakeStore(), isRedisOutage);
    const bug = new TypeError('x is undefined');
    await expect(store.read(bug)).rejects.toBe(bug);
    expect(await store.read()).toBe(2);
    expect(store).toBeInstanceOf(FakeStore);
  });

  it('recognises SQLite outages but not constraint errors', () => {
    expect(isSqliteOutage(Object.assign(new Error('database is locked'), { errcode: 'SQLITE_BUSY' }))).toBe(true);
    expect(isSqliteOutage(new Error('SQLITE_FULL: database or disk is full'))).toBe(true);
    expect(isSqliteOutage(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed'))).toBe(false);
  });
});
