/**
 * Redis for the benchmarks: the test server (TEST_REDIS_URL or 127.0.0.1:6379; nothing is started),
 * a key prefix of our own per run, cleanup of that prefix only, and a command counter over
 * node-redis's diagnostics channels (as test/integration/store/redis-store.test.ts does).
 */
import { randomBytes } from 'node:crypto';
import { tracingChannel } from 'node:diagnostics_channel';
import { createClient } from '@redis/client';

export function benchRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
}

export function benchPrefix(label: string): string {
  return `gdpr-bench:${label}:${randomBytes(6).toString('hex')}:`;
}

/** SCAN + DEL of our prefix only; never FLUSHDB (the server is shared). */
export async function deletePrefix(url: string, prefix: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      const batch = ([] as string[]).concat(keys);
      if (batch.length > 0) deleted += await client.del(batch);
    }
  } finally {
    await client.close();
  }
  return deleted;
}

export interface RedisCommandCount {
  /** commands sent, counting each command inside a MULTI block (not MULTI/EXEC themselves) */
  commands: number;
  /** by key family: the key's first segment after the prefix ('case', 'lock', 'timers', 'budget', …) */
  byFamily: Record<string, number>;
}

interface CommandContext {
  command?: string;
  args?: string[];
  clientId?: string;
}

interface BatchContext {
  batchMode?: string;
  batchSize?: number;
  clientId?: string;
}

/**
 * Counts what this process sends about keys under `prefix` until `stop()`. Commands are traced
 * with their (sanitised) arguments, which always keep the key. A MULTI block is traced as one
 * batch without arguments: it is attributed to the clients seen using our prefix.
 */
export function countRedisCommands(prefix: string): { stop(): RedisCommandCount } {
  const byFamily: Record<string, number> = {};
  const clients = new Set<string>();
  const batches: BatchContext[] = [];
  const ignore = () => undefined;
  const commandChannel = tracingChannel<unknown, CommandContext>('node-redis:command');
  const batchChannel = tracingChannel<unknown, BatchContext>('node-redis:batch');
  const onCommand = {
    start: (ctx: CommandContext) => {
      const key = ctx.args?.find((a) => a.startsWith(prefix));
      if (key === undefined) return;
      if (ctx.clientId !== undefined) clients.add(ctx.clientId);
      const family = key.slice(prefix.length).split(':')[0] || '(prefix)';
      byFamily[family] = (byFamily[family] ?? 0) + 1;
    },
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  const onBatch = {
    // a pipeline's commands are traced one by one (above); a MULTI block's are not
    start: (ctx: BatchContext) => void (ctx.batchMode === 'MULTI' && batches.push(ctx)),
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  commandChannel.subscribe(onCommand);
  batchChannel.subscribe(onBatch);
  return {
    stop() {
      commandChannel.unsubscribe(onCommand);
      batchChannel.unsubscribe(onBatch);
      const ours = batches.filter((b) => b.clientId !== undefined && clients.has(b.clientId));
      if (ours.length > 0) byFamily['(MULTI blocks)'] = ours.reduce((sum, b) => sum + (b.batchSize ?? 0), 0);
      const commands = Object.values(byFamily).reduce((a, b) => a + b, 0);
      return { commands, byFamily };
    },
  };
}
