/**
 * The cost of a poll cycle with much pending work. 10,000 running subject exports (2,000 cases × 5)
 * are written to Redis through the store API, their next checks a day ahead; then 10, or 1,000, are
 * made due and the worker runs its cycles (batches of 50, as in production) until all are checked,
 * against the Genesys simulator, under the shared budget of 120 calls per minute. One fake clock is
 * shared by the simulator, the store, the budget and the workflow: the budget's sleeps move it. Also
 * measured: 10 due among only 10 pending, which should cost the same as 10 due among 10,000.
 * Run alone: `npx tsx bench/pending-scale-bench.ts`.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startGenesysSimulator, type GenesysSimulator } from '../dev/genesys-simulator/index.js';
import { workflowConfigOf } from '../src/app.js';
import { createGenesysClient, type GenesysClient } from '../src/genesys/client.js';
import { createRedisStore, type RedisStore } from '../src/store/index.js';
import { createCallBudget } from '../src/workflow/rate-budget.js';
import { pollTimer } from '../src/workflow/timer-keys.js';
import { WorkflowWorker } from '../src/workflow/worker.js';
import { RecordingNotifier, SIM_CLIENT, benchConfig, silentLogger, staticMembership } from './support/fixtures.js';
import { ManualClock, seededRandom } from './support/manual-clock.js';
import { seedPendingExports, type SeededExport } from './support/pending-exports.js';
import { benchPrefix, benchRedisUrl, countRedisCommands, deletePrefix } from './support/redis.js';
import { medianRun, round } from './support/stats.js';
import { formatCount, formatMs, type FigureRow } from './support/table.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CASES = 2_000;
const SUBJECTS_PER_CASE = 5;
const PENDING = CASES * SUBJECTS_PER_CASE;
const MANY_DUE = 1_000;
const FEW_DUE = 10;
const BUDGET_PER_MINUTE = 120;
/** WorkflowWorker's default batch: timers (and notifications) handled per cycle */
const WORKER_BATCH = 50;
const SMALL_REPEATS = 5;
const LARGE_REPEATS = 3;
/** noon on a minute boundary, so each measurement starts a fresh budget window */
const T0 = Date.parse('2025-03-03T12:00:00.000Z');

export interface CycleFigures {
  due: number;
  pending: number;
  cycles: number;
  wallMs: number;
  redisCommands: number;
  redisByFamily: Record<string, number>;
  genesysCalls: number;
  /** simulated time from "due" to the last check */
  simulatedMs: number;
  /** the longest any due export waited for its check, simulated */
  maxWaitMs: number;
  checkedAll: boolean;
}

export interface PendingScaleResult {
  pending: number;
  budgetPerMinute: number;
  seedMs: number;
  fewAmongMany: CycleFigures;
  fewAmongFew: CycleFigures;
  manyAmongMany: CycleFigures;
  /** ceil(1000 / 120) minutes: the promise for 1,000 due under the budget */
  maxWaitAllowedMs: number;
  rateLimited: number;
  /** every run's wall time, for the spread */
  wallMsRuns: { fewAmongMany: number[]; fewAmongFew: number[]; manyAmongMany: number[] };
}

interface Poller {
  store: RedisStore;
  worker: WorkflowWorker;
  genesys: GenesysClient;
  prefix: string;
}

