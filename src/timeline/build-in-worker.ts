/**
 * Runs buildTimelineFiles in a worker thread (timeline-worker.ts) and serves it the archives from
 * this thread: the thunks mint links and download here, the bytes go over in chunks, one at a time
 * as the worker asks, so nothing piles up. The worker's heap is capped: a runaway build ends the
 * worker, not the bot.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildTimelineDeps, BuildTimelineInput, BuiltTimelineFiles, TimelineFormat } from './build-timeline.js';
import { deserialiseError, serialiseError } from './worker-errors.js';
import type { FromWorker, ToWorker, WorkerBuildInput } from './worker-protocol.js';

const WORKER_HEAP_MB = 384;

export async function buildTimelineInWorker(
  input: BuildTimelineInput,
  deps: BuildTimelineDeps & { workerHeapMb?: number },
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
  deps: BuildTimelineDeps & { workerHeapMb?: number },
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
  const worker = startWorker(data, deps.workerHeapMb ?? WORKER_HEAP_MB);
  const streams = new Map<number, AsyncIterator<Buffer | Uint8Array>>();
  const send = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  try {
    return await new Promise<BuiltTimelineFiles>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`The timeline worker stopped unexpectedly (exit code ${code}).`)));
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'log':
            deps.logger[message.level](message.fields, message.msg);
            return;
          case 'done':
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
      });
    });
  } finally {
    for (const stream of streams.values()) void stream.return?.();
    await worker.terminate();
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
        // a private copy is transferred: the source may reuse or share its buffer
        const copy = new Uint8Array(result.value.byteLength);
        copy.set(result.value);
        send({ type: 'chunk', stream, data: copy }, [copy.buffer]);
      })
      .catch((error: unknown) => {
        streams.delete(stream);
        send({ type: 'error', stream, error: serialiseError(error) });
      });
  }
}

/** Compiled (dist/*.js) the worker is a plain module; from sources (tests, tsx) it needs tsx's loader. */
function startWorker(workerData: WorkerBuildInput, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (import.meta.url.endsWith('.ts')) {
    const file = new URL('./timeline-worker.ts', import.meta.url);
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`;
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
  }
  return new Worker(new URL('./timeline-worker.js', import.meta.url), { workerData, resourceLimits });
}
