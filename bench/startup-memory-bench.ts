/**
 * Start-up time and resident memory of the bot as a process: `node dist/index.js` (built first with
 * `npm run build`; `node --import tsx src/index.ts` if the build fails), configured for the fake
 * Slack and the Genesys simulator started here. Start-up is measured from spawn to the first 200 of
 * GET /healthz; RSS is read from /proc after the bot has been idle a few seconds. Three starts per
 * setting: the embedded store, an empty Redis prefix, and Redis holding 10,000 pending exports.
 * Run alone: `npx tsx bench/startup-memory-bench.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeSlack } from '../dev/fake-slack/index.js';
import { startGenesysSimulator } from '../dev/genesys-simulator/index.js';
import { createRedisStore } from '../src/store/index.js';
import { APPROVER, REQUESTER, benchEnv, silentLogger } from './support/fixtures.js';
import { seedPendingExports } from './support/pending-exports.js';
import { OWN_PAGES, WHOLE_RSS, procStatusKb } from '../src/timeline/proc-status.js';
import { processes } from '../test/helpers/processes.js';
import { benchPrefix, benchRedisUrl, deletePrefix } from './support/redis.js';
import { median, round } from './support/stats.js';
import { formatMs, type FigureRow } from './support/table.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const STARTS = 3;
/** idle this long after ready before RSS is read: start-up garbage settles, the worker ticks */
const IDLE_MS = 3000;
const READY_TIMEOUT_MS = 30_000;
const PENDING_CASES = 2_000;
const SUBJECTS_PER_CASE = 5;

export interface ProcessRun {
  startupMs: number;
  idleRssMb: number;
  /** V8 heap in use, from the bot's own /metrics (read after RSS) */
  heapUsedMb: number;
  /** the bot's gdpr_export_pending_timers: proof it sees the pending work */
  pendingTimers: number;
  /** the timeline's worker launcher, a process the bot starts beside itself: its RSS, and its own pages of that */
  launcher?: { rssMb: number; ownMb: number };
}

export interface StartupScenario {
  label: string;
  pending: number;
  runs: ProcessRun[];
  medianStartupMs: number;
  medianIdleRssMb: number;
  medianHeapUsedMb: number;
}

export interface StartupMemoryResult {
  /** what was spawned */
  command: string;
  buildMs?: number;
  /** why the built bot was not used, when it was not */
  buildProblem?: string;
  idleMs: number;
  scenarios: StartupScenario[];
}

export async function benchStartupMemory(): Promise<StartupMemoryResult> {
  const build = await runBuild();
  const command = build.ok ? [process.execPath, 'dist/index.js'] : [process.execPath, '--import', 'tsx', 'src/index.ts'];
  const slack = await startFakeSlack({ users: [{ id: REQUESTER, name: 'rita' }, { id: APPROVER, name: 'adam' }] });
  const sim = await startGenesysSimulator({});
  const redisUrl = benchRedisUrl();
  const prefixes = { empty: benchPrefix('startup'), pending: benchPrefix('startup-pending') };
  const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-bench-'));
  try {
    const base = {
      SLACK_API_URL: slack.url,
      GENESYS_API_URL: sim.apiUrl,
      GENESYS_LOGIN_URL: sim.loginUrl,
      LOG_LEVEL: 'warn',
    };
    const seeding = await createRedisStore({ url: redisUrl, prefix: prefixes.pending, logger: silentLogger });
    try {
      const aDayAhead = new Date(Date.now() + 86_400_000);
      await seedPendingExports({
        store: seeding,
        cases: PENDING_CASES,
        subjectsPerCase: SUBJECTS_PER_CASE,
        submittedAt: new Date(),
        dueAt: () => aDayAhead,
      });
    } finally {
      await seeding.close();
    }

    const settings = [
      { label: 'embedded store (SQLite), idle', pending: 0, env: { ...base, DATA_DIR: dataDir } },
      { label: 'Redis, idle', pending: 0, env: { ...base, REDIS_URL: redisUrl, REDIS_PREFIX: prefixes.empty } },
      {
        label: `Redis, ${(PENDING_CASES * SUBJECTS_PER_CASE).toLocaleString('en')} pending exports`,
        pending: PENDING_CASES * SUBJECTS_PER_CASE,
        env: { ...base, REDIS_URL: redisUrl, REDIS_PREFIX: prefixes.pending },
      },
    ];
    const scenarios: StartupScenario[] = [];
    for (const setting of settings) {
      const runs: ProcessRun[] = [];
      for (let i = 0; i < STARTS; i++) runs.push(await startAndMeasure(command, setting.env));
      scenarios.push({
        label: setting.label,
        pending: setting.pending,
        runs,
        medianStartupMs: median(runs.map((r) => r.startupMs)),
        medianIdleRssMb: median(runs.map((r) => r.idleRssMb)),
        medianHeapUsedMb: median(runs.map((r) => r.heapUsedMb)),
      });
    }
    return {
      command: build.ok ? 'node dist/index.js' : 'node --import tsx src/index.ts',
      ...(build.ok ? { buildMs: build.ms } : { buildProblem: build.problem }),
      idleMs: IDLE_MS,
      scenarios,
    };
  } finally {
    await slack.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
    for (const prefix of Object.values(prefixes)) await deletePrefix(redisUrl, prefix);
  }
}

