/**
 * Chooses the store from the configuration: Redis when REDIS_URL is set (any number of
 * instances), else the embedded SQLite store in DATA_DIR (one instance).
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Clock, WorkflowStore } from '../workflow/ports.js';
import { createRedisStore } from './redis-store.js';
import { createSqliteStore } from './sqlite-store.js';

export async function openStore(config: Config['store'], logger: Logger, clock?: Clock): Promise<WorkflowStore> {
  const store = config.redisUrl
    ? await createRedisStore({ url: config.redisUrl, prefix: config.redisPrefix, logger, clock })
    : await createSqliteStore({ dataDir: config.dataDir, logger, clock });
  logger.info({ store: store.kind }, `Store: ${store.description}`);
  return store;
}
