/**
 * Forking the timeline's helper processes: the one place that knows their entry files, what they
 * may see of the environment, and how a build worker (timeline-worker.ts) is started: its heap
 * caps and its priority. The worker launcher (worker-launcher-process.ts) forks build workers with
 * it; so does the bot itself when it runs a build without a launcher.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WORKER_NICE, type WorkerEnding } from './worker-protocol.js';

// V8's young generation is three times this (16 MB a semi-space by default). A build allocates
// buffers at a great rate (inflated chunks, cipher output, rows): with a small young generation
// they die in frequent cheap scavenges instead of piling up as dead external memory until a full
// collection, some 50 MB of the worker's resident memory. Measured at 200,000 messages: peak RSS
// 165 MB at the default, 126 at 2, 112 at 1, build time the same within noise.
const WORKER_SEMI_SPACE_MB = 1;
// what a helper process may see of the environment: no token, no secret
const PASSED_ENVIRONMENT = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TZ', 'SYSTEMROOT'];
const STDERR_TAIL_CHARS = 2000;

export interface ForkedProcess {
  child: ChildProcess;
  /** the end of what it wrote on stderr ('' when it writes to the bot's): V8 says there why it stopped (out of heap) */
  stderrTail: () => string;
}

/**
 * Compiled (dist/*.js) these are plain modules; from sources (tests, tsx) they need tsx's loader.
 * Their channel carries byte arrays as they are (advanced serialisation; JSON would turn each
 * chunk into an array of numbers).
 */
export function forkTimelineModule(name: 'timeline-worker' | 'worker-launcher-process', execArgv: string[], stderr: 'pipe' | 'inherit'): ForkedProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  const env: NodeJS.ProcessEnv = {};
  for (const variable of PASSED_ENVIRONMENT) if (process.env[variable] !== undefined) env[variable] = process.env[variable];
  const child = fork(entry, [], {
    execArgv: [...execArgv, ...(fromSources ? ['--import', 'tsx'] : [])],
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', stderr, 'ipc'],
  });
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (tail = (tail + text).slice(-STDERR_TAIL_CHARS)));
  return { child, stderrTail: () => tail };
}

export function forkTimelineWorker(heapMb: number): ForkedProcess {
  // its stderr is read: V8 says there that the worker ran out of heap
  const forked = forkTimelineModule('timeline-worker', [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`], 'pipe');
  // Lowered at once, so that Node's own start-up (some 50 ms of CPU) yields to the bot too; the
  // threads it starts inherit the value, and the worker lowers any it started before this.
  if (forked.child.pid !== undefined) {
    try {
      setPriority(forked.child.pid, WORKER_NICE);
    } catch {
      // not permitted: the worker lowers itself
    }
  }
  return forked;
}

/** The worker died before it answered: out of heap (V8 says so on stderr), killed, crashed, or its launcher did. */
export function stoppedUnexpectedly({ code, signal, stderrTail, launcherStopped }: WorkerEnding): Error {
  const outOfHeap = /heap limit|heap out of memory/i.test(stderrTail);
  const ended = signal ? `signal ${signal}` : `exit code ${code}`;
  const how = outOfHeap ? 'it ran out of memory' : launcherStopped ? `its launcher stopped: ${ended}` : ended;
  const error = new Error(`The timeline worker stopped unexpectedly (${how}).`) as Error & { code?: string };
  error.code = outOfHeap ? 'ERR_WORKER_OUT_OF_MEMORY' : 'ERR_WORKER_EXITED';
  return error;
}

/**
 * How a helper process (the launcher, a build worker) writes to its parent. The parent may be gone
 * (stopped, crashed, killed) before a message leaves, even before the helper has started: the
 * helper then ends as it does on 'disconnect', instead of dying of an unhandled EPIPE on its stderr.
 * `sent` runs once the message is handed to the channel.
 */
export function channelToParent<Message>(entry: string, parentGone: () => void): (message: Message, sent?: () => void) => void {
  const send = process.send?.bind(process);
  if (!send) throw new Error(`${entry} runs only as a child of the bot`);
  process.on('disconnect', parentGone);
  return (message, sent) => {
    if (!process.connected) return parentGone();
    send(message, undefined, undefined, (error) => (error ? parentGone() : sent?.()));
  };
}

/** How low a helper process runs: what `lowerEveryThreadsPriority` could get. */
export type HelperPriority = 'idle' | 'nice' | 'normal';

const SCHED_IDLE = 5;

/**
 * Every thread of this process (its main thread, V8's garbage-collection helpers, libuv's pool that
 * inflates and deflates) yields to everything else; threads started later inherit it from the
 * thread that starts them.
 * - nice 19, thread by thread (Linux lists them under /proc/self/task; elsewhere the process).
 * - Then, on Linux, the SCHED_IDLE policy, set by util-linux's `chrt` (Node has no call for it).
 *   Nice 19 only weighs a thread: a waking bot thread can still wait for it to finish its slice,
 *   some 1-3 ms. A SCHED_IDLE thread is preempted at once by any other that wakes. Measured on
 *   the 200,000-message bench, ack p99 during builds over the idle p99 just before: ×1.9 and ×2.8
 *   at nice 19, ×1.3 and ×1.4 with SCHED_IDLE.
 * A process forked from one already idle inherits it and starts no `chrt`.
 */
export function lowerEveryThreadsPriority(): HelperPriority {
  let priority: HelperPriority = 'normal';
  try {
    for (const task of readdirSync('/proc/self/task')) setPriority(Number(task), WORKER_NICE);
    priority = 'nice';
  } catch {
    try {
      setPriority(WORKER_NICE);
      priority = 'nice';
    } catch {
      // not permitted
    }
  }
  if (process.platform !== 'linux') return priority;
  try {
    if (schedulingPolicy() !== SCHED_IDLE) execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore', timeout: 5000 });
    return schedulingPolicy() === SCHED_IDLE ? 'idle' : priority;
  } catch {
    return priority; // no chrt here: nice 19 it is
  }
}

/** this process's main thread's scheduling policy (/proc/self/stat, field 41) */
function schedulingPolicy(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
}

/**
 * Resolves once the process has ended and its stderr is read to the end, and calls back once with
 * how it ended: its stderr's tail, or why it could not start. Not ChildProcess's 'close': it never
 * comes once this side has disconnected the channel (Node 24), which is how the launcher is closed.
 */
export function endedOnce({ child, stderrTail }: ForkedProcess, ended: (ending: WorkerEnding) => void): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const end = (ending: WorkerEnding) => {
      if (done) return;
      done = true;
      ended(ending);
      resolve();
    };
    const stderrRead = child.stderr && !child.stderr.closed ? new Promise((read) => child.stderr?.once('close', read)) : Promise.resolve();
    child.once('exit', (code, signal) => void stderrRead.then(() => end({ code, signal, stderrTail: stderrTail() })));
    child.on('error', (error) => {
      child.kill('SIGKILL');
      end({ code: null, signal: null, stderrTail: error.message });
    });
  });
}