export function startupMemoryFigures(r: StartupMemoryResult): FigureRow[] {
  const bench = 'Process start-up and memory';
  const how = r.buildProblem ? `${r.command}: ${r.buildProblem}` : `${r.command} (npm run build took ${formatMs(r.buildMs ?? 0)})`;
  return [
    { bench, figure: 'what was started', value: how },
    ...r.scenarios.map((s) => ({
      bench,
      figure: `${s.label}: spawn → /healthz 200; RSS and heap after ${r.idleMs / 1000} s idle (median of ${s.runs.length} starts)`,
      value: `${formatMs(s.medianStartupMs)}; RSS ${s.medianIdleRssMb} MB, heap ${s.medianHeapUsedMb} MB${s.pending > 0 ? ` (the bot reports ${s.runs[0]?.pendingTimers ?? '?'} pending timers)` : ''}${launcherFigure(s.runs)}`,
    })),
  ];
}

/** the timeline's worker launcher beside the bot: what it adds to the machine */
function launcherFigure(runs: ProcessRun[]): string {
  const launchers = runs.flatMap((r) => (r.launcher ? [r.launcher] : []));
  if (launchers.length === 0) return '';
  return `; its worker launcher beside it: RSS ${median(launchers.map((l) => l.rssMb))} MB, of which its own pages ${median(launchers.map((l) => l.ownMb))} MB`;
}

async function runBuild(): Promise<{ ok: true; ms: number } | { ok: false; problem: string }> {
  const started = performance.now();
  const child = spawn('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const code = await exited(child);
  if (code === 0) return { ok: true, ms: Math.round(performance.now() - started) };
  const firstError = output.split('\n').find((l) => l.includes('error')) ?? `exit code ${code}`;
  return { ok: false, problem: `npm run build failed (${firstError.trim()})` };
}

async function startAndMeasure(command: string[], env: Record<string, string>): Promise<ProcessRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO,
    // only what the bot needs: nothing from this shell (a REDIS_URL, say) leaks in
    env: { PATH: process.env.PATH ?? '', ...benchEnv({ ...env, PORT: String(port) }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await untilHealthy(port, child, () => stderr);
    const startupMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idleRssMb = round(rssKb(child.pid!) / 1024);
    const launcherPid = (await processes()).find((p) => p.ppid === child.pid && p.command.includes('worker-launcher-process'))?.pid;
    const launcher = launcherPid === undefined ? undefined : { rssMb: round(rssKb(launcherPid) / 1024), ownMb: round(rssKb(launcherPid, OWN_PAGES) / 1024) };
    const metrics = await httpGet(port, '/metrics');
    return {
      launcher,
      startupMs: Math.round(startupMs),
      idleRssMb,
      heapUsedMb: round(metricValue(metrics.body, 'gdpr_export_nodejs_heap_size_used_bytes') / 1024 ** 2),
      pendingTimers: metricValue(metrics.body, 'gdpr_export_pending_timers'),
    };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  }
}

async function untilHealthy(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const end = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode}: ${stderr().slice(0, 500)}`);
    if ((await httpGet(port, '/healthz').catch(() => undefined))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the bot did not answer /healthz within ${READY_TIMEOUT_MS} ms: ${stderr().slice(0, 500)}`);
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(1000, () => req.destroy(new Error('timed out')));
  });
}

/** the value of an unlabelled Prometheus metric, NaN when absent */
function metricValue(exposition: string, name: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1).trim().split(' ')[0]) : Number.NaN;
}

/** the sum of these /proc/<pid>/status fields, in KiB; the bench cannot go on without them */
function rssKb(pid: number, fields = WHOLE_RSS): number {
  const kb = procStatusKb(pid, fields);
  if (kb === undefined) throw new Error(`no ${fields.join(' + ')} in /proc/${pid}/status`);
  return kb;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchStartupMemory();
  console.log(JSON.stringify(result, null, 2));
}
