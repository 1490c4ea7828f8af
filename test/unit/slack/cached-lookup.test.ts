import { describe, expect, it } from 'vitest';
import { cachedLookup } from '../../../src/slack/cached-lookup.js';

describe('cachedLookup', () => {
  it('answers from the cache until the entry expires, sharing one call among concurrent callers', async () => {
    let now = 0;
    let calls = 0;
    const lookup = cachedLookup(async () => ++calls, 1000, () => now);
    expect(await Promise.all([lookup(), lookup()])).toEqual([1, 1]);
    now = 999;
    expect(await lookup()).toBe(1);
    now = 1000;
    expect(await lookup()).toBe(2);
    expect(calls).toBe(2);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const lookup = cachedLookup(async () => {
      if (fail) throw new Error('unavailable');
      return 'ok';
    }, 60_000);
    await expect(lookup()).rejects.toThrow('unavailable');
    fail = false;
    expect(await lookup()).toBe('ok');
  });
});
