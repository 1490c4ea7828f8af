/** A workflow, a worker and their fakes around one store, with a clock the test moves. */
import { createMemoryStore } from '../../../src/store/index.js';
import type { WorkflowConfig } from '../../../src/workflow/deps.js';
import type { AuditEntry, NewCaseInput } from '../../../src/workflow/model.js';
import type { WorkflowStore } from '../../../src/workflow/ports.js';
import { ExportWorkflow } from '../../../src/workflow/export-workflow.js';
import { WorkflowWorker } from '../../../src/workflow/worker.js';
import { captureLogger, FakeClock, FakeGenesys, RecordingNotifier, REQUESTER, StaticMembership, workflowConfig } from './fakes.js';

export interface WorldOptions {
  config?: Partial<WorkflowConfig>;
  clock?: FakeClock;
  store?: WorkflowStore;
  genesys?: FakeGenesys;
  notifier?: RecordingNotifier;
  holderId?: string;
}

export async function createWorld(options: WorldOptions = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? (await createMemoryStore({ clock }));
  const genesys = options.genesys ?? new FakeGenesys(clock);
  const notifier = options.notifier ?? new RecordingNotifier();
  const membership = new StaticMembership({ SREQGROUP: ['UGROUPMEMBER'] });
  const log = captureLogger();
  const config = workflowConfig(options.config);
  const deps = { store, genesys, membership, clock, logger: log.logger, config, random: () => 0.5 };
  const workflow = new ExportWorkflow(deps);
  const worker = new WorkflowWorker({ ...deps, notifier, holderId: options.holderId ?? 'worker-1' });

  /** cycles at the current time until nothing is left to do */
  async function settle(maxCycles = 50): Promise<void> {
    for (let i = 0; i < maxCycles; i++) {
      const done = await worker.runCycle();
      if (done.timers === 0 && done.notifications === 0) return;
    }
    throw new Error('the worker did not settle');
  }

  /** moves the clock to the earliest timer (if it is in the future) and settles */
  async function nextTimer(): Promise<boolean> {
    const { earliest } = await store.timerStats();
    if (!earliest) return false;
    if (earliest > clock.now()) clock.set(earliest);
    await settle();
    return true;
  }

  async function audit(): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for await (const e of store.readAudit(new Date(0))) out.push(e);
    return out;
  }

  return { clock, store, genesys, notifier, membership, log, config, deps, workflow, worker, settle, nextTimer, audit };
}

export function newCaseInput(subjects = 1, overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    teamId: 'T0001',
    requesterId: REQUESTER,
    subjects: Array.from({ length: subjects }, (_, i) => ({
      slackUserId: `USUBJECT${i + 1}`,
      genesysUserId: `genesys-user-${i + 1}`,
      name: `Subject ${i + 1}`,
      resolvedVia: 'slack_profile_email' as const,
    })),
    legalBasis: 'data_subject_access_request',
    receivedOn: '2025-03-01',
    caseReference: 'DSAR-2025-001',
    justification: 'Private reason: subject asked via privacy@example.com for everything.',
    ...overrides,
  };
}
