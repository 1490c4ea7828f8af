/**
 * Wires everything: config → store, Genesys client (behind a shared call budget), workflow, worker,
 * Slack (Bolt in HTTP or Socket Mode), health and metrics routes. Building (buildApp) is apart from
 * starting (start: migration, Slack identity, listen, worker). Dependencies come in through the
 * front door so tests and the demo can pass their own clock, store or Slack client options.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { createGenesysClient, type GenesysClient } from './genesys/client.js';
import { closeServer, listenForRoutes, opsRoutes } from './http/ops-routes.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { registerListeners } from './slack/listeners/index.js';
import { signedRequestProperties } from './slack/listeners/replay-guard.js';
import { SlackDirectory } from './slack/slack-directory.js';
import { createReaders } from './slack/readers.js';
import { slackGenesysIdentity } from './slack/subject-resolver.js';
import { SlackNotifier } from './slack/slack-notifier.js';
import { SlackCleanup } from './slack/slack-cleanup.js';
import { cachedLookup } from './slack/cached-lookup.js';
import { createTimelineDelivery } from './slack/timeline-delivery.js';
import { createWorkerLauncher } from './timeline/worker-launcher.js';
import { openStore } from './store/open-store.js';
import { ensureStoreSchema } from './store/schema-upgrade.js';
import { APP_VERSION } from './version.js';
import { createCallBudget } from './workflow/rate-budget.js';
import { ExportWorkflow, type WorkflowConfig } from './workflow/export-workflow.js';
import { WorkflowWorker } from './workflow/worker.js';
import { systemClock, type Clock, type NotifierPort, type WorkflowStore } from './workflow/ports.js';

/** The chat retention period is an org setting that rarely changes. */
const RETENTION_CACHE_MS = 10 * 60_000;

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** defaults to the store chosen by the config (Redis or embedded) */
  store?: WorkflowStore;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** extra Slack Web API client options (tests: `retryConfig: { retries: 0 }`) */
  slackClientOptions?: WebClientOptions;
  /** worker tick; the worker only does what is due, so a short tick costs little */
  workerTickMs?: number;
  /** identifies this process in leases (defaults to host + pid + random) */
  instanceId?: string;
}

/** The wired parts, the same before and after start. */
export interface AppParts {
  readonly bolt: App;
  readonly workflow: ExportWorkflow;
  readonly worker: WorkflowWorker;
  readonly store: WorkflowStore;
  readonly genesys: GenesysClient;
  readonly metrics: Metrics;
}

/** An app built but not started: nothing listens, nothing ran, no Slack call was made. */
export interface BuiltApp extends AppParts {
  /** migration, Slack identity check, listen, worker start; once (a second call gets the same) */
  start(): Promise<RunningApp>;
  /** before start: closes the store the app opened; after: stops the running app */
  stop(): Promise<void>;
}

export interface RunningApp extends AppParts {
  /** the HTTP server (HTTP mode, or the health server in Socket Mode) once started */
  readonly server?: Server;
  /** HTTP port actually bound */
  readonly port?: number;
  /** with METRICS_PORT: the port /metrics is served on, apart from the Slack endpoint */
  readonly metricsPort?: number;
  stop(): Promise<void>;
}

export function workflowConfigOf(config: Config): WorkflowConfig {
  return {
    requesters: config.policy.requesters,
    approvers: config.policy.approvers,
    auditors: config.policy.auditors,
    requireApproval: config.policy.requireApproval,
    maxSubjects: config.policy.maxSubjects,
    approvalTtlHours: config.policy.approvalTtlHours,
    pollIntervalSeconds: config.poll.intervalSeconds,
    pollMaxIntervalSeconds: config.poll.maxIntervalSeconds,
    recordRetentionDays: config.retention.recordDays,
    auditRetentionDays: config.retention.auditDays,
    auditSigningKey: config.retention.auditSigningKey,
    dueReminderDays: config.deadlines.reminderDays,
    // who besides the approvers hears of overdue cases: the auditors
    oversight: config.policy.auditors,
  };
}

