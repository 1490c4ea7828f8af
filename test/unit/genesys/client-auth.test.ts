import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API, CLIENT_ID, CLIENT_SECRET, LOGIN, makeRig, mockLogins, failure } from './support.js';

const SETTINGS = '/api/v2/chats/settings';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => nock.cleanAll());
afterEach(() => {
  nock.cleanAll();
});

describe('login', () => {
  it('uses client credentials with Basic auth and a form body, then sends the bearer token', async () => {
    const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    const login = nock(LOGIN, { reqheaders: { authorization: basic, 'content-type': /application\/x-www-form-urlencoded/ } })
      .post('/oauth/token', 'grant_type=client_credentials')
      .reply(200, { access_token: 'tok-abc', token_type: 'bearer', expires_in: 86400 });
    const api = nock(API, { reqheaders: { authorization: 'Bearer tok-abc' } })
      .get(SETTINGS)
      .reply(200, { messageRetentionPeriodDays: 90 });
    const { client } = makeRig();
    expect(await client.getChatRetentionDays()).toBe(90);
    expect(login.isDone() && api.isDone()).toBe(true);
  });

  it('caches the token across calls and refreshes it before it expires', async () => {
    const logins = mockLogins(2, 3600);
    nock(API).get(SETTINGS).times(3).reply(200, { messageRetentionPeriodDays: 30 });
    const { client, clock } = makeRig();
    await client.getChatRetentionDays();
    clock.advance(30 * 60_000);
    await client.getChatRetentionDays();
    expect(logins.count()).toBe(1);
    clock.advance(29 * 60_000 + 1); // inside the last minute of the hour
    await client.getChatRetentionDays();
    expect(logins.count()).toBe(2);
  });

  it('shares one login among 10 concurrent calls', async () => {
    const logins = mockLogins(10);
    nock(API).get(SETTINGS).times(10).reply(200, { messageRetentionPeriodDays: 30 });
    const { client } = makeRig();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.getChatRetentionDays()));
    expect(results).toEqual(Array(10).fill(30));
    expect(logins.count()).toBe(1);
  });

  it('a 401 forgets the token, logs in again once and repeats the call', async () => {
    const logins = mockLogins(2);
    nock(API, { reqheaders: { authorization: 'Bearer token-1' } }).get(SETTINGS).reply(401, { code: 'bad.credentials', status: 401 });
    nock(API, { reqheaders: { authorization: 'Bearer token-2' } }).get(SETTINGS).reply(200, { messageRetentionPeriodDays: 12 });
    const { client } = makeRig();
    expect(await client.getChatRetentionDays()).toBe(12);
    expect(logins.count()).toBe(2);
  });

  it('a second 401 is auth_failed, with no third attempt', async () => {
    const logins = mockLogins(3);
    let calls = 0;
    nock(API)
      .get(SETTINGS)
      .times(3)
      .reply(() => {
        calls++;
        return [401, { code: 'bad.credentials', contextId: 'ctx-401' }, { 'inin-correlation-id': 'corr-401' }];
      });
    const { client } = makeRig();
    const e = await failure(client.getChatRetentionDays());
    expect(e.code).toBe('auth_failed');
    expect(e.status).toBe(401);
    expect(e.contextId).toBe('ctx-401');
    expect(e.correlationId).toBe('corr-401');
    expect(e.message).toMatch(/GENESYS_REGION/);
    expect(calls).toBe(2);
    expect(logins.count()).toBe(2);
  });

  it.each([400, 401])('a %i from /oauth/token is auth_failed with a fix-it message', async (status) => {
    nock(LOGIN).post('/oauth/token').reply(status, { error: 'invalid_client', description: 'bad secret' });
    const api = nock(API).get(SETTINGS).reply(200, {});
    const { client } = makeRig();
    const e = await failure(client.getChatRetentionDays());
    expect(e.code).toBe('auth_failed');
    expect(e.status).toBe(status);
    expect(e.message).toMatch(/GENESYS_CLIENT_ID/);
    expect(e.message).toMatch(/Client Credentials/);
    expect(e.message).toMatch(/GENESYS_REGION/);
    expect(api.isDone()).toBe(false);
  });

  it('a failed login is not retried as if the API had said 401', async () => {
    let logins = 0;
    nock(LOGIN)
      .post('/oauth/token')
      .times(3)
      .reply(() => {
        logins++;
        return [401, {}];
      });
    const { client } = makeRig();
    await failure(client.getChatRetentionDays());
    expect(logins).toBe(1);
  });

  it('a login answer without access_token is unexpected_response', async () => {
    nock(LOGIN).post('/oauth/token').reply(200, { token_type: 'bearer', expires_in: 3600 });
    const { client } = makeRig();
    expect((await failure(client.verifyCredentials())).code).toBe('unexpected_response');
  });

  it('verifyCredentials logs in even with a cached token, and tokenUsable follows expiry', async () => {
    const logins = mockLogins(2, 600);
    const { client, clock } = makeRig();
    expect(client.tokenUsable()).toBe(false);
    await client.verifyCredentials();
    expect(client.tokenUsable()).toBe(true);
    await client.verifyCredentials();
    expect(logins.count()).toBe(2);
    clock.advance(600_000);
    expect(client.tokenUsable()).toBe(false);
  });

  it('awaits the call budget before every HTTP call, the login included', async () => {
    const order: string[] = [];
    nock(LOGIN)
      .post('/oauth/token')
      .reply(200, () => {
        order.push('login');
        return { access_token: 't', expires_in: 3600 };
      });
    nock(API)
      .get(SETTINGS)
      .reply(503)
      .get(SETTINGS)
      .reply(200, () => {
        order.push('settings');
        return { messageRetentionPeriodDays: 1 };
      });
    const { client } = makeRig({
      beforeCall: async () => {
        order.push('budget');
      },
    });
    await client.getChatRetentionDays();
    expect(order).toEqual(['budget', 'login', 'budget', 'budget', 'settings']);
  });
});
