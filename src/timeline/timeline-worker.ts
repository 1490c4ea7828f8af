/**
 * The timeline build, in a worker process of its own (build-in-worker.ts) so that parsing,
 * sorting, inflating and rendering never hold the bot's event loop nor its cores (which must keep
 * acknowledging Slack within 3 seconds). Archive bytes come from the bot on request; the outputs
 * are sealed encrypted files handed back.
 */
import type { Logger } from '../logger.js';
import { buildTimelineFiles, type ArchiveSource, type WorkerMemory } from './build-timeline.js';
import { deserialiseError, serialiseError } from './worker-errors.js';
import { OWN_PAGES, procStatusKb } from './proc-status.js';
import { channelToParent, lowerEveryThreadsPriority } from './worker-process.js';
import type { FromWorker, ToWorker, WorkerBuildInput } from './worker-protocol.js';

// the channel closes once the answer is sent, or when the bot went away (stopped, crashed):
// either way nothing is left to do
let answered = false;
const post = channelToParent<FromWorker>('timeline-worker.ts', () => process.exit(answered ? 0 : 1));

lowerEveryThreadsPriority();

const memory = watchMemory();

const waiting = new Map<number, (message: ToWorker) => void>();
process.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    void build(message.input);
    return;
  }
  const resolve = waiting.get(message.stream);
  waiting.delete(message.stream);
  resolve?.(message);
});
post({ type: 'ready' });

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

async function build(input: WorkerBuildInput): Promise<void> {
  let outcome: FromWorker;
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
    outcome = { type: 'done', result: { ...result, workerMemory: memory.peak() } };
  } catch (error) {
    outcome = { type: 'failed', error: serialiseError(error) };
  }
  // the answer is on its way before the channel closes; the bot then lets the process end
  answered = true;
  post(outcome, () => process.disconnect());
}

/**
 * For capacity planning (and the benchmark): the process's peak resident memory (maxRSS, KiB), and
 * on Linux the peak of the part that is its own, sampled: RssAnon + RssShmem, without the pages of
 * the Node binary it shares with the bot.
 */
function watchMemory(): { peak(): WorkerMemory } {
  let peakPrivateKb: number | undefined;
  const sample = () => {
    const own = procStatusKb('self', OWN_PAGES);
    if (own !== undefined) peakPrivateKb = Math.max(peakPrivateKb ?? 0, own);
  };
  setInterval(sample, 20).unref();
  return {
    peak: () => {
      sample();
      return { peakRssBytes: process.resourceUsage().maxRSS * 1024, peakPrivateBytes: peakPrivateKb === undefined ? undefined : peakPrivateKb * 1024 };
    },
  };
}

function toDate(iso: string | undefined): Date | undefined {
  return iso === undefined ? undefined : new Date(iso);
}