/** Builds and starts the app: what index.ts, the tests, the bench and the demo call. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  return buildApp(options).then((app) => app.start());
}

/**
 * Wires everything without touching the network beyond opening the configured store: no Slack
 * call, no port, no migration, no worker. Like fastify's build() before listen(): tests that only
 * need the handlers build; `start()` migrates, checks the Slack identity, listens and starts work.
 */
export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const ownsStore = !options.store;
  const store = options.store ?? (await openStore(options.config.store, options.logger));
  try {
    return wire(options, store, ownsStore);
  } catch (e) {
    if (ownsStore) await store.close().catch(() => undefined);
    throw e;
  }
}

function wire(options: AppOptions, store: WorkflowStore, ownsStore: boolean): BuiltApp {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const metrics = createMetrics({ defaultMetrics: true });
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  metrics.bindStore(store, () => clock.now());

  const budget = createCallBudget({ store, name: 'genesys', perMinute: config.genesys.maxCallsPerMinute, clock, sleep });
  const genesys = createGenesysClient({
    apiUrl: config.genesys.apiUrl,
    loginUrl: config.genesys.loginUrl,
    clientId: config.genesys.clientId,
    clientSecret: config.genesys.clientSecret,
    logger: logger.child({ component: 'genesys' }),
    clock,
    sleep,
    beforeCall: () => budget.acquire(),
    onRateLimited: (ms) => budget.pause(ms),
    onCall: ({ operation, status, ms }) => {
      metrics.genesysCalls.inc({ operation, status: String(status) });
      metrics.genesysCallSeconds.observe({ operation }, ms / 1000);
    },
    linkTtlSeconds: config.downloadLinkTtlSeconds,
    // One call never holds the worker (and its lease) or a Slack request for long: the workflow
    // reschedules transient failures itself, and a 429 pauses every replica through the budget.
    timeoutMs: 10_000,
    retry: { maxTotalMs: 15_000, maxRetryAfterMs: 10_000 },
  });

  const slackClientOptions: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    logLevel: LogLevel.WARN,
    // The SDK's default retries for about 30 minutes, stalling the worker; the outbox retries
    // notifications itself, so a few quick attempts are enough (429s still wait their Retry-After).
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
    ...options.slackClientOptions,
  };

  let serving = false;
  const routes = opsRoutes({ version: APP_VERSION, isStarted: () => serving, store, genesys, metrics });
  // With METRICS_PORT, /metrics lives on its own port (kept off the network Slack reaches).
  const slackPortRoutes = config.metrics.port === undefined ? [...routes.health, ...routes.metrics] : routes.health;

  const boltLogger = toBoltLogger(logger.child({ component: 'bolt' }));
  const receiver =
    config.slack.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.slack.appToken ?? '',
          // apps.connections.open goes where every other call goes (SLACK_API_URL, GovSlack, test fakes)
          installerOptions: { clientOptions: socketModeClientOptions(slackClientOptions) },
          logger: boltLogger,
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          port: config.slack.port,
          customRoutes: slackPortRoutes,
          logger: boltLogger,
          // the replay guard needs the signing headers, which Bolt does not pass on by itself
          customPropertiesExtractor: signedRequestProperties,
        });
  const bolt = new App({
    // the bot keeps no conversation state; skip Bolt's per-request store look-up
    convoStore: false,
    token: config.slack.botToken,
    // Bolt asks Slack for the bot's own ids (auth.test) in bolt.init(), which start() calls
    deferInitialization: true,
    clientOptions: slackClientOptions,
    logger: boltLogger,
    receiver,
  });

  const directory = new SlackDirectory({ client: bolt.client });
  const readers = createReaders({ person: (id) => directory.person(id), defaultLocale: config.defaultLocale });
  const approverIdentity = slackGenesysIdentity({ person: (id) => directory.person(id), genesys });
  const workflowDeps = { store, genesys, membership: directory, identity: approverIdentity, clock, config: workflowConfigOf(config) };
  const workflow = new ExportWorkflow({ ...workflowDeps, logger: logger.child({ component: 'workflow' }) });
  /** Slack message and file references outlive a case's retention by a margin, for the purge clean-up */
  const slackRefTtlMs = (config.retention.recordDays + 30) * 86_400_000;
  const notifier = new SlackNotifier({
    client: bolt.client,
    store,
    membership: directory,
    readers,
    logger: logger.child({ component: 'notifier' }),
    approvers: config.policy.approvers,
    oversight: workflowDeps.config.oversight,
    approvalChannel: config.policy.approvalChannel,
    timelineEnabled: config.timelineDelivery === 'slack',
    refTtlMs: slackRefTtlMs,
  });
  const cleanup = new SlackCleanup({
    client: bolt.client,
    store,
    logger: logger.child({ component: 'cleanup' }),
    refTtlMs: slackRefTtlMs,
    reader: readers.forChannel(),
    onItem: (item, outcome) => metrics.slackCleanup.inc({ item, outcome }),
  });
  const counted = async (kind: string, deliver: () => Promise<void>) => {
    try {
      await deliver();
      metrics.notifications.inc({ kind, outcome: 'sent' });
    } catch (e) {
      metrics.notifications.inc({ kind, outcome: 'failed' });
      throw e;
    }
  };
  const countedNotifier: NotifierPort = {
    deliver: (n, c, opts) => counted(n.kind, () => notifier.deliver(n, c, opts)),
    deliverAfterPurge: (n) => counted(n.kind, () => cleanup.deliverAfterPurge(n)),
  };
  const worker = new WorkflowWorker({
    ...workflowDeps,
    logger: logger.child({ component: 'worker' }),
    notifier: countedNotifier,
    holderId: instanceId,
    tickMs: options.workerTickMs,
  });
  // forks the timeline build workers, so that the bot never forks while serving Slack
  const timelineLauncher = config.timelineDelivery === 'slack' ? createWorkerLauncher({ logger: logger.child({ component: 'timeline' }) }) : undefined;
  registerListeners(bolt, {
    config,
    store,
    workflow,
    directory,
    readers,
    genesys,
    logger: logger.child({ component: 'slack' }),
    clock,
    metrics,
    timeline: timelineLauncher ? createTimelineDelivery({ workflow, directory, logger, limits: config.timelineLimits, cleanup, launcher: timelineLauncher }) : undefined,
    chatRetentionDays: cachedLookup(() => genesys.getChatRetentionDays(), RETENTION_CACHE_MS),
  });
  bolt.error(async (e) => {
    const code = (e as { code?: string }).code;
    if (code !== 'slack_bolt_authorization_error') {
      logger.error({ err: { name: e.name, code, message: e.message } }, 'Slack listener error');
    }
    // Bolt's receiver turns the error into the HTTP answer (401 for a refused request, 500 before ack).
    throw e;
  });

  const parts = { bolt, workflow, worker, store, genesys, metrics };
  const closeStore = async () => {
    if (ownsStore) await store.close();
  };

  const start = async (): Promise<RunningApp> => {
    logger.info({ version: APP_VERSION }, `gdpr-export-bot ${APP_VERSION} starting`);
    // before anything is served: a replica waiting here for another to migrate answers nothing
    await ensureStoreSchema({ store, logger: logger.child({ component: 'schema' }), clock, sleep, holderId: instanceId, appVersion: APP_VERSION });
    // A wrong token stops start-up here with a clear message instead of Bolt's unhandled
    // rejection (platform.md §5, "startup crash trap").
    await bolt.init().catch((e: unknown) => {
      throw new Error(`Slack refused the bot token (${(e as { data?: { error?: string } }).data?.error ?? (e as Error).message}). Check SLACK_BOT_TOKEN and SLACK_API_URL.`);
    });

    // Socket Mode: the health routes get a server of their own, listening before the socket connects.
    const healthServer = config.slack.mode === 'socket' ? await listenForRoutes(slackPortRoutes, config.slack.port) : undefined;
    let started: unknown;
    try {
      started = await bolt.start(config.slack.port);
    } catch (e) {
      await closeServer(healthServer);
      const code = (e as { data?: { error?: string } }).data?.error;
      if (config.slack.mode === 'socket') throw new Error(`Socket Mode could not connect (${code ?? (e as Error).message}). Check SLACK_APP_TOKEN and SLACK_API_URL.`);
      throw e;
    }
    const server = healthServer ?? (isServer(started) ? started : undefined);
    let intakeOpen = true;
    // HTTP mode: a request on a kept-alive connection after stop() began is refused, not half-served
    if (isServer(started)) refuseOnceClosed(started, () => intakeOpen);
    const port = server ? (server.address() as { port: number } | null)?.port : config.slack.port;
    const metricsServer =
      config.metrics.port === undefined
        ? undefined
        : await listenForRoutes(routes.metrics, config.metrics.port).catch(async (e: unknown) => {
            await bolt.stop().catch(() => undefined);
            await closeServer(healthServer);
            throw new Error(`Cannot serve /metrics on METRICS_PORT ${config.metrics.port}: ${(e as Error).message}`, { cause: e });
          });
    const metricsPort = metricsServer ? (metricsServer.address() as { port: number }).port : undefined;
    worker.start();
    // forked now, while the bot holds little: what a fork costs grows with the forking process
    timelineLauncher?.start();
    serving = true;
    logger.info({ mode: config.slack.mode, port, metricsPort, store: store.description, instanceId, version: APP_VERSION }, `GDPR export bot ${APP_VERSION} is ready`);

    let stopping: Promise<void> | undefined;
    return {
      ...parts,
      server,
      port,
      metricsPort,
      stop: () =>
        (stopping ??= (async () => {
          serving = false;
          // Intake first: from here a Slack request is refused whole (connection refused, 503, or the
          // socket closed), never acknowledged by a process about to exit and left half-done.
          intakeOpen = false;
          logger.info('stopping: no new Slack requests; finishing the current cycle');
          const intakeClosed = bolt.stop().catch((e: Error) => logger.warn({ err: e.message }, 'Slack receiver did not stop cleanly'));
          await worker.stop();
          await intakeClosed;
          // a timeline build still running ends with it; its requester can ask again
          await timelineLauncher?.close();
          await closeServer(metricsServer);
          await closeServer(healthServer);
          await closeStore();
          logger.info('stopped');
        })()),
    };
  };

  let starting: Promise<RunningApp> | undefined;
  let closing: Promise<void> | undefined;
  return {
    ...parts,
    start: () => {
      if (closing) return Promise.reject(new Error('this app was stopped before it started; build a new one'));
      return (starting ??= start().catch(async (e: unknown) => {
        // a failed start leaves nothing of ours open: the store this app opened is closed
        await closeStore().catch(() => undefined);
        throw e;
      }));
    },
    stop: () =>
      (closing ??= starting
        ? starting.then(
            (running) => running.stop(),
            () => undefined,
          )
        : closeStore()),
  };
}

