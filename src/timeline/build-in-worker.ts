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
 * threads (timeline-worker.ts), and it gets no secret: only the build's own input.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildTimelineDeps, BuildTimelineInput, BuiltTimelineFiles, TimelineFormat } from './build-timeline.js';
import { deserialiseError, serialiseError } from './worker-errors.js';
import { WORKER_NICE, type FromWorker, type ToWorker, type WorkerBuildInput } from './worker-protocol.js';

const WORKER_HEAP_MB = 384;
// V8's young generation is three times this (16 MB a semi-space by default). A build allocates
// buffers at a great rate (inflated chunks, cipher output, rows): with a small young generation
// they die in frequent cheap scavenges instead of piling up as dead external memory until a full
// collection, some 50 MB of the worker's resident memory. Measured at 200,000 messages: peak RSS
// 165 MB at the default, 126 at 2, 112 at 1, build time the same within noise.
const WORKER_SEMI_SPACE_MB = 1;
// what the worker process may see of the environment: no token, no secret
const PASSED_ENVIRONMENT = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TZ', 'SYSTEMROOT'];

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
  const worker = startWorker(deps.workerHeapMb ?? WORKER_HEAP_MB);
  const streams = new Map<number, AsyncIterator<Buffer | Uint8Array>>();
  const send = (message: ToWorker) => {
    if (worker.connected) worker.send(message);
  };
  let stderrTail = '';
  worker.stderr?.setEncoding('utf8').on('data', (text: string) => (stderrTail = (stderrTail + text).slice(-2000)));
  try {
    return await new Promise<BuiltTimelineFiles>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code, signal) => reject(stoppedUnexpectedly(code, signal, stderrTail)));
      worker.on('message', (message: FromWorker) => {
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
      });
    });
  } finally {
    for (const stream of streams.values()) void stream.return?.();
    await stop(worker);
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

/** Compiled (dist/*.js) the worker is a plain module; from sources (tests, tsx) it needs tsx's loader. */
function startWorker(heapMb: number): ChildProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSources ? './timeline-worker.ts' : './timeline-worker.js', import.meta.url));
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ENVIRONMENT) if (process.env[name] !== undefined) env[name] = process.env[name];
  const worker = fork(entry, [], {
    execArgv: [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`, ...(fromSources ? ['--import', 'tsx'] : [])],
    env,
    // byte arrays cross as they are (JSON would turn each chunk into an array of numbers)
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // Lowered at once, so that Node's own start-up (some 50 ms of CPU) yields to the bot too; the
  // threads it starts inherit the value, and the worker lowers any it started before this.
  if (worker.pid !== undefined) {
    try {
      setPriority(worker.pid, WORKER_NICE);
    } catch {
      // not permitted: the worker lowers itself
    }
  }
  return worker;
}

/** The worker died before it answered: out of heap (V8 says so on stderr), killed, or crashed. */
function stoppedUnexpectedly(code: number | null, signal: NodeJS.Signals | null, stderr: string): Error {
  const outOfHeap = /heap limit|heap out of memory/i.test(stderr);
  const how = outOfHeap ? 'it ran out of memory' : signal ? `signal ${signal}` : `exit code ${code}`;
  const error = new Error(`The timeline worker stopped unexpectedly (${how}).`) as Error & { code?: string };
  error.code = outOfHeap ? 'ERR_WORKER_OUT_OF_MEMORY' : 'ERR_WORKER_EXITED';
  return error;
}

function megabytes(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : Math.round(bytes / 1024 ** 2);
}

async function stop(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
}
