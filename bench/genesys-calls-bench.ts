/**
 * Genesys calls per export. One export of a known duration runs against the Genesys simulator on a
 * fake clock shared by the simulator, the store, the client and the workflow; the worker's cycles
 * are driven by hand, the clock jumping to the next due timer (no real waiting). Counted from the
 * simulator's request log: status checks, token and download calls; and the delay between the
 * export's completion and the requester's "ready" notification.
 * Run alone: `npx tsx bench/genesys-calls-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { defaultSimUsers, startGenesysSimulator, type SimRequestLogEntry } from '../dev/genesys-simulator/index.js';
import { workflowConfigOf } from '../src/app.js';
import { createGenesysClient } from '../src/genesys/client.js';
import { createMemoryStore } from '../src/store/index.js';
import { minimumChecks } from '../src/workflow/backoff.js';
import type { WorkflowConfig } from '../src/workflow/deps.js';
import { ExportWorkflow } from '../src/workflow/export-workflow.js';
import { WorkflowWorker } from '../src/workflow/worker.js';
import { APPROVER, REQUESTER, RecordingNotifier, SIM_CLIENT, TEAM, benchConfig, silentLogger, staticMembership } from './support/fixtures.js';
import { ManualClock, seededRandom } from './support/manual-clock.js';
import { median, round } from './support/stats.js';
import { formatCount, type FigureRow } from './support/table.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DURATIONS = [
  { label: '10 min', ms: 10 * MINUTE },
  { label: '1 h', ms: HOUR },
  { label: '24 h', ms: 24 * HOUR },
  { label: '72 h', ms: 72 * HOUR },
];
/** jitter seeds per duration: the check count depends on the ±10% jitter */
const SEEDS = [1, 2, 3, 4, 5];
/** the real worker runs a cycle every tick (1 s by default): the slack allowed on top of the cap */
const POLL_CYCLE_MS = 1000;
const STEADY_PENDING = 1000;
const GENESYS_LIMIT_PER_MINUTE = 300;
const SUBJECT = defaultSimUsers()[0]!.id;
const START = '2025-03-03T09:00:00.000Z';

export interface ExportRun {
  /** status checks until the requester was told (the link's own re-read excluded) */
  checks: number;
  tokenCalls: number;
  createCalls: number;
  /** anything else while polling (listings after a lost POST answer): 0 when all goes well */
  otherCalls: number;
  /** calls made by one "Get download link" */
  linkCalls: number;
  /** of which GET /api/v2/downloads/{id} */
  downloadCalls: number;
  noticeDelayMs: number;
  /** gaps between status checks once at the cap */
  steadyGapsMs: number[];
}

export interface ExportCallsFigure {
  label: string;
  durationMs: number;
  minimumChecks: number;
  medianChecks: number;
  maxChecks: number;
  /** median checks / minimum */
  checksRatio: number;
  worstRatio: number;
  tokenCalls: number;
  createCalls: number;
  otherCalls: number;
  linkCalls: number;
  downloadCalls: number;
  medianNoticeDelayS: number;
  maxNoticeDelayS: number;
}

export interface GenesysCallsResult {
  pollIntervalSeconds: number;
  pollMaxIntervalSeconds: number;
  seeds: number;
  allowedNoticeDelayS: number;
  exports: ExportCallsFigure[];
  steadyState: {
    pending: number;
    /** one check per POLL_MAX_INTERVAL_SECONDS each */
    nominalPerMinute: number;
    /** from the mean gap measured at the cap (jitter only shortens gaps) */
    measuredPerMinute: number;
    genesysLimitPerMinute: number;
    budgetPerMinute: number;
  };
}

