/**
 * The store check: Redis answers, or the embedded store's file can be written. It opens and closes
 * its own connection; with the embedded store, run it while the bot is stopped (one process per
 * DATA_DIR).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { createEmbeddedStore, createRedisStore } from '../../store/index.js';
import { describeRedisServer } from '../../store/redis-connection.js';
import { fail, messageOf, pass, type AreaCheck } from './doctor-check.js';

export interface StoreCheckDeps {
  logger: Logger;
  /** how long to wait for Redis; default 5 s */
  redisConnectTimeoutMs?: number;
}

export async function checkStore(config: Config['store'], deps: StoreCheckDeps): Promise<AreaCheck[]> {
  return [config.redisUrl ? await checkRedis(config.redisUrl, config.redisPrefix, deps) : await checkEmbedded(config.dataDir, deps)];
}

async function checkRedis(url: string, prefix: string, deps: StoreCheckDeps): Promise<AreaCheck> {
  let store;
  try {
    store = await createRedisStore({ url, prefix, logger: deps.logger, connectTimeoutMs: deps.redisConnectTimeoutMs ?? 5_000 });
  } catch (e) {
    return fail(
      'redis',
      rootMessage(e),
      'Check REDIS_URL (host, port, password, rediss:// for TLS) and that Redis is running, or unset REDIS_URL to use the embedded store (one replica only).',
    );
  }
  try {
    if (!(await store.ping())) return fail('redis', `Redis at ${describeRedisServer(url)} connected but did not answer PING.`, 'Check the Redis server’s health and its ACL for this user.');
    return pass('redis', `${store.description} answers (several replicas may share it)`);
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function checkEmbedded(dataDir: string, deps: StoreCheckDeps): Promise<AreaCheck> {
  const fix = 'Make DATA_DIR a directory the bot’s user can write (in Docker, mount a volume there), or set REDIS_URL.';
  let store;
  try {
    store = await createEmbeddedStore({ dataDir, logger: deps.logger });
  } catch (e) {
    return fail('embedded store', rootMessage(e), fix);
  }
  const key = `doctor:probe:${randomBytes(6).toString('hex')}`;
  try {
    const written = { at: new Date().toISOString() };
    await store.setMeta(key, written);
    const read = await store.getMeta<typeof written>(key);
    await store.deleteMeta(key);
    if (read?.at !== written.at) return fail('embedded store', `${store.description}: a probe record did not read back as written.`, fix);
    return pass('embedded store', `${store.description} is writable`);
  } catch (e) {
    return fail('embedded store', `${store.description}: ${rootMessage(e)}`, fix);
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** The store factories wrap errors with a fix of their own; the doctor gives its fix separately. */
function rootMessage(e: unknown): string {
  return messageOf(e).replace(/\s*Check REDIS_URL.*$/, '');
}
