import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import { apiGet, createExport, exportFor, getToken, manualClock, type GenesysErrorJson } from './sim-test-kit.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';

describe('simulator: permissions', () => {
  let sim: GenesysSimulator;

  beforeEach(async () => {
    sim = await startGenesysSimulator({
      clock: manualClock(),
      exportDurationMs: 0,
      retentionDays: 400,
      clients: [
        { id: 'full', secret: 's1', permissions: ['gdpr:request:add', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view'] },
        { id: 'viewer', secret: 's2', permissions: ['gdpr:request:view'] },
        { id: 'wildcard', secret: 's3', permissions: ['gdpr:*:*'] },
      ],
    });
  });
  afterEach(() => sim.close());

  it('answers 403 missing.permissions naming the permission the operation needs', async () => {
    const token = await getToken(sim, 'viewer', 's2');
    const cases: Array<[Promise<Response>, string]> = [
      [createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } }), 'gdpr:request:add'],
      [apiGet(sim, token, '/api/v2/gdpr/subjects?searchType=EMAIL&searchValue=alice@example.com'), 'gdpr:subject:view'],
      [apiGet(sim, token, '/api/v2/chats/settings'), 'chat:setting:view'],
    ];
    for (const [pending, permission] of cases) {
      const res = await pending;
      expect(res.status).toBe(403);
      const body = (await res.json()) as GenesysErrorJson;
      expect(body.code).toBe('missing.permissions');
      expect(body.message).toContain(`Missing required permission: ${permission}`);
    }
    expect(sim.exports()).toHaveLength(0);
    expect((await apiGet(sim, token, '/api/v2/gdpr/requests')).status).toBe(200);
  });

  it('serves a user’s name to a client with directory:user:view, 404 for an unknown id, 403 without it', async () => {
    sim.setPermissions('full', ['directory:user:view']);
    const token = await getToken(sim, 'full', 's1');
    const res = await apiGet(sim, token, `/api/v2/users/${ALICE}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: ALICE, name: 'Alice Martin' });
    expect((await apiGet(sim, token, '/api/v2/users/00000000-0000-4000-8000-00000000beef')).status).toBe(404);
    const viewer = await getToken(sim, 'viewer', 's2');
    expect((await apiGet(sim, viewer, `/api/v2/users/${ALICE}`)).status).toBe(403);
  });

  it('setPermissions() takes effect on the next call, for tokens already issued', async () => {
    const token = await getToken(sim, 'full', 's1');
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(200);
    sim.setPermissions('full', ['gdpr:request:view']);
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(403);
    sim.setPermissions('full', ['chat:setting:view']);
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(200);
    expect(() => sim.setPermissions('ghost', [])).toThrow(/ghost/);
  });

  it('honours wildcard permission segments', async () => {
    const token = await getToken(sim, 'wildcard', 's3');
    expect((await createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } })).status).toBe(200);
    expect((await apiGet(sim, token, '/api/v2/chats/settings')).status).toBe(403);
  });

  it('lets any gdpr permission resolve a download', async () => {
    const full = await getToken(sim, 'full', 's1');
    const created = await exportFor(sim, full, ALICE);
    const downloadId = sim.exports().find((e) => e.id === created.id)?.downloadIds[0];
    const viewer = await getToken(sim, 'viewer', 's2');
    expect((await apiGet(sim, viewer, `/api/v2/downloads/${downloadId}?issueRedirect=false`)).status).toBe(200);
    sim.setPermissions('viewer', ['chat:setting:view']);
    expect((await apiGet(sim, viewer, `/api/v2/downloads/${downloadId}?issueRedirect=false`)).status).toBe(403);
  });

  it('reports the chat retention settings', async () => {
    const token = await getToken(sim, 'full', 's1');
    const res = await apiGet(sim, token, '/api/v2/chats/settings');
    expect(await res.json()).toEqual({ messageRetentionPeriodDays: 400, reactionsEnabled: true });
  });
});
