/**
 * The bot in this process (startApp, Bolt in HTTP mode) on our private Redis, with the fake Slack and
 * the Genesys simulator: for the input tables, where starting a child process per case would only
 * cost time. Same wiring as the e2e harness, except the Redis server is the suite's own.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createSlackSender, startFakeSlack, type FakeSlack, type SlackSender } from '../../../dev/fake-slack/index.js';
import { startGenesysSimulator, type GenesysSimulator } from '../../../dev/genesys-simulator/index.js';
import { startApp, type RunningApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { createRedisStore } from '../../../src/store/index.js';
import { APPROVER_1, APPROVER_2, REQUESTER, REQUESTER_AND_APPROVER, REQUESTER_GROUP, SLACK_USERS, TEAM } from '../../e2e/harness.js';
import { saveArtifact } from './ledger.js';
import type { PrivateRedis } from './redis-server.js';
import { dumpPrefix, SIGNING_SECRET, startLoginTap, STATIC_SECRETS } from './world.js';

export interface InProcessBot {
  fake: FakeSlack;
  sim: GenesysSimulator;
  app: RunningApp;
  sender: SlackSender;
  logLines: string[];
  prefix: string;
  close(): Promise<void>;
}

export async function startInProcessBot(redis: PrivateRedis, label: string): Promise<InProcessBot> {
  const fake = await startFakeSlack({
    users: SLACK_USERS,
    usergroups: { [REQUESTER_GROUP]: [REQUESTER, REQUESTER_AND_APPROVER] },
    channels: ['C0GENERAL', 'C0APPROVALS'],
  });
  const sim = await startGenesysSimulator({ exportDurationMs: 1_500 });
  const issuedTokens = new Set<string>();
  const loginTap = await startLoginTap(sim, issuedTokens);
  const prefix = `gdpr-reliability:${label}:${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_TEAM_ID: TEAM,
    PORT: '0',
    GENESYS_CLIENT_ID: 'sim-client',
    GENESYS_CLIENT_SECRET: 'sim-secret',
    GENESYS_API_URL: sim.apiUrl,
    GENESYS_LOGIN_URL: loginTap.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    GDPR_REQUESTERS: `${REQUESTER_GROUP},${REQUESTER}`,
    GDPR_APPROVERS: `${APPROVER_1},${APPROVER_2},${REQUESTER_AND_APPROVER}`,
    POLL_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '2',
    LOG_LEVEL: 'debug',
  });
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });
  const store = await createRedisStore({ url: redis.url, prefix, logger });
  const app = await startApp({ config, logger, store, workerTickMs: 100, instanceId: label, slackClientOptions: { retryConfig: { retries: 1, factor: 1, minTimeout: 50, maxTimeout: 100 } } });
  const sender = createSlackSender({ appUrl: `http://127.0.0.1:${app.port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrlBase: fake.responseUrlBase, teamId: TEAM });
  let closed = false;
  return {
    fake,
    sim,
    app,
    sender,
    logLines,
    prefix,
    async close() {
      if (closed) return;
      closed = true;
      await app.stop();
      const secrets = [...STATIC_SECRETS, ...issuedTokens];
      saveArtifact(`${label}-log`, logLines, secrets);
      saveArtifact(`${label}-store`, await dumpPrefix(redis.url, prefix), secrets);
      await store.close();
      await loginTap.close();
      await fake.close();
      await sim.close();
    },
  };
}
