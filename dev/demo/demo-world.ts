/**
 * Everything the demo runs on this machine: the Genesys simulator on a fast clock, the fake Slack,
 * the embedded store in a temporary directory and the real bot (HTTP mode), wired like production
 * through `loadConfig` and `startApp`. Nothing needs a credential; nothing leaves 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Locale } from '../../src/slack/catalog/index.js';
import { createLogger } from '../../src/logger.js';
import { createSlackSender, startFakeSlack, type FakeSlack, type SlackSender } from '../fake-slack/index.js';
import { DEFAULT_SIM_CLIENT, startGenesysSimulator, type GenesysSimulator, type SimRequestLogEntry } from '../genesys-simulator/index.js';
import { APPROVER, REQUESTER, TEAM_ID, demoSlackUsers } from './demo-cast.js';
import { createFastClock, type FastClock } from './fast-clock.js';

const SIGNING_SECRET = 'demo-signing-secret';
const DAY_MS = 86_400_000;

export interface DemoWorldOptions {
  /** how long Genesys takes per export, in simulated time */
  exportDurationMs: number;
  /** lifetime of minted download links, in seconds (real time once the exports are done) */
  linkTtlSeconds: number;
  /** the people's Slack language and the bot's DEFAULT_LOCALE; default en */
  locale?: Locale;
}

export interface DemoWorld {
  clock: FastClock;
  sim: GenesysSimulator;
  slack: FakeSlack;
  app: RunningApp;
  sender: SlackSender;
  /** Genesys calls as the simulator received them (method, path, status; never a query or body) */
  genesysCalls: SimRequestLogEntry[];
  /** warn and error lines of the bot's log (already redacted by the bot's logger) */
  botProblems: string[];
  /** stops the bot and the fake Slack; the simulator keeps serving downloads */
  stopBot(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const clock = createFastClock();
  const genesysCalls: SimRequestLogEntry[] = [];
  const sim = await startGenesysSimulator({
    clock,
    exportDurationMs: options.exportDurationMs,
    // tokens outlive the simulated days, so the bot is not sent to log in again mid-demo
    tokenLifetimeSeconds: (30 * DAY_MS) / 1000,
    signedUrlTtlMs: options.linkTtlSeconds * 1000,
    onRequest: (entry) => genesysCalls.push(entry),
  });
  const slack = await startFakeSlack({ users: demoSlackUsers(options.locale ?? 'en'), teamId: TEAM_ID });
  const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-export-demo-'));

  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_TEAM_ID: TEAM_ID,
    PORT: '0',
    GENESYS_CLIENT_ID: DEFAULT_SIM_CLIENT.id,
    GENESYS_CLIENT_SECRET: DEFAULT_SIM_CLIENT.secret,
    GENESYS_API_URL: sim.apiUrl,
    GENESYS_LOGIN_URL: sim.loginUrl,
    DATA_DIR: dataDir,
    GDPR_REQUESTERS: REQUESTER,
    GDPR_APPROVERS: APPROVER,
    POLL_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '2',
    DOWNLOAD_LINK_TTL_SECONDS: String(options.linkTtlSeconds),
    DEFAULT_LOCALE: options.locale ?? 'en',
  });

  const botProblems: string[] = [];
  const logger = createLogger({
    level: 'warn',
    destination: new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) botProblems.push(describeLogLine(line));
        done();
      },
    }),
  });

  let app: RunningApp;
  try {
    app = await startApp({ config, logger, workerTickMs: 100, slackClientOptions: { retryConfig: { retries: 0 } } });
  } catch (e) {
    await Promise.allSettled([slack.close(), sim.close(), rm(dataDir, { recursive: true, force: true })]);
    throw e;
  }
  const sender = createSlackSender({
    appUrl: `http://127.0.0.1:${app.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    responseUrlBase: slack.responseUrlBase,
    teamId: TEAM_ID,
  });

  let botStopped: Promise<void> | undefined;
  const stopBot = () => (botStopped ??= app.stop().then(() => slack.close()));
  return {
    clock,
    sim,
    slack,
    app,
    sender,
    genesysCalls,
    botProblems,
    stopBot,
    async close() {
      await stopBot();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** "warn: export status check failed; will look again" from a pino JSON line. */
function describeLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    return `${(entry.level ?? 40) >= 50 ? 'error' : 'warn'}: ${entry.msg ?? line}`;
  } catch {
    return line;
  }
}
