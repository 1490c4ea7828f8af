import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { buildTimelineInWorker } from '../../../src/timeline/build-in-worker.js';
import { processState, processes, statOfThreads } from '../../helpers/processes.js';
import { createWorkerLauncher, forkHere, type RunningWorkerLauncher, type WorkerLauncher } from '../../../src/timeline/worker-launcher.js';
import { buildTimeline, TimelineError, type BuildTimelineInput } from '../../../src/timeline/index.js';
import { endedOnce, forkTimelineModule } from '../../../src/timeline/worker-process.js';
import type { WorkerEnding } from '../../../src/timeline/worker-protocol.js';
import { openSealedFile } from '../../../src/timeline/encrypted-temp-file.js';
import { removeBuiltFiles } from '../../../src/timeline/build-timeline.js';
import { buildZip, chunksOf, collect, noiseEntries, realtimeText } from './fixtures.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';

const execFileAsync = promisify(execFile);
let tmpDir: string;
let logLines: string[];
let logger: ReturnType<typeof createLogger>;
const launchers: RunningWorkerLauncher[] = [];
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-worker-test-'));
  logLines = [];
  logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
});
afterEach(async () => {
  await Promise.all(launchers.splice(0).map((launcher) => launcher.close()));
  await rm(tmpDir, { recursive: true, force: true });
});

function startedLauncher(): RunningWorkerLauncher {
  const launcher = createWorkerLauncher();
  launchers.push(launcher);
  launcher.start();
  return launcher;
}

const NICE = 19;
const POLICY = 41;
const niceOfThreads = (pid: number) => statOfThreads(pid, NICE);
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;
// util-linux's chrt sets SCHED_IDLE; without it the build runs at nice 19 only
const chrtAvailable = spawnSync('chrt', ['--version']).status === 0;

/** the build's input, whose first archive is opened only once `whileRunning` has looked at the processes */
async function inputWatched(whileRunning: () => Promise<void>): Promise<BuildTimelineInput> {
  const base = await input();
  const [first, ...rest] = base.subjects;
  const archive = async () => {
    await whileRunning();
    return first!.archives[0]!();
  };
  return { ...base, subjects: [{ ...first!, archives: [archive] }, ...rest] };
}

async function input(): Promise<BuildTimelineInput> {
  const alice = await buildZip([...noiseEntries(5), { name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text: 'Hello <b>Bob</b>' }, { created: '2024-01-03T09:20:00Z', text: 'Thanks' }]) }]);
  const bob = await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:15:00Z', text: 'Sending them now' }]) }]);
  return {
    subjects: [
      { subjectId: 's1', name: 'Alice Martin', genesysUserId: 'gid-alice', archives: [async () => chunksOf(alice, 100)] },
      { subjectId: 's2', name: 'Bob Chen', genesysUserId: 'gid-bob', archives: [async () => chunksOf(bob, 100)] },
    ],
    timeZone: 'Europe/Paris',
    labels: enTimelineFiles,
    title: 'Timeline',
  };
}

const ways: Array<[string, () => WorkerLauncher]> = [
  ['forked by this process', () => forkHere],
  ['forked by the worker launcher', () => startedLauncher()],
];