export async function benchPendingScale(): Promise<PendingScaleResult> {
  const clock = new ManualClock(T0);
  const sim = await startGenesysSimulator({ clock: clock.forSimulator(), exportDurationMs: 3 * 24 * HOUR });
  const redisUrl = benchRedisUrl();
  const prefixes = { many: benchPrefix('scale'), few: benchPrefix('scale-few') };
  const pollers: Poller[] = [];
  try {
    // the exports that will fall due exist in the simulator, made 12 h ago (status SEARCHING);
    // the others are never asked about, so an id is all they need
    const realIds = await createSimulatorExports(sim, clock, MANY_DUE);
    clock.set(T0);

    const many = await openPoller(prefixes.many, sim, clock);
    pollers.push(many);
    const few = await openPoller(prefixes.few, sim, clock);
    pollers.push(few);
    const aDayAhead = () => new Date(T0 + 24 * HOUR);
    const seedStarted = performance.now();
    const manyExports = await seedPendingExports({
      store: many.store,
      cases: CASES,
      subjectsPerCase: SUBJECTS_PER_CASE,
      submittedAt: new Date(T0 - 12 * HOUR),
      dueAt: aDayAhead,
      requestId: (i) => realIds[i] ?? randomUUID(),
    });
    const seedMs = performance.now() - seedStarted;
    const fewExports = await seedPendingExports({
      store: few.store,
      cases: FEW_DUE / SUBJECTS_PER_CASE,
      subjectsPerCase: SUBJECTS_PER_CASE,
      submittedAt: new Date(T0 - 12 * HOUR),
      dueAt: aDayAhead,
      requestId: (i) => realIds[i]!,
    });
    // a first cycle each, with nothing due: the hourly audit purge and connection set-up are not measured
    for (const p of pollers) await p.worker.runCycle();

    const runs = { fewAmongMany: [] as CycleFigures[], fewAmongFew: [] as CycleFigures[], manyAmongMany: [] as CycleFigures[] };
    for (let i = 0; i < SMALL_REPEATS; i++) {
      runs.fewAmongMany.push(await measureDrain(many, manyExports.slice(0, FEW_DUE), PENDING, sim, clock));
      runs.fewAmongFew.push(await measureDrain(few, fewExports, FEW_DUE, sim, clock));
    }
    for (let i = 0; i < LARGE_REPEATS; i++) {
      runs.manyAmongMany.push(await measureDrain(many, manyExports.slice(0, MANY_DUE), PENDING, sim, clock));
    }
    const rateLimited = sim.log.filter((e) => e.status === 429).length;
    if (rateLimited > 0) throw new Error(`the simulator answered 429 ${rateLimited} times: the budget let too much through`);

    const byWall = (r: CycleFigures) => r.wallMs;
    return {
      pending: PENDING,
      budgetPerMinute: BUDGET_PER_MINUTE,
      seedMs: Math.round(seedMs),
      fewAmongMany: medianRun(runs.fewAmongMany, byWall),
      fewAmongFew: medianRun(runs.fewAmongFew, byWall),
      manyAmongMany: medianRun(runs.manyAmongMany, byWall),
      maxWaitAllowedMs: Math.ceil(MANY_DUE / BUDGET_PER_MINUTE) * MINUTE,
      rateLimited,
      wallMsRuns: {
        fewAmongMany: runs.fewAmongMany.map(byWall),
        fewAmongFew: runs.fewAmongFew.map(byWall),
        manyAmongMany: runs.manyAmongMany.map(byWall),
      },
    };
  } finally {
    for (const p of pollers) await p.store.close();
    await sim.close();
    for (const prefix of Object.values(prefixes)) await deletePrefix(redisUrl, prefix);
  }
}

export function pendingScaleFigures(r: PendingScaleResult): FigureRow[] {
  const bench = 'Pending work in Redis';
  const cycle = (f: CycleFigures) =>
    `${formatMs(f.wallMs)}, ${formatCount(f.redisCommands)} Redis commands, ${formatCount(f.genesysCalls)} Genesys calls`;
  const few = r.fewAmongMany;
  const alone = r.fewAmongFew;
  const sameCommands = Math.abs(few.redisCommands - alone.redisCommands) <= 0.05 * alone.redisCommands;
  const wallRatio = few.wallMs / alone.wallMs;
  const many = r.manyAmongMany;
  const families = Object.entries(many.redisByFamily)
    .sort((a, b) => b[1] - a[1])
    .map(([family, n]) => `${family} ${formatCount(n)}`)
    .join(', ');
  return [
    { bench, figure: `write ${formatCount(r.pending)} pending exports (2,000 cases × 5) through the store API`, value: formatMs(r.seedMs) },
    { bench, figure: `cycle with ${few.due} due among ${formatCount(few.pending)} pending (median of ${r.wallMsRuns.fewAmongMany.length})`, value: cycle(few) },
    {
      bench,
      figure: `cycle with ${alone.due} due among ${alone.due} pending (median of ${r.wallMsRuns.fewAmongFew.length})`,
      value: `${cycle(alone)} (10,000-pending cycle ×${round(wallRatio, 2)} the wall time)`,
      goal: 'about the same cost as among 10,000',
      met: sameCommands && wallRatio <= 1.5,
    },
    {
      bench,
      figure: `${formatCount(many.due)} due among ${formatCount(many.pending)}: ${many.cycles} cycles of 50, budget ${r.budgetPerMinute}/min (median of ${r.wallMsRuns.manyAmongMany.length})`,
      value: `${cycle(many)}; ${round(many.redisCommands / many.due, 1)} commands per export (${families})`,
    },
    {
      bench,
      figure: `${formatCount(many.due)} due: longest wait for a check (simulated), 429s from the simulator`,
      value: `${round(many.maxWaitMs / 60_000, 1)} min, ${r.rateLimited} × 429`,
      goal: `≤ ${r.maxWaitAllowedMs / 60_000} min, no 429`,
      met: many.checkedAll && many.maxWaitMs <= r.maxWaitAllowedMs && r.rateLimited === 0,
    },
  ];
}

