/**
 * Runs buildTimelineFiles in a worker process (timeline-worker.ts) and serves it the archives from
 * this process: the thunks mint links and download here, the bytes go over in chunks, one at a time
 * as the worker asks, so nothing piles up. The worker's heap is capped: a runaway build ends the
 * worker, not the bot.
 *
 * A process rather than a thread, so that all of the build runs at a low priority. A worker thread
 * lowered only itself: its inflating and deflating ran on libuv's thread pool and its garbage
 * collection on V8's helper threads, which a process shares with its main thread and which run at
 * normal priority. On two cores those kept the bot's main thread waiting 8–13 ms at a time for a
 * core, several times a second, all through a build. The worker process lowers every one of its
 * threads (timeline-worker.ts), and it gets no secret: only the build's own input. The bot starts
 * it through its worker launcher (worker-launcher.ts), so that the bot itself never forks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildTimelineDeps, BuildTimelineInput, BuiltTimelineFiles, TimelineFormat } from './build-timeline.js';
import { deserialiseError, serialiseError } from './worker-errors.js';
import { forkHere, type LaunchedWorker, type WorkerLauncher } from './worker-launcher.js';
import { stoppedUnexpectedly } from './worker-process.js';
import type { FromWorker, ToWorker, WorkerBuildInput } from './worker-protocol.js';

const WORKER_HEAP_MB = 384;

export interface BuildInWorkerDeps extends BuildTimelineDeps {
  workerHeapMb?: number;
  /** the bot's worker launcher (worker-launcher.ts); without one this process forks the worker */
  launcher?: WorkerLauncher;
}

export async function buildTimelineInWorker(
  input: BuildTimelineInput,
  deps: BuildInWorkerDeps,
  formats: TimelineFormat[] = ['csv', 'html'],
): Promise<BuiltTimelineFiles> {
  // The worker writes only inside this directory: whatever happens to it (a heap cap reached, a
  // crash), removing the directory leaves nothing behind.
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'gdpr-timeline-build-'));
  try {
    const built = await runWorker(input, { ...deps, tmpDir: dir }, formats);
    return { ...built, dir };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function runWorker(
  input: BuildTimelineInput,
  deps: BuildInWorkerDeps,
  formats: TimelineFormat[],
): Promise<BuiltTimelineFiles> {
  const data: WorkerBuildInput = {
    subjects: input.subjects.map(({ archives, ...subject }) => ({ ...subject, archiveCount: archives.length })),
    range: input.range ? { from: input.range.from?.toISOString(), to: input.range.to?.toISOString() } : undefined,
    timeZone: input.timeZone,
    title: input.title,
    labels: input.labels,
    tmpDir: deps.tmpDir,
    limits: { ...deps.limits, ...(deps.maxArchiveBytes !== undefined ? { maxArchiveBytes: deps.maxArchiveBytes } : {}) },
    maxEntryBytes: deps.maxEntryBytes,
    runBufferBytes: deps.runBufferBytes,
    htmlPartMessages: deps.htmlPartMessages,
    formats,
  };
  const streams = new Map<number, AsyncIterator<Buffer | Uint8Array>>();
  let worker: LaunchedWorker | undefined;
  const send = (message: ToWorker) => worker?.send(message);
  try {
    return await new Promise<BuiltTimelineFiles>((resolve, reject) => {
      worker = (deps.launcher ?? forkHere).launch(deps.workerHeapMb ?? WORKER_HEAP_MB, {
        exit: (ending) => reject(stoppedUnexpectedly(ending)),
        message: (message: FromWorker) => {
          switch (message.type) {
            case 'ready':
              send({ type: 'start', input: data });
              return;
            case 'log':
              deps.logger[message.level](message.fields, message.msg);
              return;
            case 'done':
              deps.logger.info({ workerPeakRssMb: megabytes(message.result.workerMemory?.peakRssBytes), workerPeakPrivateMb: megabytes(message.result.workerMemory?.peakPrivateBytes) }, 'timeline worker finished');
              resolve(message.result);
              return;
            case 'failed':
              reject(deserialiseError(message.error));
              return;
            case 'open':
              open(message.stream, message.subject, message.archive);
              return;
            case 'next':
              next(message.stream);
              return;
            case 'close':
              void streams.get(message.stream)?.return?.();
              streams.delete(message.stream);
              return;
          }
        },
      });
    });
  } finally {
    for (const stream of streams.values()) void stream.return?.();
    await worker?.stop();
  }

  function open(stream: number, subject: number, archive: number): void {
    const source = input.subjects[subject]?.archives[archive];
    if (!source) return send({ type: 'error', stream, error: { timeline: false, message: 'no such archive' } });
    source()
      .then((iterable) => {
        streams.set(stream, iterable[Symbol.asyncIterator]());
        send({ type: 'opened', stream });
      })
      .catch((error: unknown) => send({ type: 'error', stream, error: serialiseError(error) }));
  }

  function next(stream: number): void {
    const iterator = streams.get(stream);
    if (!iterator) return send({ type: 'error', stream, error: { timeline: false, message: 'stream closed' } });
    Promise.resolve()
      .then(() => iterator.next())
      .then((result) => {
        if (result.done) {
          streams.delete(stream);
          return send({ type: 'end', stream });
        }
        send({ type: 'chunk', stream, data: result.value });
      })
      .catch((error: unknown) => {
        streams.delete(stream);
        send({ type: 'error', stream, error: serialiseError(error) });
      });
  }
}

function megabytes(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : Math.round(bytes / 1024 ** 2);
}
