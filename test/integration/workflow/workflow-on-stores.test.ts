/**
 * The workflow end to end on real stores (Redis and the embedded SQLite store) against the real
 * Genesys client and the Genesys simulator over HTTP. One fake clock drives simulator, client,
 * store and workflow: multi-day exports take milliseconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator } from '../../../dev/genesys-simulator/index.js';
import { createGenesysClient, type GenesysClient } from '../../../src/genesys/client.js';
import { createLogger } from '../../../src/logger.js';
import { createSqliteStore, createRedisStore } from '../../../src/store/index.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import type { WorkflowStore } from '../../../src/workflow/ports.js';
import { ExportWorkflow } from '../../../src/workflow/export-workflow.js';
import { WorkflowWorker } from '../../../src/workflow/worker.js';
import { testRedisPrefix, testRedisUrl } from '../../helpers/redis.js';
import { deletePrefix } from '../store/redis-test-support.js';
import { APPROVER, FakeClock, RecordingNotifier, REQUESTER, StaticMembership, workflowConfig } from '../../unit/workflow/fakes.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const silent = createLogger({ level: 'silent' });

/** Opens a store on the same backing data each time it is called (a restart, or a second replica). */
interface StoreKind {
  name: string;
  supportsTwoInstances: boolean;
  prepare(): Promise<{ open(clock: FakeClock): Promise<WorkflowStore>; cleanup(): Promise<void> }>;
}

