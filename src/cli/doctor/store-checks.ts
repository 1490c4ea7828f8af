/**
 * The store check: Redis answers, or the embedded store's file can be written. It opens and closes
 * its own connection; with the embedded store, run it while the bot is stopped (one process per
 * DATA_DIR).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { createSqliteStore, createRedisStore } from '../../store/index.js';
import { describeRedisServer } from '../../store/redis-connection.js';
import { readSchema } from '../../store/schema-upgrade.js';
import { APP_VERSION } from '../../version.js';
import { CURRENT_SCHEMA, StoreTooNewError, planSchemaUpgrade } from '../../workflow/migrations.js';
import type { WorkflowStore } from '../../workflow/ports.js';
import { fail, messageOf, pass, warn, type AreaCheck } from './doctor-check.js';

export interface StoreCheckDeps {
  logger: Logger;
  /** how long to wait for Redis; default 5 s */
  redisConnectTimeoutMs?: number;
}

export async function checkStore(config: Config['store'], deps: StoreCheckDeps): Promise<AreaCheck[]> {
  return config.redisUrl ? checkRedis(config.redisUrl, config.redisPrefix, deps) : checkEmbedded(config.dataDir, deps);
}

/** What start-up will do with the store's format: nothing, start it, migrate it, or refuse it. */
export async function checkSchema(store: WorkflowStore): Promise<AreaCheck> {
  const name = 'store schema';
  try {
    const stored = await readSchema(store);
    const plan = planSchemaUpgrade(stored, stored ? true : await store.hasData());
    switch (plan.kind) {
      case 'current':
        return pass(name, `schema ${CURRENT_SCHEMA}, the one ${APP_VERSION} writes`);
      case 'initialise':
        return pass(name, `empty: ${APP_VERSION} starts it at schema ${CURRENT_SCHEMA}`);
      case 'migrate':
        return warn(
          name,
          `schema ${plan.from} (${stored ? `written by ${stored.appVersion}` : 'v0.1.0 data'}): ${APP_VERSION} migrates it to schema ${CURRENT_SCHEMA} when it starts`,
          'Back the store up before starting this version (README, "Upgrading").',
        );
      case 'too-new':
        return fail(name, new StoreTooNewError(plan.stored, APP_VERSION).message, 'Run the newer version again, or restore the backup taken before it was installed (README, "Upgrading").');
    }
  } catch (e) {
    return fail(name, messageOf(e), 'Restore the store from a backup (README, "Upgrading").');
  }
}

async function checkRedis(url: string, prefix: string, deps: StoreCheckDeps): Promise<AreaCheck[]> {
  let store;
  try {
    store = await createRedisStore({ url, prefix, logger: deps.logger, connectTimeoutMs: deps.redisConnectTimeoutMs ?? 5_000 });
  } catch (e) {
    return [
      fail(
      'redis',
      rootMessage(e),
      'Check REDIS_URL (host, port, password, rediss:// for TLS) and that Redis is running, or unset REDIS_URL to use the embedded store (one replica only).',
      ),
    ];
  }
  try {
    if (!(await store.ping())) return [fail('redis', `Redis at ${describeRedisServer(url)} connected but did not answer PING.`, 'Check the Redis server’s health and its ACL for this user.')];
    return [pass('redis', `${store.description} answers (several replicas may share it)`), await checkSchema(store)];
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function checkEmbedded(dataDir: string, deps: StoreCheckDeps): Promise<AreaCheck[]> {
  const fix = 'Make DATA_DIR a directory the bot’s user can write (in Docker, mount a volume there), or set REDIS_URL.';
  let store;
  try {
    store = await createSqliteStore({ dataDir, logger: deps.logger });
  } catch (e) {
    return [fail('embedded store', rootMessage(e), fix)];
  }
  const key = `doctor:probe:${randomBytes(6).toString('hex')}`;
  try {
    const written = { at: new Date().toISOString() };
    await store.setMeta(key, written);
    const read = await store.getMeta<typeof written>(key);
    await store.deleteMeta(key);
    if (read?.at !== written.at) return [fail('embedded store', `${store.description}: a probe record did not read back as written.`, fix)];
    return [pass('embedded store', `${store.description} is writable`), await checkSchema(store)];
  } catch (e) {
    return [fail('embedded store', `${store.description}: ${rootMessage(e)}`, fix)];
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** The store factories wrap errors with a fix of their own; the doctor gives its fix separately. */
function rootMessage(e: unknown): string {
  return messageOf(e).replace(/\s*Check REDIS_URL.*$/, '');
}
