/**
 * The node-redis connection behind the Redis store. Three behaviours matter in production:
 * - while Redis is away, commands fail at once (no offline queue), so callers see a rejected
 *   promise instead of hanging;
 * - the client reconnects on its own, with capped, jittered backoff;
 * - 'error' events always have a listener (an unheard one would crash the process), which logs at
 *   warn at most once per interval so an outage does not flood the log.
 */
import { createClient, type RedisClientType } from '@redis/client';
import type { Logger } from '../logger.js';

export type RedisClient = RedisClientType;

export interface ConnectRedisOptions {
  url: string;
  logger: Logger;
  /** how long start-up may wait for a first connection before giving up; default 10 s */
  connectTimeoutMs?: number;
  /** at most one connection warning per this interval; default 30 s */
  warnIntervalMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 5_000;

/** exponential from 100 ms, capped at 5 s, with jitter so many instances do not reconnect in step */
export function reconnectDelay(retries: number, random: () => number = Math.random): number {
  const base = Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}

export async function connectRedis(options: ConnectRedisOptions): Promise<RedisClient> {
  const where = describeRedisServer(options.url);
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => reconnectDelay(retries) },
  });
  const warn = rateLimitedWarning(options.logger, options.warnIntervalMs ?? 30_000);
  let troubled = false;
  client.on('error', (error: Error) => {
    troubled = true;
    warn(`Redis at ${where} is unreachable or failing; retrying`, error);
  });
  client.on('ready', () => {
    if (troubled) options.logger.info({ redis: where }, 'Redis connection restored');
    troubled = false;
  });

  const connecting = client.connect();
  try {
    await withTimeout(connecting, options.connectTimeoutMs ?? 10_000);
    return client;
  } catch (error) {
    connecting.catch(() => undefined);
    client.destroy();
    throw new Error(
      `Cannot connect to Redis at ${where}: ${(error as Error).message}. Check REDIS_URL and that Redis is running, or unset REDIS_URL to use the embedded store.`,
      { cause: error },
    );
  }
}

/** "127.0.0.1:6379/0": host, port and database, never the user or password */
export function describeRedisServer(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname.replace(/^\//, '') || '0';
    const tls = parsed.protocol === 'rediss:' ? ' (TLS)' : '';
    return `${parsed.hostname}:${parsed.port || '6379'}/${db}${tls}`;
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

/** logs the first problem of each interval, with how many were held back since the last one */
export function rateLimitedWarning(
  logger: Logger,
  intervalMs: number,
  now: () => number = Date.now,
): (message: string, error: Error) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (message, error) => {
    const at = now();
    if (at - lastAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn({ err: { name: error.name, message: error.message }, suppressed }, message);
    lastAt = at;
    suppressed = 0;
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
