/**
 * Lua scripts: each runs atomically in Redis, which is what makes a check-then-write safe across
 * processes. Run by SHA (EVALSHA), falling back to sending the source once Redis has forgotten it.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-connection.js';

export interface LuaScript {
  source: string;
  sha1: string;
}

function lua(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

export async function runScript(client: RedisClient, script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
  const options = { keys, arguments: args.map(String) };
  try {
    return await client.evalSha(script.sha1, options);
  } catch (error) {
    if (!(error as Error).message?.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, options);
  }
}

/** DEL only when the key still holds our token: a holder whose lock expired must not free someone else's */
export const RELEASE_IF_HOLDER = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** take a free lease, or extend it for the holder who has it */
export const ACQUIRE_LEASE = lua(`
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`);

/**
 * KEYS: case, requester index, awaiting index, all-cases index. ARGV: record, score, id, awaiting
 * ('1' or '0'). SET NX refuses an existing id; the indexes are written in the same step.
 */
export const CREATE_CASE = lua(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[3])
if ARGV[4] == '1' then redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3]) end
return 1`);

/**
 * Compare-and-set of a case record. KEYS: case, lock, awaiting index, old requester index, new
 * requester index, all-cases index. ARGV: lock token, expected version, record, id, score, awaiting.
 * Adding to the all-cases index on every update also indexes a case a v0.1.0 replica created.
 * Refuses ('locked') while another writer holds the lock, and ('conflict') when the stored version is
 * not the one read: together they guarantee no lost update even if our lock expired meanwhile.
 */
export const UPDATE_CASE = lua(`
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'locked' end
local current = redis.call('GET', KEYS[1])
if not current then return 'missing' end
if cjson.decode(current).value.version ~= tonumber(ARGV[2]) then return 'conflict' end
redis.call('SET', KEYS[1], ARGV[3])
if KEYS[4] ~= KEYS[5] then redis.call('ZREM', KEYS[4], ARGV[4]) end
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[4])
redis.call('ZADD', KEYS[6], ARGV[5], ARGV[4])
if ARGV[6] == '1' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4]) else redis.call('ZREM', KEYS[3], ARGV[4]) end
return 'ok'`);

/**
 * KEYS: case, requester index, awaiting index, the case's timer set, all timers, the case's outbox
 * set, the outbox due set, the all-cases index. ARGV: id, whether the requester index is known
 * ('1'), the notification key prefix, the outbox kind that outlives its case. Removes the record,
 * its index entries, its timers and its outbox entries but that one.
 */
export const DELETE_CASE = lua(`
redis.call('DEL', KEYS[1])
if ARGV[2] == '1' then redis.call('ZREM', KEYS[2], ARGV[1]) end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[8], ARGV[1])
local timers = redis.call('SMEMBERS', KEYS[4])
for i = 1, #timers, 500 do
  redis.call('ZREM', KEYS[5], unpack(timers, i, math.min(i + 499, #timers)))
end
redis.call('DEL', KEYS[4])
local notifications = redis.call('SMEMBERS', KEYS[6])
for _, id in ipairs(notifications) do
  local record = redis.call('GET', ARGV[3] .. id)
  if record and cjson.decode(record).kind == ARGV[4] then
    -- the clean-up after a purge outlives its case
  else
    redis.call('DEL', ARGV[3] .. id)
    redis.call('ZREM', KEYS[7], id)
    redis.call('SREM', KEYS[6], id)
  end
end
return #timers`);

/**
 * KEYS: record, due set, the case's outbox set. ARGV: record, score, id, due ('1').
 * SET NX makes enqueueing idempotent; the case's set lets deleting the case delete its entries.
 */
export const ENQUEUE_NOTIFICATION = lua(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
if ARGV[4] == '1' then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3]) end
redis.call('SADD', KEYS[3], ARGV[3])
return 1`);

/**
 * KEYS: record, due set. ARGV: record as read, new record, score, id, due ('1').
 * Writes only if nobody changed the record since it was read (the caller retries otherwise).
 */
export const REPLACE_NOTIFICATION = lua(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) else redis.call('ZREM', KEYS[2], ARGV[4]) end
return 1`);

/**
 * Fixed-window counter. KEYS: this window's counter. ARGV: per-window limit, counter ttl (ms),
 * wait until the window turns (ms). Resolves 0 when the call may go, else the wait.
 */
export const TAKE_BUDGET = lua(`
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if used <= tonumber(ARGV[1]) then return 0 end
return tonumber(ARGV[3])`);

/** KEYS: pause mark. ARGV: until (ms), ttl (ms). Keeps the later mark. */
export const EXTEND_PAUSE = lua(`
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`);

/**
 * Appends or replaces one audit entry under a collapse mark, if the mark is still what the caller
 * read. KEYS: audit sorted set, collapse mark. ARGV: mark read ('' = none), member to replace
 * ('' = none), score, new member, new mark, mark ttl (ms). Resolves 0 when the mark changed.
 */
export const COUNT_AUDIT = lua(`
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then redis.call('ZREM', KEYS[1], ARGV[2]) end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('SET', KEYS[2], ARGV[5], 'PX', math.max(1, tonumber(ARGV[6])))
return 1`);

/**
 * One link of the audit chain: add the entry and move the head, only if the head is still the one
 * the writer linked after ('' = none yet). A replica that lost the race re-reads and links again.
 */
export const APPEND_AUDIT_IF_HEAD = lua(`
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], ARGV[4])
return 1`);
