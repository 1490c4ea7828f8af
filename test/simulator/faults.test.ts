import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import { apiGet, createExport, getToken, manualClock, requestToken, type GdprRequestJson, type GenesysErrorJson } from './sim-test-kit.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const EXPORT_BODY = { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } };

describe('simulator: injected faults', () => {
  let sim: GenesysSimulator;
  let token: string;

  beforeEach(async () => {
    sim = await startGenesysSimulator({ clock: manualClock() });
    token = await getToken(sim);
  });
  afterEach(() => sim.close());

  const settings = () => apiGet(sim, token, '/api/v2/chats/settings');

  it('answers 429 with Retry-After and a Genesys error body, `times` times, then normally', async () => {
    sim.inject({ kind: 'status', status: 429, retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await settings();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('inin-correlation-id')).toBeTruthy();
      expect(await res.json()).toMatchObject({ status: 429, code: 'too.many.requests.retry.after', details: [], errors: [] });
    }
    expect((await settings()).status).toBe(200);
    expect(sim.log.slice(1).map((e) => e.status)).toEqual([429, 429, 200]);
  });

  it.each([500, 502, 503, 504] as const)('answers %i when injected, without doing the work', async (status) => {
    sim.inject({ kind: 'status', status, match: { method: 'POST', path: '/api/v2/gdpr/requests' } });
    expect((await settings()).status).toBe(200); // not matched: left alone
    const res = await createExport(sim, token, EXPORT_BODY);
    expect(res.status).toBe(status);
    expect(((await res.json()) as GenesysErrorJson).status).toBe(status);
    expect(sim.exports()).toHaveLength(0);
    expect((await createExport(sim, token, EXPORT_BODY)).status).toBe(200);
  });

  it('applies to the token endpoint too', async () => {
    sim.inject({ kind: 'status', status: 503, match: { path: '/oauth/token' } });
    expect((await requestToken(sim)).status).toBe(503);
    expect((await requestToken(sim)).status).toBe(200);
  });

  it('delays a matching request while others are answered', async () => {
    sim.inject({ kind: 'delay', ms: 1500, match: { path: '/api/v2/chats/settings' } });
    let delayedDone = false;
    const delayed = settings().then((res) => {
      delayedDone = true;
      return res;
    });
    const other = await apiGet(sim, token, '/api/v2/gdpr/requests');
    expect(other.status).toBe(200);
    expect(delayedDone).toBe(false);
    expect((await delayed).status).toBe(200);
  });

  it('drops the connection without an answer, and logs it', async () => {
    sim.inject({ kind: 'drop', match: { path: '/api/v2/chats/settings' } });
    await expect(settings()).rejects.toThrow();
    expect((await settings()).status).toBe(200);
    expect(sim.log.slice(1).map((e) => [e.path, e.status])).toEqual([
      ['/api/v2/chats/settings', 'dropped'],
      ['/api/v2/chats/settings', 200],
    ]);
  });

  it('drop-after-commit creates the export but loses the answer; the listing shows it', async () => {
    sim.inject({ kind: 'drop-after-commit', match: { method: 'POST' } });
    await expect(createExport(sim, token, EXPORT_BODY)).rejects.toThrow();

    expect(sim.exports()).toEqual([expect.objectContaining({ userId: ALICE, clientId: 'sim-client', status: 'INITIATED' })]);
    const listing = (await (await apiGet(sim, token, '/api/v2/gdpr/requests')).json()) as { entities: GdprRequestJson[] };
    expect(listing.entities.map((e) => e.id)).toEqual([sim.exports()[0]?.id]);
    expect(sim.log.find((e) => e.method === 'POST' && e.path === '/api/v2/gdpr/requests')).toMatchObject({
      status: 'dropped',
      clientId: 'sim-client',
    });
  });

  it('matches paths by pattern, repeats with times: Infinity, and stops after clearFaults()', async () => {
    sim.inject({ kind: 'status', status: 502, times: Infinity, match: { path: /^\/api\/v2\/gdpr\/requests\/[^/]+$/ } });
    const one = () => apiGet(sim, token, '/api/v2/gdpr/requests/abc');
    expect((await one()).status).toBe(502);
    expect((await one()).status).toBe(502);
    expect((await apiGet(sim, token, '/api/v2/gdpr/requests')).status).toBe(200);
    sim.clearFaults();
    expect((await one()).status).toBe(404);
  });

  it('applies faults in the order they were injected', async () => {
    sim.inject({ kind: 'status', status: 503 });
    sim.inject({ kind: 'status', status: 429 });
    expect([(await settings()).status, (await settings()).status, (await settings()).status]).toEqual([503, 429, 200]);
  });

  it('closes promptly while a long-delayed request is pending', async () => {
    sim.inject({ kind: 'delay', ms: 600_000, match: { path: '/api/v2/chats/settings' } });
    const pending = settings();
    await apiGet(sim, token, '/api/v2/gdpr/requests');
    await sim.close();
    await expect(pending).rejects.toThrow();
  });
});
