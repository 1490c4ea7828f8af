import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createRedisStore } from '../../../src/store/index.js';
import { StoreUnavailableError } from '../../../src/workflow/ports.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { buildCase } from './store-fixtures.js';
import { deletePrefix, startProxy } from './redis-test-support.js';

const silent = pino({ level: 'silent' });

describe('redis store outage', () => {
  it('throws the coded StoreUnavailableError while Redis does not answer', async () => {
    const proxy = await startProxy(testRedisUrl());
    const prefix = testRedisPrefix('outage-code');
    const store = await createRedisStore({ url: proxy.url, prefix, logger: silent });
    try {
      const c = buildCase();
      await store.createCase(c);
      proxy.cut();
      const failure = await store.getCase(c.id).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect(failure).toMatchObject({ code: 'store_unavailable' });
      proxy.restore();
    } finally {
      await store.close();
      await proxy.close();
      await deletePrefix(testRedisUrl(), prefix);
    }
  });
});