const STORE_KINDS: StoreKind[] = [
  {
    name: 'redis',
    supportsTwoInstances: true,
    async prepare() {
      const prefix = testRedisPrefix('workflow');
      return {
        open: (clock) => createRedisStore({ url: testRedisUrl(), prefix, logger: silent, clock }),
        cleanup: () => deletePrefix(testRedisUrl(), prefix),
      };
    },
  },
  {
    name: 'embedded',
    // one process owns a data directory: a second instance is a restart, never a concurrent replica
    supportsTwoInstances: false,
    async prepare() {
      const dataDir = await mkdtemp(join(tmpdir(), 'gdpr-workflow-'));
      return {
        open: (clock) => createSqliteStore({ dataDir, logger: silent, clock }),
        cleanup: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function environment(kind: StoreKind, exportDurationMs: number) {
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');
  const backing = await kind.prepare();
  cleanups.push(backing.cleanup);
  const sim: GenesysSimulator = await startGenesysSimulator({ clock: { now: () => clock.now().getTime() }, exportDurationMs });
  cleanups.push(() => sim.close());
  const notifier = new RecordingNotifier();
  // polls every 5 min at first, then at most every 2 h: a multi-day export in a few dozen checks
  const config = workflowConfig({ pollIntervalSeconds: 300, pollMaxIntervalSeconds: 7200 });

  function genesysClient(): GenesysClient {
    return createGenesysClient({
      apiUrl: sim.apiUrl,
      loginUrl: sim.loginUrl,
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
      logger: silent,
      clock,
      sleep: async (ms) => clock.advance(ms),
      random: () => 0.5,
    });
  }

  /** one replica: its own store instance, Genesys client, workflow and worker */
  async function replica(holderId: string) {
    const store = await backing.open(clock);
    cleanups.push(() => store.close());
    const deps = { store, genesys: genesysClient(), membership: new StaticMembership(), clock, logger: silent, config, random: () => 0.5 };
    return { store, workflow: new ExportWorkflow(deps), worker: new WorkflowWorker({ ...deps, notifier, holderId }) };
  }

  return { clock, sim, notifier, replica };
}

type Replica = Awaited<ReturnType<Awaited<ReturnType<typeof environment>>['replica']>>;

async function caseOf(r: Replica, id: string): Promise<ExportCase> {
  const c = await r.store.getCase(id);
  if (!c) throw new Error(`case ${id} is gone`);
  return c;
}

/** every replica ticks at once, then the clock jumps to the earliest timer */
async function runUntil(env: { clock: FakeClock }, replicas: Replica[], done: () => Promise<boolean>, maxRounds = 400): Promise<number> {
  for (let round = 0; round < maxRounds; round++) {
    let ran = true;
    while (ran) ran = (await Promise.all(replicas.map((r) => r.worker.tick()))).some(Boolean) && (await hasDueWork(replicas[0]!, env.clock));
    if (await done()) return round;
    const { earliest } = await replicas[0]!.store.timerStats();
    if (earliest && earliest > env.clock.now()) env.clock.set(earliest);
    else if (!earliest) env.clock.advance(MINUTE);
  }
  throw new Error('did not finish');
}

async function hasDueWork(r: Replica, clock: FakeClock): Promise<boolean> {
  const now = clock.now();
  return (await r.store.dueTimers(now, 1)).length > 0 || (await r.store.dueNotifications(now, 1)).length > 0;
}

function expectEachNotificationOnce(notifier: RecordingNotifier): void {
  const ids = notifier.delivered.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
}

function newCase(subjects: string[]) {
  return {
    teamId: 'T0001',
    requesterId: REQUESTER,
    subjects: subjects.map((id) => ({ genesysUserId: id, resolvedVia: 'genesys_user_id' as const })),
    legalBasis: 'legal_hold' as const,
    caseReference: 'LH-7',
    justification: 'Litigation hold on the supplier negotiation.',
  };
}

describe.each(STORE_KINDS)('the workflow on the $name store', (kind) => {
  it('takes a request from creation to completion against the simulator', async () => {
    const env = await environment(kind, 2 * DAY);
    const r = await env.replica('replica-1');
    const created = await r.workflow.requestExport(newCase([ALICE, BOB]));
    if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
    const id = created.value.id;
    expect((await r.workflow.approve(id, APPROVER)).ok).toBe(true);

    await runUntil(env, [r], async () => (await caseOf(r, id)).state === 'completed');

    const done = await caseOf(r, id);
    expect(done.subjects.map((s) => [s.genesysUserId, s.state, s.downloadIds?.length])).toEqual([
      [ALICE, 'completed', 1],
      [BOB, 'completed', 1],
    ]);
    expect(env.sim.exports().map((e) => e.userId).sort()).toEqual([ALICE, BOB].sort());
    const finishedAfter = Date.parse(done.finishedAt!) - Date.parse(done.subjects[0]!.submittedAt!);
    expect(finishedAfter - 2 * DAY).toBeLessThanOrEqual(2 * HOUR);

    const links = await r.workflow.issueDownloadLinks(id, 's1', REQUESTER);
    if (!links.ok) throw new Error(`${links.refusal.code}: ${links.refusal.reason}`);
    expect(links.value.links).toHaveLength(1);
    expect(links.value.links[0]?.url.startsWith(env.sim.baseUrl)).toBe(true);

    expect(env.notifier.count('subject_ready')).toBe(2);
    expect(env.notifier.count('case_finished')).toBe(1);
    expectEachNotificationOnce(env.notifier);
    const actions: string[] = [];
    for await (const e of r.store.readAudit(new Date(0))) actions.push(e.action);
    expect(actions.filter((a) => a === 'submitted')).toHaveLength(2);
    expect(actions).toContain('link_issued');
  });

  it('resumes polling after a restart in the middle of a multi-day export', async () => {
    const env = await environment(kind, 3 * DAY);
    const first = await env.replica('before-restart');
    const created = await first.workflow.requestExport(newCase([ALICE]));
    if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
    const id = created.value.id;
    await first.workflow.approve(id, APPROVER);
    const dayOne = env.clock.now().getTime() + DAY;
    await runUntil(env, [first], async () => env.clock.now().getTime() >= dayOne);
    const midway = await caseOf(first, id);
    expect(midway.state).toBe('in_progress');
    expect(midway.subjects[0]?.checks).toBeGreaterThan(3);
    await first.worker.stop();
    await first.store.close();

    env.clock.advance(6 * HOUR); // down for a while
    const second = await env.replica('after-restart');
    await runUntil(env, [second], async () => (await caseOf(second, id)).state === 'completed');
    const done = await caseOf(second, id);
    expect(done.subjects[0]?.checks).toBeGreaterThan(midway.subjects[0]!.checks);
    expect(env.sim.exports()).toHaveLength(1);
    expect(env.notifier.count('subject_ready')).toBe(1);
    expectEachNotificationOnce(env.notifier);
  });

  it.runIf(kind.supportsTwoInstances)('two replicas racing make one export per subject and tell each event once', async () => {
    const env = await environment(kind, 1 * DAY);
    const a = await env.replica('replica-a');
    const b = await env.replica('replica-b');
    const created = await a.workflow.requestExport(newCase([ALICE, BOB]));
    if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
    const id = created.value.id;
    // both approvers click at once, each on their own replica
    const decisions = await Promise.all([a.workflow.approve(id, APPROVER), b.workflow.approve(id, 'UAPPROVER2')]);
    expect(decisions.filter((d) => d.ok)).toHaveLength(1);

    // half-way, the lease holder stops; the other replica carries on
    const halfDay = env.clock.now().getTime() + DAY / 2;
    await runUntil(env, [a, b], async () => env.clock.now().getTime() >= halfDay);
    await a.worker.stop();
    await runUntil(env, [a, b], async () => (await caseOf(b, id)).state === 'completed');

    const perUser = env.sim.exports().map((e) => e.userId).sort();
    expect(perUser).toEqual([ALICE, BOB].sort());
    expect(env.sim.log.filter((e) => e.method === 'POST' && e.path === '/api/v2/gdpr/requests')).toHaveLength(2);
    expect(env.notifier.count('case_decided')).toBe(1);
    expect(env.notifier.count('subject_ready')).toBe(2);
    expect(env.notifier.count('case_finished')).toBe(1);
    expectEachNotificationOnce(env.notifier);
  });

  it.runIf(kind.supportsTwoInstances)('even two cycles at once (a lease lost mid-cycle) duplicate nothing', async () => {
    const env = await environment(kind, 6 * HOUR);
    const a = await env.replica('replica-a');
    const b = await env.replica('replica-b');
    const created = await a.workflow.requestExport(newCase([ALICE, BOB]));
    if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
    const id = created.value.id;
    await b.workflow.approve(id, APPROVER);

    for (let round = 0; round < 200; round++) {
      // runCycle bypasses the lease: both replicas handle the same due timers and notifications
      await Promise.all([a.worker.runCycle(), b.worker.runCycle()]);
      if ((await caseOf(a, id)).state === 'completed' && !(await hasDueWork(a, env.clock))) break;
      const { earliest } = await a.store.timerStats();
      if (earliest && earliest > env.clock.now()) env.clock.set(earliest);
    }

    expect((await caseOf(a, id)).state).toBe('completed');
    expect(env.sim.log.filter((e) => e.method === 'POST' && e.path === '/api/v2/gdpr/requests')).toHaveLength(2);
    expect(env.sim.exports().map((e) => e.userId).sort()).toEqual([ALICE, BOB].sort());
    expect(env.notifier.count('subject_ready')).toBe(2);
    expect(env.notifier.count('case_finished')).toBe(1);
    expectEachNotificationOnce(env.notifier);
    const actions: string[] = [];
    for await (const e of a.store.readAudit(new Date(0))) actions.push(e.action);
    expect(actions.filter((x) => x === 'submitted')).toHaveLength(2);
    expect(actions.filter((x) => x === 'completed')).toHaveLength(2);
  });
});
