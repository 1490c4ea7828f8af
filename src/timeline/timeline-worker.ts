/**
 * The timeline build, in a worker thread so that parsing, sorting and rendering never hold the
 * main thread's event loop (which must keep acknowledging Slack within 3 seconds). Archive bytes
 * come from the main thread on request; the outputs are sealed encrypted files handed back.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { buildTimelineFiles, type ArchiveSource } from './build-timeline.js';
import { deserialiseError, serialiseError } from './worker-errors.js';
import type { FromWorker, ToWorker, WorkerBuildInput } from './worker-protocol.js';

// 0 is normal, 19 the lowest; 10 still gets most of an idle core
const WORKER_NICE = 10;

const port = parentPort;
if (!port) throw new Error('timeline-worker.ts runs only as a worker thread');

lowerThisThreadsPriority();

const post = (message: FromWorker) => port.postMessage(message);
const waiting = new Map<number, (message: ToWorker) => void>();
port.on('message', (message: ToWorker) => {
  const resolve = waiting.get(message.stream);
  waiting.delete(message.stream);
  resolve?.(message);
});

function ask(stream: number, request: FromWorker): Promise<ToWorker> {
  return new Promise((resolve) => {
    waiting.set(stream, resolve);
    post(request);
  });
}

let nextStream = 0;
function remoteArchive(subject: number, archive: number): ArchiveSource {
  return async () => {
    const stream = (nextStream += 1);
    const opened = await ask(stream, { type: 'open', stream, subject, archive });
    if (opened.type === 'error') throw deserialiseError(opened.error);
    return (async function* () {
      let finished = false;
      try {
        for (;;) {
          const answer = await ask(stream, { type: 'next', stream });
          if (answer.type === 'end') {
            finished = true;
            return;
          }
          if (answer.type === 'error') {
            finished = true;
            throw deserialiseError(answer.error);
          }
          if (answer.type === 'chunk') yield Buffer.from(answer.data.buffer, answer.data.byteOffset, answer.data.byteLength);
        }
      } finally {
        if (!finished) post({ type: 'close', stream }); // stopped early (a limit, a corrupt archive)
      }
    })();
  };
}

const logger = {
  info: (fields: Record<string, unknown>, msg: string) => post({ type: 'log', level: 'info', fields, msg }),
  warn: (fields: Record<string, unknown>, msg: string) => post({ type: 'log', level: 'warn', fields, msg }),
} as unknown as Logger;

const input = workerData as WorkerBuildInput;
try {
  const result = await buildTimelineFiles(
    {
      subjects: input.subjects.map((s, i) => ({ ...s, archives: Array.from({ length: s.archiveCount }, (_, a) => remoteArchive(i, a)) })),
      range: input.range ? { from: toDate(input.range.from), to: toDate(input.range.to) } : undefined,
      timeZone: input.timeZone,
      title: input.title,
      labels: input.labels,
    },
    { logger, tmpDir: input.tmpDir, limits: input.limits, maxEntryBytes: input.maxEntryBytes, runBufferBytes: input.runBufferBytes, htmlPartMessages: input.htmlPartMessages },
    input.formats,
  );
  post({ type: 'done', result });
} catch (error) {
  post({ type: 'failed', error: serialiseError(error) });
}

function toDate(iso: string | undefined): Date | undefined {
  return iso === undefined ? undefined : new Date(iso);
}

/**
 * On a machine with fewer free cores than busy threads the build competes with the main thread,
 * which must keep acknowledging Slack within 3 s: the worker thread asks the scheduler to prefer
 * others (Linux: a thread has its own nice value, set through its thread id). A build then only
 * runs slower when the CPU is needed elsewhere. Anywhere else this does nothing.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, WORKER_NICE);
  } catch {
    // no /proc (not Linux) or not permitted: the build runs at the normal priority
  }
}