export async function benchGenesysCalls(): Promise<GenesysCallsResult> {
  const config = benchConfig();
  const workflowConfig = workflowConfigOf(config);
  const schedule = { intervalSeconds: workflowConfig.pollIntervalSeconds, maxIntervalSeconds: workflowConfig.pollMaxIntervalSeconds };
  const exports: ExportCallsFigure[] = [];
  const steadyGaps: number[] = [];
  for (const duration of DURATIONS) {
    const runs: ExportRun[] = [];
    for (const seed of SEEDS) runs.push(await runOneExport(duration.ms, seed, workflowConfig));
    steadyGaps.push(...runs.flatMap((r) => r.steadyGapsMs));
    const minimum = minimumChecks(duration.ms, schedule);
    const checks = runs.map((r) => r.checks);
    exports.push({
      label: duration.label,
      durationMs: duration.ms,
      minimumChecks: minimum,
      medianChecks: median(checks),
      maxChecks: Math.max(...checks),
      checksRatio: round(median(checks) / minimum, 2),
      worstRatio: round(Math.max(...checks) / minimum, 2),
      tokenCalls: median(runs.map((r) => r.tokenCalls)),
      createCalls: median(runs.map((r) => r.createCalls)),
      otherCalls: median(runs.map((r) => r.otherCalls)),
      linkCalls: median(runs.map((r) => r.linkCalls)),
      downloadCalls: median(runs.map((r) => r.downloadCalls)),
      medianNoticeDelayS: round(median(runs.map((r) => r.noticeDelayMs)) / 1000),
      maxNoticeDelayS: round(Math.max(...runs.map((r) => r.noticeDelayMs)) / 1000),
    });
  }
  const meanGapMs = steadyGaps.reduce((a, b) => a + b, 0) / steadyGaps.length;
  return {
    pollIntervalSeconds: schedule.intervalSeconds,
    pollMaxIntervalSeconds: schedule.maxIntervalSeconds,
    seeds: SEEDS.length,
    allowedNoticeDelayS: schedule.maxIntervalSeconds + POLL_CYCLE_MS / 1000,
    exports,
    steadyState: {
      pending: STEADY_PENDING,
      nominalPerMinute: round((STEADY_PENDING * 60) / schedule.maxIntervalSeconds),
      measuredPerMinute: round((STEADY_PENDING * MINUTE) / meanGapMs),
      genesysLimitPerMinute: GENESYS_LIMIT_PER_MINUTE,
      budgetPerMinute: config.genesys.maxCallsPerMinute,
    },
  };
}

export function genesysCallsFigures(r: GenesysCallsResult): FigureRow[] {
  const bench = 'Genesys calls per export';
  const rows: FigureRow[] = [];
  for (const e of r.exports) {
    rows.push({
      bench,
      figure: `${e.label} export: status checks (median of ${r.seeds} jitter seeds) vs minimum`,
      value: `${e.medianChecks} vs ${e.minimumChecks} → ×${e.checksRatio.toFixed(2)} (worst seed ${e.maxChecks}, ×${e.worstRatio.toFixed(2)})`,
      goal: '≤ ×1.10',
      met: e.checksRatio <= 1.1,
    });
    rows.push({
      bench,
      figure: `${e.label} export: completion → "ready" DM (median, worst)`,
      value: `${e.medianNoticeDelayS} s, ${e.maxNoticeDelayS} s`,
      goal: `≤ ${r.allowedNoticeDelayS} s`,
      met: e.maxNoticeDelayS <= r.allowedNoticeDelayS,
    });
    rows.push({
      bench,
      figure: `${e.label} export: other calls`,
      value: `token ${e.tokenCalls}, create ${e.createCalls}, other ${e.otherCalls}; one download link: ${e.linkCalls} (${e.downloadCalls} downloads call)`,
    });
  }
  const s = r.steadyState;
  rows.push({
    bench,
    figure: `${formatCount(s.pending)} pending exports in steady state (POLL_MAX_INTERVAL_SECONDS=${r.pollMaxIntervalSeconds})`,
    value: `${s.nominalPerMinute}/min nominal, ${s.measuredPerMinute}/min with jitter`,
    goal: `≤ ${s.genesysLimitPerMinute}/min (Genesys), ≤ ${s.budgetPerMinute}/min (our budget)`,
    met: s.measuredPerMinute <= s.budgetPerMinute,
  });
  return rows;
}

