/**
 * A short-lived mutual-exclusion lock in Redis: `SET key token NX PX ttl`, released only by the
 * token that took it. If the holder dies, the lock expires after `ttlMs` and waiters go on.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';
import { RELEASE_IF_HOLDER, runScript } from './redis-scripts.js';

export interface LockTiming {
  /** how long a lock lives if its holder never releases it */
  ttlMs: number;
  /** how long to wait for a held lock before giving up; above ttlMs so a dead holder's lock lapses first */
  waitMs: number;
}

export class LockWaitTimeoutError extends Error {
  override readonly name = 'LockWaitTimeoutError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** resolves the token that holds the lock */
export async function acquireLock(client: RedisClient, key: string, timing: LockTiming, what = key): Promise<string> {
  const token = randomBytes(12).toString('hex');
  const giveUpAt = Date.now() + timing.waitMs;
  for (let attempt = 0; ; attempt++) {
    const taken = await client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: timing.ttlMs } });
    if (taken === 'OK') return token;
    // jittered, growing pauses: waiters do not hammer Redis or wake in lock-step
    const pause = Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random() / 2);
    if (Date.now() + pause > giveUpAt) {
      throw new LockWaitTimeoutError(
        `${what} stayed locked by another writer for ${timing.waitMs} ms; try again shortly`,
      );
    }
    await sleep(pause);
  }
}

/** resolves whether the lock was still ours to release */
export async function releaseLock(client: RedisClient, key: string, token: string): Promise<boolean> {
  return (await runScript(client, RELEASE_IF_HOLDER, [key], [token])) === 1;
}