/** The worker, its Genesys client and the shared budget, as startApp wires them, on the fake clock. */
async function openPoller(prefix: string, sim: GenesysSimulator, clock: ManualClock): Promise<Poller> {
  const config = workflowConfigOf(benchConfig());
  const store = await createRedisStore({ url: benchRedisUrl(), prefix, logger: silentLogger, clock });
  const budget = createCallBudget({ store, name: 'genesys', perMinute: BUDGET_PER_MINUTE, clock, sleep: clock.sleep });
  const random = seededRandom(7);
  const genesys = createGenesysClient({
    apiUrl: sim.apiUrl,
    loginUrl: sim.loginUrl,
    clientId: SIM_CLIENT.id,
    clientSecret: SIM_CLIENT.secret,
    logger: silentLogger,
    clock,
    sleep: clock.sleep,
    random,
    beforeCall: () => budget.acquire(),
    onRateLimited: (ms) => budget.pause(ms),
  });
  await genesys.verifyCredentials(); // a token is cached in steady state
  const worker = new WorkflowWorker({
    store,
    genesys,
    membership: staticMembership,
    clock,
    logger: silentLogger,
    config,
    random,
    notifier: new RecordingNotifier(clock),
    holderId: `bench-${prefix}`,
    batchSize: WORKER_BATCH,
  });
  return { store, worker, genesys, prefix };
}

/** `count` exports in the simulator, created 12 h before T0, by a client outside the budget */
async function createSimulatorExports(sim: GenesysSimulator, clock: ManualClock, count: number): Promise<string[]> {
  clock.set(T0 - 12 * HOUR);
  const client = createGenesysClient({
    apiUrl: sim.apiUrl,
    loginUrl: sim.loginUrl,
    clientId: SIM_CLIENT.id,
    clientSecret: SIM_CLIENT.secret,
    logger: silentLogger,
    clock,
    sleep: clock.sleep,
  });
  const ids: string[] = [];
  const concurrency = 20;
  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, () => client.createExport(randomUUID()));
    ids.push(...(await Promise.all(batch)).map((r) => r.id));
  }
  return ids;
}

/**
 * Makes `due` exports due at the next minute, then runs as many cycles as the batch size needs
 * (a production worker runs them back to back, one per tick) and measures them.
 */
async function measureDrain(p: Poller, due: SeededExport[], pending: number, sim: GenesysSimulator, clock: ManualClock): Promise<CycleFigures> {
  clock.set(Math.ceil((clock.nowMs() + 1) / MINUTE) * MINUTE);
  const dueAt = clock.nowMs();
  await Promise.all(due.map((e) => p.store.setTimer(pollTimer(e.caseId, e.subjectId), new Date(dueAt))));
  const simLogBefore = sim.log.length;
  const cycles = Math.ceil(due.length / WORKER_BATCH);

  const counter = countRedisCommands(p.prefix);
  const started = performance.now();
  for (let i = 0; i < cycles; i++) await p.worker.runCycle();
  const wallMs = performance.now() - started;
  const redis = counter.stop();

  const simulatedMs = clock.nowMs() - dueAt;
  const checkedAt = await lastChecks(p.store, due);
  const waits = checkedAt.map((at) => at - dueAt);
  return {
    due: due.length,
    pending,
    cycles,
    wallMs: Math.round(wallMs),
    redisCommands: redis.commands,
    redisByFamily: redis.byFamily,
    genesysCalls: sim.log.length - simLogBefore,
    simulatedMs,
    maxWaitMs: Math.max(...waits),
    checkedAll: waits.every((w) => w >= 0) && (await p.store.dueTimers(new Date(dueAt), 1)).length === 0,
  };
}

/** when each export was last checked (ms), read back from its case */
async function lastChecks(store: RedisStore, exports: SeededExport[]): Promise<number[]> {
  const cases = new Map<string, Awaited<ReturnType<RedisStore['getCase']>>>();
  for (const e of exports) if (!cases.has(e.caseId)) cases.set(e.caseId, await store.getCase(e.caseId));
  return exports.map((e) => {
    const s = cases.get(e.caseId)?.subjects.find((x) => x.id === e.subjectId);
    return s?.lastCheckedAt ? Date.parse(s.lastCheckedAt) : Number.NEGATIVE_INFINITY;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchPendingScale();
  console.log(JSON.stringify(result, null, 2));
}
