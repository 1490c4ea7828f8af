/**
 * Building the app is apart from starting it: buildApp() wires store, Genesys client, workflow,
 * worker and Slack listeners without a Slack call, a Genesys call, a migration or an open port;
 * start() then checks the Slack identity, migrates, listens and serves.
 */
import { createServer, request, type Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { createSlackSender, startFakeSlack, type FakeSlack } from '../../dev/fake-slack/index.js';
import { buildApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMemoryStore } from '../../src/store/index.js';
import { SCHEMA_META_KEY } from '../../src/workflow/migrations.js';
import type { WorkflowStore } from '../../src/workflow/ports.js';
import { REQUESTER, SIGNING_SECRET, SLACK_USERS, TEAM } from './harness.js';

const opened: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

/** a stand-in for Genesys that only counts what reaches it */
async function countingGenesys(): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({ close: () => closeQuietly(server) });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits };
}

/** a port nothing listens on right now */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await closeQuietly(server);
  return port;
}

function closeQuietly(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function get(port: number, path: string): Promise<{ status: number; body: string } | { refused: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ refused: e.code ?? e.message }));
    req.end();
  });
}

async function build(): Promise<{ app: BuiltApp; slack: FakeSlack; genesysHits: string[]; port: number; store: WorkflowStore }> {
  const slack = await startFakeSlack({ users: SLACK_USERS, channels: ['C0GENERAL'] });
  opened.push(slack);
  const genesys = await countingGenesys();
  const port = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_TEAM_ID: TEAM,
    PORT: String(port),
    GENESYS_CLIENT_ID: 'client',
    GENESYS_CLIENT_SECRET: 'secret',
    GENESYS_API_URL: genesys.url,
    GENESYS_LOGIN_URL: genesys.url,
    GDPR_REQUESTERS: REQUESTER,
    GDPR_APPROVERS: 'U0APPROVER1',
  });
  const store = await createMemoryStore();
  const app = await buildApp({ config, logger: createLogger({ level: 'silent' }), store, workerTickMs: 100 });
  opened.push({ close: () => store.close() });
  opened.push({ close: () => app.stop() });
  return { app, slack, genesysHits: genesys.hits, port, store };
}

it('building calls no one, opens no port and runs no migration', async () => {
  const { app, slack, genesysHits, port, store } = await build();

  expect(app.bolt).toBeDefined();
  // a call fired while building would be under way now: give it time to land before asserting none did
  await new Promise((r) => setTimeout(r, 300));
  expect(slack.calls.map((c) => c.method)).toEqual([]);
  expect(genesysHits).toEqual([]);
  expect(await get(port, '/healthz')).toEqual({ refused: 'ECONNREFUSED' });
  expect(await store.getMeta(SCHEMA_META_KEY)).toBeUndefined();
});

it('start() then asks Slack who the bot is once, migrates, listens and serves the slash command', async () => {
  const { app, slack, port, store } = await build();

  const running = await app.start();
  expect(running.port).toBe(port);
  expect(slack.callsTo('auth.test')).toHaveLength(1);
  expect(await store.getMeta(SCHEMA_META_KEY)).toMatchObject({ version: expect.any(Number) });
  expect(await get(port, '/healthz')).toMatchObject({ status: 200 });

  const sender = createSlackSender({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrlBase: slack.responseUrlBase, teamId: TEAM });
  const res = await sender.command({ text: 'help', userId: REQUESTER });
  expect(res.status).toBe(200);
  await slack.waitFor('response_url', () => slack.callsTo('response_url').length > 0);
  expect(await app.start(), 'a second start() returns the running app').toBe(running);
});

it('a built app stopped before it started cannot be started', async () => {
  const { app, slack, port } = await build();

  await app.stop();
  await expect(app.start()).rejects.toThrow(/stopped before it started/);
  expect(slack.calls).toEqual([]);
  expect(await get(port, '/healthz')).toEqual({ refused: 'ECONNREFUSED' });
});
