import { describe, expect, it } from 'vitest';
import { createTokenProvider, refreshMarginMs } from '../../../src/genesys/token-provider.js';
import type { TokenResponse } from '../../../src/genesys/models.js';
import { fakeClock } from './support.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function countingLogin(expiresIn = 3600) {
  let calls = 0;
  const login = async (): Promise<TokenResponse> => {
    calls++;
    return { access_token: `token-${calls}`, token_type: 'bearer', expires_in: expiresIn };
  };
  return { login, calls: () => calls };
}

describe('refreshMarginMs', () => {
  it('is a minute for long tokens and a tenth of the lifetime for short ones', () => {
    expect(refreshMarginMs(86_400_000)).toBe(60_000);
    expect(refreshMarginMs(300_000)).toBe(30_000);
    expect(refreshMarginMs(2_000)).toBe(200);
  });
});

describe('createTokenProvider', () => {
  it('logs in once and serves the cached token until the refresh margin', async () => {
    const clock = fakeClock();
    const { login, calls } = countingLogin(3600);
    const tokens = createTokenProvider({ login, clock });

    expect(tokens.isUsable()).toBe(false);
    expect(await tokens.getToken()).toBe('token-1');
    expect(tokens.isUsable()).toBe(true);
    clock.advance(3600_000 - 60_000 - 1);
    expect(await tokens.getToken()).toBe('token-1');
    expect(calls()).toBe(1);

    clock.advance(1); // inside the last minute: refresh before Genesys would refuse it
    expect(tokens.isUsable()).toBe(true);
    expect(await tokens.getToken()).toBe('token-2');
    expect(calls()).toBe(2);
  });

  it('reports an expired token as unusable', async () => {
    const clock = fakeClock();
    const tokens = createTokenProvider({ login: countingLogin(60).login, clock });
    await tokens.getToken();
    clock.advance(60_000);
    expect(tokens.isUsable()).toBe(false);
  });

  it('shares one in-flight login among concurrent callers', async () => {
    const clock = fakeClock();
    const gate = deferred<TokenResponse>();
    let calls = 0;
    const tokens = createTokenProvider({
      clock,
      login: () => {
        calls++;
        return gate.promise;
      },
    });
    const all = Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
    gate.resolve({ access_token: 'shared', expires_in: 3600 });
    expect(await all).toEqual(Array(10).fill('shared'));
    expect(calls).toBe(1);
  });

  it('passes a failed login to every waiting caller and tries again on the next call', async () => {
    const clock = fakeClock();
    let calls = 0;
    const tokens = createTokenProvider({
      clock,
      login: async () => {
        calls++;
        if (calls === 1) throw new Error('refused');
        return { access_token: 'second', expires_in: 3600 };
      },
    });
    const results = await Promise.allSettled([tokens.getToken(), tokens.getToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await tokens.getToken()).toBe('second');
    expect(calls).toBe(2);
  });

  it('invalidate(rejected) forgets only that token', async () => {
    const clock = fakeClock();
    const { login, calls } = countingLogin();
    const tokens = createTokenProvider({ login, clock });
    await tokens.getToken();
    tokens.invalidate('token-1');
    expect(tokens.isUsable()).toBe(false);
    expect(await tokens.getToken()).toBe('token-2');
    tokens.invalidate('token-1'); // a late 401 for the old token must not discard the new one
    expect(await tokens.getToken()).toBe('token-2');
    expect(calls()).toBe(2);
  });

  it('refresh() logs in even with a valid token cached', async () => {
    const clock = fakeClock();
    const { login, calls } = countingLogin();
    const tokens = createTokenProvider({ login, clock });
    await tokens.getToken();
    expect(await tokens.refresh()).toBe('token-2');
    expect(calls()).toBe(2);
  });

  it('counts the lifetime from before the login, so a slow login does not stretch it', async () => {
    const clock = fakeClock();
    const tokens = createTokenProvider({
      clock,
      login: async () => {
        clock.advance(30_000); // the login itself took 30 s
        return { access_token: 'slow', expires_in: 60 };
      },
    });
    await tokens.getToken();
    clock.advance(29_999);
    expect(tokens.isUsable()).toBe(true);
    clock.advance(1);
    expect(tokens.isUsable()).toBe(false);
  });
});