describe.each(ways)('buildTimelineInWorker, %s', (_, launcherOf) => {
  it('builds in a worker process exactly what the in-process build does, and hands over the files', async () => {
    const expected = await buildTimeline(await input(), { logger, tmpDir });
    const built = await buildTimelineInWorker(await input(), { logger, tmpDir, launcher: launcherOf() }, ['csv', 'html']);
    try {
      expect(built.summary).toEqual(expected.summary);
      expect(Buffer.concat(await collect(openSealedFile(built.files.csv!))).toString('utf8')).toBe(expected.csv);
      expect(Buffer.concat(await collect(openSealedFile(built.files.html!))).toString('utf8')).toBe(expected.html);
      expect(built.archives.map((a) => a.zipSha256)).toEqual(expected.archives.map((a) => a.zipSha256));
      // for capacity planning: its peak RSS, and on Linux the part of it that is its own pages
      const memory = built.workerMemory!;
      expect(memory.peakRssBytes).toBeGreaterThan(0);
      if (process.platform === 'linux') expect(memory.peakPrivateBytes).toBeGreaterThan(0);
      if (process.platform === 'linux') expect(memory.peakPrivateBytes).toBeLessThan(memory.peakRssBytes);
    } finally {
      await removeBuiltFiles(built);
    }
    expect(await readdir(tmpDir)).toEqual([]);
    expect(logLines.join('\n')).toContain('"msg":"timeline built"');
  });

  it.runIf(process.platform === 'linux')('runs the build in a process of its own whose every thread has the lowest priority (Linux nice 19, and SCHED_IDLE where chrt is), the bot untouched', async () => {
    const launcher = launcherOf();
    const before = new Set((await processes()).map((p) => p.pid));
    let workerThreads: number[] = [];
    let workerPolicies: number[] = [];
    const built = await buildTimelineInWorker(
      // the worker asks for this archive only after it has set its priority
      await inputWatched(async () => {
        const worker = (await processes()).find((p) => !before.has(p.pid) && p.command.includes('timeline-worker'));
        workerThreads = worker ? await niceOfThreads(worker.pid) : [];
        workerPolicies = worker ? await statOfThreads(worker.pid, POLICY) : [];
      }),
      { logger, tmpDir, launcher },
    );
    await removeBuiltFiles(built);
    expect(workerThreads.length).toBeGreaterThan(1); // its main thread and at least V8's or libuv's helpers
    expect(new Set(workerThreads)).toEqual(new Set([19]));
    // preempted at once by any thread of the bot that wakes, not merely weighed less
    if (chrtAvailable) expect(new Set(workerPolicies)).toEqual(new Set([SCHED_IDLE]));
    // the bot is untouched
    expect((await niceOfThreads(process.pid)).filter((nice) => nice !== 0)).toEqual([]);
    expect(new Set(await statOfThreads(process.pid, POLICY))).toEqual(new Set([SCHED_OTHER]));
  });

  it('brings a coded failure back as a TimelineError, with its limit and place, and leaves no file', async () => {
    const error = await buildTimelineInWorker(await input(), { logger, tmpDir, limits: { maxMessages: 2 }, launcher: launcherOf() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimelineError);
    expect(error).toMatchObject({ code: 'too_large', params: { limit: 'messages', max: 2, where: { subject: 2, subjects: 2 } } });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('survives a worker that runs out of heap: the build fails, the bot lives, no file is left', async () => {
    // one 64 MB message: more than a 32 MB heap can hold while the parser assembles it
    const huge = await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text: 'a'.repeat(64 * 1024 * 1024) }]) }]);
    const base = await input();
    const launcher = launcherOf();
    const heavy = { ...base, subjects: [{ ...base.subjects[0]!, archives: [async () => chunksOf(huge, 64 * 1024)] }] };
    const error = await buildTimelineInWorker(heavy, { logger, tmpDir, workerHeapMb: 32, launcher }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TimelineError);
    expect((error as Error & { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect((error as Error).message).toBe('The timeline worker stopped unexpectedly (it ran out of memory).');
    expect(await readdir(tmpDir)).toEqual([]);
    // and the next build works
    const built = await buildTimelineInWorker(await input(), { logger, tmpDir, launcher });
    await removeBuiltFiles(built);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('passes a failing download through, and stops reading a source it no longer needs', async () => {
    const base = await input();
    const refused = async () => {
      throw new TimelineError('download_failed', 'The archive download was refused (HTTP 404).', { status: 404 });
    };
    const error = await buildTimelineInWorker({ ...base, subjects: [{ ...base.subjects[0]!, archives: [refused] }] }, { logger, tmpDir, launcher: launcherOf() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'download_failed', status: 404 });
    expect(await readdir(tmpDir)).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('the worker launcher', () => {
  const exists = async (pid: number) => (await processState(pid)) !== undefined;
  const gone = async (pid: number) => {
    for (let i = 0; i < 100 && (await exists(pid)); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    return !(await exists(pid));
  };

  it('forks every build worker itself, so this process forks none; one launcher serves build after build', async () => {
    const launcher = startedLauncher();
    const launcherPid = launcher.pid();
    const parents: number[] = [];
    for (let build = 0; build < 2; build += 1) {
      const built = await buildTimelineInWorker(
        await inputWatched(async () => {
          const worker = (await processes()).find((p) => p.command.includes('timeline-worker') && (p.ppid === launcherPid || p.ppid === process.pid));
          if (worker) parents.push(worker.ppid);
        }),
        { logger, tmpDir, launcher },
      );
      await removeBuiltFiles(built);
    }
    expect(launcherPid).toBeDefined();
    expect(parents).toEqual([launcherPid, launcherPid]);
    expect(launcher.pid()).toBe(launcherPid);
    expect(new Set(await niceOfThreads(launcherPid!))).toEqual(new Set([19]));
    if (chrtAvailable) expect(new Set(await statOfThreads(launcherPid!, POLICY))).toEqual(new Set([SCHED_IDLE]));
  });

  it('fails the build it runs when the launcher dies, ends its worker, and starts a new launcher for the next build', async () => {
    const launcher = startedLauncher();
    const first = launcher.pid()!;
    let workerPid: number | undefined;
    const error = await buildTimelineInWorker(
      await inputWatched(async () => {
        workerPid = (await processes()).find((p) => p.ppid === first && p.command.includes('timeline-worker'))?.pid;
        process.kill(first, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }),
      { logger, tmpDir, launcher },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_WORKER_EXITED', message: 'The timeline worker stopped unexpectedly (its launcher stopped: signal SIGKILL).' });
    expect(workerPid).toBeDefined();
    expect(await gone(workerPid!)).toBe(true);
    expect(await readdir(tmpDir)).toEqual([]);

    const built = await buildTimelineInWorker(await input(), { logger, tmpDir, launcher });
    await removeBuiltFiles(built);
    expect(launcher.pid()).not.toBe(first);
  });

  it('on close, ends a build it runs and its worker, then itself', async () => {
    const launcher = startedLauncher();
    const launcherPid = launcher.pid()!;
    let workerPid: number | undefined;
    let closed: Promise<void> | undefined;
    const error = await buildTimelineInWorker(
      await inputWatched(async () => {
        workerPid = (await processes()).find((p) => p.ppid === launcherPid && p.command.includes('timeline-worker'))?.pid;
        closed = launcher.close();
      }),
      { logger, tmpDir, launcher },
    ).catch((e: unknown) => e);
    await closed;
    expect(error).toMatchObject({ code: 'ERR_WORKER_EXITED' });
    expect(await gone(launcherPid)).toBe(true);
    expect(await gone(workerPid!)).toBe(true);
  });

  // a bot killed while its launcher starts (the crash tests do it), or a launcher while its worker
  // does: the helper's first message finds the channel closed
  it.each([
    ['the launcher', 'worker-launcher-process', 0],
    ['a build worker', 'timeline-worker', 1],
  ] as const)('%s ends quietly when its parent goes away before it is ready: no error on its stderr', async (_, module, code) => {
    const forked = forkTimelineModule(module, [], 'pipe');
    forked.child.disconnect();
    let ending: WorkerEnding | undefined;
    await endedOnce(forked, (how) => (ending = how));
    expect(ending).toMatchObject({ code, signal: null, stderrTail: '' });
  });

  it('does not keep an otherwise finished process alive once its build is done', async () => {
    // a script that starts a launcher, builds once and returns: it must end by itself
    const script = join(tmpDir, 'one-build.mts');
    const source = (file: string) => new URL(`../../../src/timeline/${file}`, import.meta.url).href;
    await writeFile(
      script,
      [
        `import { createWorkerLauncher } from '${source('worker-launcher.ts')}';`,
        `import { buildTimelineInWorker } from '${source('build-in-worker.ts')}';`,
        `import { removeBuiltFiles } from '${source('build-timeline.ts')}';`,
        `const launcher = createWorkerLauncher();`,
        `launcher.start();`,
        `const zip = Buffer.from(${JSON.stringify((await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text: 'Hi' }]) }])).toString('base64'))}, 'base64');`,
        `const archive = async () => (async function* () { yield zip; })();`,
        `const logger = { info() {}, warn() {}, error() {} };`,
        `const built = await buildTimelineInWorker({ subjects: [{ subjectId: 's1', name: 'A', genesysUserId: 'g', archives: [archive] }], timeZone: 'UTC', labels: ${JSON.stringify(enTimelineFiles)}, title: 'T' }, { logger, tmpDir: ${JSON.stringify(tmpDir)}, launcher });`,
        `await removeBuiltFiles(built);`,
        `console.log('built ' + built.summary.messages);`,
      ].join('\n'),
    );
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script], { timeout: 30_000 });
    expect(stdout.trim()).toBe('built 1');
  });
});
