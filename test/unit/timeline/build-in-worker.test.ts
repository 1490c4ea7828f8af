import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { buildTimelineInWorker } from '../../../src/timeline/build-in-worker.js';
import { buildTimeline, TimelineError, type BuildTimelineInput } from '../../../src/timeline/index.js';
import { openSealedFile } from '../../../src/timeline/encrypted-temp-file.js';
import { removeBuiltFiles } from '../../../src/timeline/build-timeline.js';
import { buildZip, chunksOf, collect, noiseEntries, realtimeText } from './fixtures.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';

let tmpDir: string;
let logLines: string[];
let logger: ReturnType<typeof createLogger>;
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-worker-test-'));
  logLines = [];
  logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
});
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

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

describe('buildTimelineInWorker', () => {
  it('builds in a worker process exactly what the in-process build does, and hands over the files', async () => {
    const expected = await buildTimeline(await input(), { logger, tmpDir });
    const built = await buildTimelineInWorker(await input(), { logger, tmpDir }, ['csv', 'html']);
    try {
      expect(built.summary).toEqual(expected.summary);
      expect(Buffer.concat(await collect(openSealedFile(built.files.csv!))).toString('utf8')).toBe(expected.csv);
      expect(Buffer.concat(await collect(openSealedFile(built.files.html!))).toString('utf8')).toBe(expected.html);
      expect(built.archives.map((a) => a.zipSha256)).toEqual(expected.archives.map((a) => a.zipSha256));
    } finally {
      await removeBuiltFiles(built);
    }
    expect(await readdir(tmpDir)).toEqual([]);
    expect(logLines.join('\n')).toContain('"msg":"timeline built"');
  });

  it.runIf(process.platform === 'linux')('runs the build in a process of its own whose every thread has the lowest priority (Linux nice 19), the bot untouched', async () => {
    const niceOfThreads = async (pid: number) => {
      const values: number[] = [];
      for (const task of await readdir(`/proc/${pid}/task`).catch(() => [])) {
        const stat = await readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => '');
        if (stat) values.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
      }
      return values;
    };
    const childrenOfThisProcess = async () => {
      const children: number[] = [];
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
        if (stat && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) children.push(Number(entry));
      }
      return children;
    };
    const base = await input();
    const childrenBefore = await childrenOfThisProcess();
    let workerThreads: number[] = [];
    const [first, ...rest] = base.subjects;
    const built = await buildTimelineInWorker(
      {
        ...base,
        subjects: [
          // the worker asks for this archive only after it has set its priority
          {
            ...first!,
            archives: [
              async () => {
                const [worker] = (await childrenOfThisProcess()).filter((pid) => !childrenBefore.includes(pid));
                workerThreads = worker ? await niceOfThreads(worker) : [];
                return first!.archives[0]!();
              },
            ],
          },
          ...rest,
        ],
      },
      { logger, tmpDir },
    );
    await removeBuiltFiles(built);
    expect(workerThreads.length).toBeGreaterThan(1); // its main thread and at least V8's or libuv's helpers
    expect(new Set(workerThreads)).toEqual(new Set([19]));
    expect((await niceOfThreads(process.pid)).filter((nice) => nice !== 0)).toEqual([]); // the bot is untouched
  });

  it('brings a coded failure back as a TimelineError, with its limit and place, and leaves no file', async () => {
    const error = await buildTimelineInWorker(await input(), { logger, tmpDir, limits: { maxMessages: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimelineError);
    expect(error).toMatchObject({ code: 'too_large', params: { limit: 'messages', max: 2, where: { subject: 2, subjects: 2 } } });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('survives a worker that runs out of heap: the build fails, the bot lives, no file is left', async () => {
    // one 64 MB message: more than a 32 MB heap can hold while the parser assembles it
    const huge = await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text: 'a'.repeat(64 * 1024 * 1024) }]) }]);
    const base = await input();
    const heavy = { ...base, subjects: [{ ...base.subjects[0]!, archives: [async () => chunksOf(huge, 64 * 1024)] }] };
    const error = await buildTimelineInWorker(heavy, { logger, tmpDir, workerHeapMb: 32 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TimelineError);
    expect((error as Error & { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect((error as Error).message).toBe('The timeline worker stopped unexpectedly (it ran out of memory).');
    expect(await readdir(tmpDir)).toEqual([]);
    // and the next build works
    const built = await buildTimelineInWorker(await input(), { logger, tmpDir });
    await removeBuiltFiles(built);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('passes a failing download through, and stops reading a source it no longer needs', async () => {
    const base = await input();
    const refused = async () => {
      throw new TimelineError('download_failed', 'The archive download was refused (HTTP 404).', { status: 404 });
    };
    const error = await buildTimelineInWorker({ ...base, subjects: [{ ...base.subjects[0]!, archives: [refused] }] }, { logger, tmpDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'download_failed', status: 404 });
    expect(await readdir(tmpDir)).toEqual([]);
  });
});
