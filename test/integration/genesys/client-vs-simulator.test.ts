/**
 * The Genesys client over real HTTP against the simulator. Client and simulator share one fake
 * clock; the client's sleeps advance it instead of waiting, so retries and expiry cost no time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator, type SimulatorOptions } from '../../../dev/genesys-simulator/index.js';
import { createGenesysClient, type GenesysClient, type GenesysClientOptions } from '../../../src/genesys/client.js';
import { failure } from '../../unit/genesys/support.js';
import { createLogger } from '../../../src/logger.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const ALL_PERMISSIONS = ['gdpr:request:add', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view'];

interface Harness {
  sim: GenesysSimulator;
  client: GenesysClient;
  advance(ms: number): void;
  sleeps: number[];
  logins(): number;
  calls(method: string, path: string): number;
}

let sim: GenesysSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(simOptions: SimulatorOptions = {}, clientOptions: Partial<GenesysClientOptions> = {}): Promise<Harness> {
  let now = Date.parse('2026-03-02T10:00:00.000Z');
  const sleeps: number[] = [];
  sim = await startGenesysSimulator({ clock: { now: () => now }, ...simOptions });
  const started = sim;
  const client = createGenesysClient({
    apiUrl: started.apiUrl,
    loginUrl: started.loginUrl,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    logger: createLogger({ level: 'silent' }),
    clock: { now: () => new Date(now) },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...clientOptions,
  });
  const calls = (method: string, path: string) => started.log.filter((e) => e.method === method && e.path === path).length;
  return {
    sim: started,
    client,
    advance: (ms) => {
      now += ms;
    },
    sleeps,
    logins: () => calls('POST', '/oauth/token'),
    calls,
  };
}

describe('authentication', () => {
  it('caches the token and logs in again shortly before it expires', async () => {
    const h = await start({ tokenLifetimeSeconds: 10 });
    await h.client.getChatRetentionDays();
    h.advance(8_000);
    await h.client.getChatRetentionDays();
    expect(h.logins()).toBe(1);
    h.advance(1_500); // within the last second of the 10 s lifetime
    await h.client.getChatRetentionDays();
    expect(h.logins()).toBe(2);
    expect(h.sim.log.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it('logs in again after a 401 and repeats the call', async () => {
    const h = await start();
    expect(await h.client.getChatRetentionDays()).toBe(3650);
    h.sim.expireTokens();
    expect(await h.client.getChatRetentionDays()).toBe(3650);
    expect(h.logins()).toBe(2);
    expect(h.sim.log.filter((e) => e.path === '/api/v2/chats/settings').map((e) => e.status)).toEqual([200, 401, 200]);
  });

  it('reports a wrong secret as auth_failed', async () => {
    const h = await start({}, { clientSecret: 'wrong' });
    const e = await failure(h.client.verifyCredentials());
    expect(e.code).toBe('auth_failed');
    expect(e.status).toBe(401);
    expect(h.client.tokenUsable()).toBe(false);
  });
});

describe('rate limits and outages', () => {
  it('waits Retry-After on a 429 and retries', async () => {
    const paused: number[] = [];
    const h = await start({}, { onRateLimited: (ms) => paused.push(ms) });
    h.sim.inject({ kind: 'status', status: 429, retryAfterSeconds: 4, match: { method: 'GET', path: '/api/v2/chats/settings' } });
    expect(await h.client.getChatRetentionDays()).toBe(3650);
    expect(h.sleeps).toEqual([4000]);
    expect(paused).toEqual([4000]);
    expect(h.calls('GET', '/api/v2/chats/settings')).toBe(2);
  });

  it('backs off on 5xx and recovers', async () => {
    const h = await start();
    h.sim.inject({ kind: 'status', status: 503, times: 2, match: { path: '/api/v2/chats/settings' } });
    expect(await h.client.getChatRetentionDays()).toBe(3650);
    expect(h.sleeps).toEqual([250, 500]);
  });

  it('gives up as unavailable when the outage outlasts the attempts', async () => {
    const h = await start({}, { retry: { maxAttempts: 3 } });
    h.sim.inject({ kind: 'status', status: 502, times: Infinity, match: { path: '/api/v2/chats/settings' } });
    const e = await failure(h.client.getChatRetentionDays());
    expect(e.code).toBe('unavailable');
    expect(e.status).toBe(502);
    expect(e.genesysCode).toBe('bad.gateway');
    expect(e.correlationId).toEqual(expect.any(String));
    expect(h.calls('GET', '/api/v2/chats/settings')).toBe(3);
  });

  it('treats a slow answer as a timeout', async () => {
    // real time, with a wide margin so a busy machine does not time out the login instead
    const h = await start({}, { timeoutMs: 1_000, retry: { maxAttempts: 1 } });
    await h.client.verifyCredentials();
    h.sim.inject({ kind: 'delay', ms: 10_000, match: { path: '/api/v2/chats/settings' } });
    const e = await failure(h.client.getChatRetentionDays());
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/in time/);
  });
});

describe('createExport never duplicates', () => {
  it('reconciles a POST whose answer was lost after the export was created', async () => {
    const h = await start();
    h.sim.inject({ kind: 'drop-after-commit', match: { method: 'POST', path: '/api/v2/gdpr/requests' } });
    const created = await h.client.createExport(ALICE);
    expect(h.sim.exports()).toHaveLength(1);
    expect(h.sim.exports()[0]?.id).toBe(created.id);
    expect(created.subjectUserId).toBe(ALICE);
    expect(h.calls('POST', '/api/v2/gdpr/requests')).toBe(1);
  });

  it('posts again when the dropped POST created nothing', async () => {
    const h = await start();
    h.sim.inject({ kind: 'drop', match: { method: 'POST', path: '/api/v2/gdpr/requests' } });
    const created = await h.client.createExport(ALICE);
    expect(h.sim.exports().map((x) => x.id)).toEqual([created.id]);
    expect(h.calls('POST', '/api/v2/gdpr/requests')).toBe(2);
  });

  it('finds the export again by user and time', async () => {
    const h = await start();
    const created = await h.client.createExport(ALICE);
    h.advance(60_000);
    expect((await h.client.findExportSince(ALICE, new Date(Date.parse(created.createdDate) - 1000)))?.id).toBe(created.id);
    expect(await h.client.findExportSince(ALICE, new Date(Date.parse(created.createdDate) + 1000))).toBeUndefined();
  });
});

describe('subject search', () => {
  it('finds one user, none, or several sharing an address', async () => {
    const h = await start();
    expect(await h.client.findSubjectsByEmail('alice@example.com')).toEqual([{ userId: ALICE, name: 'Alice Martin' }]);
    expect(await h.client.findSubjectsByEmail('nobody@example.com')).toEqual([]);
    expect(await h.client.findSubjectsByEmail('not an email')).toEqual([]);
    const shared = await h.client.findSubjectsByEmail('shared@example.com');
    expect(shared.map((m) => m.userId).sort()).toEqual(['5a300000-0000-4000-8000-000000000005', '5a300000-0000-4000-8000-000000000006']);
  });
});

describe('downloads', () => {
  it('mints a working signed link, which later expires, and reports an expired export as not_found', async () => {
    const h = await start({ exportDurationMs: 1_000, archivesPerExport: 2, signedUrlTtlMs: 60_000 });
    const created = await h.client.createExport(ALICE);
    expect(created.downloadIds).toEqual([]);
    h.advance(2_000);
    const done = await h.client.getRequest(created.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.downloadIds).toHaveLength(2);

    const link = await h.client.resolveDownload(done.downloadIds[0]!);
    const archive = await fetch(link.url);
    expect(archive.status).toBe(200);
    expect(Buffer.from(await archive.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');

    h.advance(61_000);
    expect((await fetch(link.url)).status).toBe(403);
    const fresh = await h.client.resolveDownload(done.downloadIds[0]!);
    expect((await fetch(fresh.url)).status).toBe(200);

    h.sim.expireExport(created.id);
    const e = await failure(h.client.resolveDownload(done.downloadIds[1]!));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/expired/);
  });
});

describe('permissions', () => {
  it('names a missing permission and probes each one', async () => {
    const h = await start();
    h.sim.setPermissions('sim-client', ALL_PERMISSIONS.filter((p) => p !== 'gdpr:subject:view' && p !== 'chat:setting:view'));
    const e = await failure(h.client.findSubjectsByEmail('alice@example.com'));
    expect(e.code).toBe('permission_missing');
    expect(e.permission).toBe('gdpr:subject:view');
    expect(e.genesysCode).toBe('missing.permissions');
    expect(await h.client.getChatRetentionDays()).toBeUndefined();
    expect(await h.client.probePermission('gdpr:request:view')).toBe('ok');
    expect(await h.client.probePermission('gdpr:subject:view')).toBe('missing');
    expect(await h.client.probePermission('chat:setting:view')).toBe('missing');

    h.sim.setPermissions('sim-client', ['gdpr:request:view']);
    const post = await failure(h.client.createExport(ALICE));
    expect(post.permission).toBe('gdpr:request:add');
    expect(h.sim.exports()).toHaveLength(0);
  });
});