/** request → approve → the worker until the requester is told the export is ready → one link */
export async function runOneExport(durationMs: number, seed: number, config: WorkflowConfig): Promise<ExportRun> {
  const clock = new ManualClock(START);
  const sim = await startGenesysSimulator({ clock: clock.forSimulator(), exportDurationMs: durationMs });
  const store = await createMemoryStore({ clock });
  try {
    const random = seededRandom(seed);
    const genesys = createGenesysClient({
      apiUrl: sim.apiUrl,
      loginUrl: sim.loginUrl,
      clientId: SIM_CLIENT.id,
      clientSecret: SIM_CLIENT.secret,
      logger: silentLogger,
      clock,
      sleep: clock.sleep,
      random,
    });
    const notifier = new RecordingNotifier(clock);
    const deps = { store, genesys, membership: staticMembership, clock, logger: silentLogger, config, random };
    const workflow = new ExportWorkflow(deps);
    const worker = new WorkflowWorker({ ...deps, notifier, holderId: 'bench' });

    const created = await workflow.requestExport({
      teamId: TEAM,
      requesterId: REQUESTER,
      subjects: [{ genesysUserId: SUBJECT, resolvedVia: 'genesys_user_id' }],
      legalBasis: 'data_subject_access_request',
      receivedOn: clock.now().toISOString().slice(0, 10),
      caseReference: 'BENCH-CALLS',
      justification: 'Benchmark: Genesys calls made for one export.',
    });
    if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
    const caseId = created.value.id;
    const approved = await workflow.approve(caseId, APPROVER);
    if (!approved.ok) throw new Error(`${approved.refusal.code}: ${approved.refusal.reason}`);

    // a cap on steps keeps a regression from looping forever
    for (let step = 0; step < 10_000 && !notifier.first('subject_ready'); step++) {
      await settle(worker);
      if (notifier.first('subject_ready')) break;
      const { earliest } = await store.timerStats();
      if (!earliest) throw new Error('no timer left before the export was announced');
      if (earliest > clock.now()) clock.set(earliest);
    }
    const ready = notifier.first('subject_ready');
    const exported = sim.exports()[0];
    if (!ready || !exported) throw new Error(`the ${durationMs} ms export was never announced`);

    // the requester asks for the link once: the request is re-read, then one downloads call per archive
    const polling = sim.log.slice();
    const links = await workflow.issueDownloadLinks(caseId, 's1', REQUESTER);
    if (!links.ok) throw new Error(`${links.refusal.code}: ${links.refusal.reason}`);
    const linkCalls = sim.log.slice(polling.length);

    const statusChecks = polling.filter(isStatusCheck);
    const gaps = statusChecks.slice(1).map((e, i) => e.at - statusChecks[i]!.at);
    const capMs = config.pollMaxIntervalSeconds * 1000;
    return {
      checks: statusChecks.length,
      tokenCalls: sim.log.filter((e) => e.path === '/oauth/token').length,
      createCalls: polling.filter((e) => e.method === 'POST' && e.path === '/api/v2/gdpr/requests').length,
      otherCalls: polling.filter((e) => !isStatusCheck(e) && e.path !== '/oauth/token' && e.path !== '/api/v2/gdpr/requests').length,
      linkCalls: linkCalls.length,
      downloadCalls: linkCalls.filter((e) => e.path.includes('/api/v2/downloads/')).length,
      noticeDelayMs: ready.at - (exported.createdAt + durationMs),
      // the ramp's gaps are at most half the cap; the cap's, with jitter, at least 90% of it
      steadyGapsMs: gaps.filter((g) => g > 0.75 * capMs),
    };
  } finally {
    await store.close();
    await sim.close();
  }
}

function isStatusCheck(e: SimRequestLogEntry): boolean {
  return e.method === 'GET' && /^\/api\/v2\/gdpr\/requests\/[^/]+$/.test(e.path);
}

/** cycles at the current time until nothing is due */
async function settle(worker: WorkflowWorker): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const done = await worker.runCycle();
    if (done.timers === 0 && done.notifications === 0) return;
  }
  throw new Error('the worker did not settle');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchGenesysCalls();
  console.table(result.exports);
  console.log(result.steadyState);
}
