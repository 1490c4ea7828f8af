import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchFunction } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runDoctor, type DoctorCheck, type DoctorReport } from '../../src/cli/doctor/run-doctor.js';
import { REQUIRED_BOT_SCOPES } from '../../src/cli/doctor/required-scopes.js';
import { DEFAULT_SCOPES, startFakeSlack, type FakeSlack } from '../../dev/fake-slack/index.js';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import { pino } from 'pino';
import { createRedisStore } from '../../src/store/index.js';
import { CURRENT_SCHEMA, SCHEMA_META_KEY } from '../../src/workflow/migrations.js';
import { testRedisPrefix, testRedisUrl } from '../helpers/redis.js';
import { deletePrefix } from '../integration/store/redis-test-support.js';

const BOT_TOKEN = 'xoxb-test-token';
const CLIENT_SECRET = 'sim-secret';

let slack: FakeSlack;
let sim: GenesysSimulator;
let dataDir: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  sim = await startGenesysSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'gdpr-doctor-'));
});

afterAll(async () => {
  await slack.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  sim.setPermissions('sim-client', ['gdpr:request:add', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view', 'directory:user:view']);
});

function envFor(s: { slackUrl: string; simUrl: string }, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'doctor-signing-secret',
    SLACK_API_URL: s.slackUrl,
    SLACK_TEAM_ID: 'T0TEST',
    GENESYS_CLIENT_ID: 'sim-client',
    GENESYS_CLIENT_SECRET: CLIENT_SECRET,
    GENESYS_API_URL: s.simUrl,
    GENESYS_LOGIN_URL: s.simUrl,
    DATA_DIR: dataDir,
    GDPR_REQUESTERS: 'U0REQUESTER',
    GDPR_APPROVERS: 'U0APPROVER',
    ...overrides,
  };
}

const env = (overrides: Record<string, string> = {}) => envFor({ slackUrl: slack.url, simUrl: sim.baseUrl }, overrides);

async function doctor(e: Record<string, string>, extra: { fetch?: FetchFunction } = {}): Promise<DoctorReport & { output: string }> {
  let output = '';
  const report = await runDoctor({ env: e, write: (t) => (output += t), redisConnectTimeoutMs: 1_500, ...extra });
  return { ...report, output };
}

function check(report: DoctorReport, name: string): DoctorCheck {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check named ${name}: ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
}

/** Answers the named Slack methods itself and passes every other call to the real fake. */
function slackMethodsStub(answers: Record<string, object>): FetchFunction {
  return async (url, init) => {
    const method = String(url).split('/').pop() ?? '';
    const answer = answers[method];
    if (answer) return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    return fetch(url, init);
  };
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('runDoctor', () => {
  it('passes a good setup and prints a checklist without secrets', async () => {
    const report = await doctor(env());
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(new Set(report.checks.map((c) => c.area))).toEqual(new Set(['config', 'slack', 'genesys', 'store']));
    for (const name of ['environment', 'bot token', 'workspace', 'bot scopes', 'region', 'login', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view', 'directory:user:view', 'embedded store']) {
      expect(check(report, name).status, name).toBe('pass');
    }
    expect(check(report, 'chat:setting:view').detail).toContain('3650 days');
    expect(check(report, 'gdpr:request:add')).toMatchObject({ status: 'skip', detail: expect.stringContaining('without creating') });
    expect(check(report, 'approval channel').status).toBe('skip');
    expect(check(report, 'socket mode').status).toBe('skip');
    expect(report.output).toMatch(/✓ bot token: valid/);
    expect(report.output).toMatch(/0 failed/);
    expect(report.output).not.toContain(BOT_TOKEN);
    expect(report.output).not.toContain(CLIENT_SECRET);
  });

  it('reports a reachable Redis', async () => {
    const report = await doctor(env({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: testRedisPrefix('doctor') }));
    expect(check(report, 'redis')).toMatchObject({ area: 'store', status: 'pass', detail: expect.stringContaining('Redis') });
  });

  it('lists every configuration problem with its fix and skips the other areas', async () => {
    const report = await doctor({ GENESYS_REGION: 'mars.example', POLL_INTERVAL_SECONDS: 'soon' });
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.every((c) => c.area === 'config' && c.fix)).toBe(true);
    expect(failed.map((c) => c.name)).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'GENESYS_CLIENT_ID', 'GENESYS_CLIENT_SECRET', 'GENESYS_REGION', 'POLL_INTERVAL_SECONDS', 'GDPR_REQUESTERS']),
    );
    expect(check(report, 'GENESYS_REGION').detail).toContain('must be one of');
    for (const area of ['slack', 'genesys', 'store'] as const) {
      expect(report.checks.filter((c) => c.area === area)).toEqual([expect.objectContaining({ status: 'skip', detail: expect.stringContaining('configuration') })]);
    }
    expect(report.output).toMatch(/✗ SLACK_BOT_TOKEN: .*\n\s+fix: /);
  });

  it('fails a bot token Slack refuses, and skips the Slack checks that need it', async () => {
    const report = await doctor(env({ SLACK_BOT_TOKEN: 'xoxb-not-the-right-one' }));
    expect(report.ok).toBe(false);
    expect(check(report, 'bot token')).toMatchObject({ status: 'fail', detail: expect.stringContaining('invalid_auth'), fix: expect.stringContaining('OAuth & Permissions') });
    expect(check(report, 'bot scopes').status).toBe('skip');
    expect(check(report, 'login').status).toBe('pass');
    expect(report.output).not.toContain('xoxb-not-the-right-one');
  });

  it('fails when the token belongs to another workspace than SLACK_TEAM_ID', async () => {
    const report = await doctor(env({ SLACK_TEAM_ID: 'T0ELSEWHERE' }));
    expect(check(report, 'workspace')).toMatchObject({ status: 'fail', detail: expect.stringContaining('T0TEST'), fix: expect.stringContaining('SLACK_TEAM_ID') });
  });

  it('names the missing Slack scopes and how to add them', async () => {
    const narrow = await startFakeSlack({ scopes: DEFAULT_SCOPES.filter((s) => s !== 'files:write' && s !== 'users:read.email') });
    try {
      const report = await doctor(envFor({ slackUrl: narrow.url, simUrl: sim.baseUrl }));
      expect(report.ok).toBe(false);
      expect(check(report, 'bot scopes')).toMatchObject({
        status: 'fail',
        detail: 'missing: users:read.email, files:write',
        fix: expect.stringMatching(/OAuth & Permissions, then reinstall/),
      });
    } finally {
      await narrow.close();
    }
  });

  it('checks the approval channel when Slack lets it, and warns when it cannot', async () => {
    const unverifiable = await doctor(env({ GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' }));
    expect(check(unverifiable, 'approval channel')).toMatchObject({ status: 'warn', fix: expect.stringContaining('/invite') });
    expect(unverifiable.ok).toBe(true);

    const outside = await doctor(env({ GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' }), {
      fetch: slackMethodsStub({ 'conversations.info': { ok: true, channel: { id: 'C0APPROVALS', name: 'gdpr-approvals', is_member: false } } }),
    });
    expect(check(outside, 'approval channel')).toMatchObject({ status: 'fail', detail: expect.stringContaining('#gdpr-approvals'), fix: expect.stringContaining('/invite') });

    const unknown = await doctor(env({ GDPR_APPROVAL_CHANNEL: 'C0NOSUCH' }), { fetch: slackMethodsStub({ 'conversations.info': { ok: false, error: 'channel_not_found' } }) });
    expect(check(unknown, 'approval channel')).toMatchObject({ status: 'fail', fix: expect.stringContaining('channel ID') });

    const member = await doctor(env({ GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' }), {
      fetch: slackMethodsStub({ 'conversations.info': { ok: true, channel: { id: 'C0APPROVALS', name: 'gdpr-approvals', is_member: true } } }),
    });
    expect(check(member, 'approval channel')).toMatchObject({ status: 'pass', detail: '#gdpr-approvals is reachable' });
  });

  it('checks the app token in Socket Mode without printing the connection URL', async () => {
    const socketEnv = env({ SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
    const secretUrl = 'wss://wss.example/link/?ticket=secret-ticket';
    const ok = await doctor(socketEnv, { fetch: slackMethodsStub({ 'apps.connections.open': { ok: true, url: secretUrl } }) });
    expect(check(ok, 'socket mode').status).toBe('pass');
    expect(ok.output).not.toContain('secret-ticket');

    const refused = await doctor(socketEnv, { fetch: slackMethodsStub({ 'apps.connections.open': { ok: false, error: 'invalid_auth' } }) });
    expect(check(refused, 'socket mode')).toMatchObject({ status: 'fail', fix: expect.stringContaining('connections:write') });

    const unsupported = await doctor(socketEnv, { fetch: slackMethodsStub({ 'apps.connections.open': { ok: false, error: 'unknown_method' } }) });
    expect(check(unsupported, 'socket mode').status).toBe('warn');
  });

  it('fails a wrong Genesys secret with the login fix, and skips the permissions', async () => {
    const report = await doctor(env({ GENESYS_CLIENT_SECRET: 'not-the-secret' }));
    expect(report.ok).toBe(false);
    expect(check(report, 'login')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('HTTP 401'),
      fix: expect.stringMatching(/GENESYS_CLIENT_SECRET.*Client Credentials.*GENESYS_REGION/),
    });
    expect(check(report, 'gdpr:subject:view').status).toBe('skip');
    expect(check(report, 'region').detail).toContain(sim.baseUrl);
    expect(report.output).not.toContain('not-the-secret');
  });

  it('fails a missing required Genesys permission and warns about the optional one', async () => {
    sim.setPermissions('sim-client', ['gdpr:request:add', 'gdpr:request:view']);
    const report = await doctor(env());
    expect(report.ok).toBe(false);
    expect(check(report, 'gdpr:request:view').status).toBe('pass');
    expect(check(report, 'gdpr:subject:view')).toMatchObject({ status: 'fail', fix: expect.stringContaining('Add gdpr:subject:view to a role') });
    expect(check(report, 'chat:setting:view')).toMatchObject({ status: 'warn', fix: expect.stringContaining('chat:setting:view') });
    expect(check(report, 'directory:user:view')).toMatchObject({ status: 'warn', detail: expect.stringContaining('name could not be looked up') });
  });

  it('fails an unreachable Redis with the fix', async () => {
    const port = await closedPort();
    const report = await doctor(env({ REDIS_URL: `redis://127.0.0.1:${port}/0` }));
    expect(report.ok).toBe(false);
    expect(check(report, 'redis')).toMatchObject({
      area: 'store',
      status: 'fail',
      detail: expect.stringContaining(`127.0.0.1:${port}`),
      fix: expect.stringContaining('REDIS_URL'),
    });
  });

  it('says what start-up will do with the store schema: start it, migrate v0.1.0 data (warn: back up), refuse a newer one', async () => {
    expect(check(await doctor(env({ DATA_DIR: mkdtempSync(join(dataDir, 'empty-')) })), 'store schema')).toMatchObject({ area: 'store', status: 'pass', detail: expect.stringContaining('empty') });

    const prefix = testRedisPrefix('doctor-schema');
    const store = await createRedisStore({ url: testRedisUrl(), prefix, logger: pino({ level: 'silent' }) });
    try {
      await store.setTimer('purge:GX-AAAAAAAA', new Date('2030-01-01T00:00:00.000Z'));
      const old = await doctor(env({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix }));
      expect(check(old, 'store schema')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^schema 1 \(v0\.1\.0 data\): .* migrates it to schema \d+ when it starts$/), fix: expect.stringContaining('Back the store up') });

      await store.setMeta(SCHEMA_META_KEY, { version: CURRENT_SCHEMA + 1, appVersion: '9.0.0', updatedAt: '2030-01-01T00:00:00.000Z' });
      const newer = await doctor(env({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix }));
      expect(newer.ok).toBe(false);
      expect(check(newer, 'store schema')).toMatchObject({ status: 'fail', detail: expect.stringContaining('written by gdpr-export-bot 9.0.0') });
    } finally {
      await store.close();
      await deletePrefix(testRedisUrl(), prefix);
    }
  });

  it('fails an embedded store whose DATA_DIR cannot be created', async () => {
    // under a regular file: mkdir fails even for root (permissions would not stop root)
    const file = join(dataDir, 'a-file');
    writeFileSync(file, 'not a directory');
    const report = await doctor(env({ DATA_DIR: join(file, 'data') }));
    expect(check(report, 'embedded store')).toMatchObject({ status: 'fail', fix: expect.stringContaining('DATA_DIR') });
  });
});

describe('the required Slack scopes', () => {
  it('are exactly the bot scopes manifest.yml grants', () => {
    const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect([...REQUIRED_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});

describe('npm run doctor', () => {
  function runCli(e: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('npx', ['tsx', 'src/cli/doctor.ts'], {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...e },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout }));
    });
  }

  it('exits 0 when everything passes and 1 when something fails', async () => {
    const [good, bad] = await Promise.all([runCli(env()), runCli(env({ GENESYS_CLIENT_SECRET: 'wrong', DATA_DIR: join(dataDir, 'second') }))]);
    expect(good.stdout).toContain('0 failed');
    expect(good.code).toBe(0);
    expect(bad.stdout).toMatch(/✗ login: .*\n\s+fix: Check GENESYS_CLIENT_ID/);
    expect(bad.code).toBe(1);
  }, 60_000);
});
