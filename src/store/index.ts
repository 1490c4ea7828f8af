export { createMemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { createSqliteStore, SQLITE_FILE_NAME, type SqliteStoreOptions } from './sqlite-store.js';
export { EmbeddedStore } from './embedded-store.js';
export { createRedisStore, RedisStore, type RedisStoreOptions } from './redis-store.js';
export { openStore } from './open-store.js';