/**
 * Bolt and its Web API client log through our pino logger, so their lines get the same format.
 * Their debug lines are dropped: they hold whole request and response bodies (profile emails,
 * justifications, signed links) that no redaction path can reach inside a message string.
 */
function toBoltLogger(log: Logger): BoltLogger {
  return {
    debug: () => undefined,
    info: (...m) => log.info(m.map(String).join(' ')),
    warn: (...m) => log.warn(m.map(String).join(' ')),
    error: (...m) => log.error(m.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

/**
 * The Web API client's settings that the Socket Mode client must share: where Slack is, how long a
 * call may take, how requests go out. Not the retries: the SDK's own (100, for reconnecting) keep a
 * socket that Slack recycled coming back through an outage, where a give-up would end the process.
 */
export function socketModeClientOptions(web: WebClientOptions): WebClientOptions {
  return {
    ...(web.slackApiUrl !== undefined ? { slackApiUrl: web.slackApiUrl } : {}),
    ...(web.timeout !== undefined ? { timeout: web.timeout } : {}),
    ...(web.fetch !== undefined ? { fetch: web.fetch } : {}),
  };
}

/**
 * server.close() only stops new connections: a keep-alive connection busy at that moment goes on
 * serving the requests sent on it. Once `isOpen()` is false, those get 503 and the connection closes.
 */
function refuseOnceClosed(server: Server, isOpen: () => boolean): void {
  const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isOpen()) {
      for (const listener of listeners) listener.call(server, req, res);
      return;
    }
    res.writeHead(503, { connection: 'close', 'retry-after': '5', 'content-type': 'text/plain; charset=utf-8' });
    res.end('shutting down\n');
  });
}

function isServer(x: unknown): x is Server {
  return typeof (x as Server | undefined)?.address === 'function';
}
