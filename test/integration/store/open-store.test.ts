import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { capturingLogger, deletePrefix } from './redis-test-support.js';

describe('openStore', () => {
  it('opens the embedded SQLite store in DATA_DIR when REDIS_URL is unset, and says so once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-open-store-'));
    const { logger, lines } = capturingLogger();
    const store = await openStore({ redisPrefix: 'gdpr-export:', dataDir }, logger);
    try {
      expect(store.kind).toBe('sqlite');
      const infos = lines.filter((l) => l.level === 30);
      expect(infos).toHaveLength(1);
      expect(infos[0]?.msg).toBe(`Store: ${store.description}`);
      expect(store.description).toContain(dataDir);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('opens Redis when REDIS_URL is set, and says so once', async () => {
    const prefix = testRedisPrefix('open');
    const { logger, lines } = capturingLogger();
    const store = await openStore({ redisUrl: testRedisUrl(), redisPrefix: prefix, dataDir: '/nonexistent' }, logger);
    try {
      expect(store.kind).toBe('redis');
      expect(lines.filter((l) => l.level === 30).map((l) => l.msg)).toEqual([`Store: ${store.description}`]);
      expect(store.description).toContain(`(prefix ${prefix})`);
    } finally {
      await store.close();
      await deletePrefix(testRedisUrl(), prefix);
    }
  });
});
