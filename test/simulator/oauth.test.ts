import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import { apiGet, basic, getToken, manualClock, requestToken, type GenesysErrorJson, type ManualClock } from './sim-test-kit.js';

describe('simulator: OAuth client credentials and bearer tokens', () => {
  let sim: GenesysSimulator;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = manualClock();
    sim = await startGenesysSimulator({ clock, tokenLifetimeSeconds: 600 });
  });
  afterEach(() => sim.close());

  it('issues a bearer token for the right credentials, with the configured lifetime', async () => {
    const res = await requestToken(sim);
    expect(res.status).toBe(200);
    expect(res.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 600 });
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.apiUrl).toBe(sim.baseUrl);
    expect(sim.loginUrl).toBe(sim.baseUrl);
  });

  it('refuses a wrong secret or an unknown client with 401 invalid_client', async () => {
    for (const res of [await requestToken(sim, 'sim-client', 'wrong'), await requestToken(sim, 'nobody', 'sim-secret')]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'invalid_client', description: expect.any(String) });
    }
    const noAuth = await fetch(`${sim.loginUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(noAuth.status).toBe(401);
  });

  it('refuses another grant type, a missing grant and a JSON body with 400', async () => {
    const password = await requestToken(sim, 'sim-client', 'sim-secret', 'grant_type=password');
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });

    const missing = await requestToken(sim, 'sim-client', 'sim-secret', 'scope=x');
    expect(missing.status).toBe(400);

    const json = await fetch(`${sim.loginUrl}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basic('sim-client', 'sim-secret'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
  });

  it('accepts a live token and answers 401 once the clock passes its expiry', async () => {
    const token = await getToken(sim);
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(200);
    clock.advance(599_999);
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(200);
    clock.advance(1);
    const expired = await apiGet(sim, token, '/api/v2/chats/settings');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as GenesysErrorJson).code).toBe('bad.credentials');
  });

  it('expireTokens() makes every issued token fail, while new ones work', async () => {
    const first = await getToken(sim);
    const second = await getToken(sim);
    sim.expireTokens();
    expect((await apiGet(sim, first, '/api/v2/chats/settings')).status).toBe(401);
    expect((await apiGet(sim, second, '/api/v2/chats/settings')).status).toBe(401);
    const fresh = await getToken(sim);
    expect((await apiGet(sim, fresh, '/api/v2/chats/settings')).status).toBe(200);
  });

  it('answers 401 with a Genesys error body when the bearer token is missing or unknown', async () => {
    const missing = await apiGet(sim, undefined, '/api/v2/gdpr/requests');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('inin-correlation-id')).toBeTruthy();
    const body = (await missing.json()) as GenesysErrorJson;
    expect(body).toMatchObject({ status: 401, code: 'authentication.required', details: [], errors: [] });
    expect(body.contextId).toEqual(expect.any(String));

    const unknown = await apiGet(sim, 'not-a-token', '/api/v2/gdpr/requests');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as GenesysErrorJson).code).toBe('bad.credentials');
  });

  it('logs token requests with the client id but never the token or the body', async () => {
    const token = await getToken(sim);
    await requestToken(sim, 'sim-client', 'wrong');
    await apiGet(sim, token, '/api/v2/chats/settings');
    expect(sim.log.map((e) => [e.method, e.path, e.status, e.clientId])).toEqual([
      ['POST', '/oauth/token', 200, 'sim-client'],
      ['POST', '/oauth/token', 401, undefined],
      ['GET', '/api/v2/chats/settings', 200, 'sim-client'],
    ]);
    expect(JSON.stringify(sim.log)).not.toContain(token);
    expect(JSON.stringify(sim.log)).not.toContain('grant_type');
  });
});
