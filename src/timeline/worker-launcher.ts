/**
 * How the bot starts a timeline build worker (timeline-worker.ts).
 *
 * - `createWorkerLauncher()`: through the worker launcher, a small process started with the bot
 *   (worker-launcher-process.ts) that forks each worker and relays its messages. The bot's main
 *   thread never forks while it serves Slack: fork() copies the forking process's page tables,
 *   9–13 ms of a stalled event loop per build in a bot of 350 MB.
 * - `forkHere`: the bot forks the worker itself, for a one-off build (tests, tools).
 *
 * Either way the build sees the same worker: the same messages, the same way of ending.
 */
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../logger.js';
import { endedOnce, forkTimelineModule, forkTimelineWorker } from './worker-process.js';
import type { FromLauncher, FromWorker, ToLauncher, ToWorker, WorkerEnding } from './worker-protocol.js';

export interface WorkerEvents {
  message(message: FromWorker): void;
  /** once, whatever the cause: the answer was sent, it was killed, it crashed, or its launcher died */
  exit(ending: WorkerEnding): void;
}

export interface LaunchedWorker {
  send(message: ToWorker): void;
  /** kills it if it still runs, and waits until it is gone */
  stop(): Promise<void>;
}

export interface WorkerLauncher {
  launch(heapMb: number, events: WorkerEvents): LaunchedWorker;
}

export interface RunningWorkerLauncher extends WorkerLauncher {
  /** forks the launcher now, while the bot is small, rather than at the first build */
  start(): void;
  /** stops the launcher and any worker it runs */
  close(): Promise<void>;
  /** the launcher's process id while it runs (for tests and diagnostics) */
  pid(): number | undefined;
}

const LAUNCHER_HEAP_MB = 64;
const LAUNCHER_CLOSE_GRACE_MS = 2000;

export const forkHere: WorkerLauncher = {
  launch(heapMb, events) {
    const forked = forkTimelineWorker(heapMb);
    const { child } = forked;
    const exited = endedOnce(forked, (ending) => events.exit(ending));
    child.on('message', (message: FromWorker) => events.message(message));
    return {
      send: (message) => {
        if (child.connected) child.send(message);
      },
      stop: async () => {
        child.kill('SIGKILL');
        await exited;
      },
    };
  },
};

export function createWorkerLauncher(options: { logger?: Pick<Logger, 'info'> } = {}): RunningWorkerLauncher {
  let launcher: { child: ChildProcess; ready: boolean; queued: ToLauncher[]; gone: Promise<void> } | undefined;
  const workers = new Map<number, { events: WorkerEvents; markExited: () => void }>();
  let nextWorker = 0;

  // An idle launcher does not keep the bot's process alive; one with a build running does.
  const holdProcessOpen = () => {
    if (!launcher) return;
    const channel = launcher.child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (workers.size > 0) {
      launcher.child.ref();
      channel?.ref?.();
    } else {
      launcher.child.unref();
      channel?.unref?.();
    }
  };

  const workerExited = (worker: number, ending: WorkerEnding) => {
    const entry = workers.get(worker);
    if (!entry) return;
    workers.delete(worker);
    entry.markExited();
    entry.events.exit(ending);
    holdProcessOpen();
  };

  const ensureLauncher = () => {
    if (launcher) return launcher;
    // Its stderr is the bot's: an open pipe would keep the bot's process alive, and the launcher
    // writes there only if it crashes.
    // It collects the archive chunks it relays itself (--expose-gc), in a small young generation.
    const forked = forkTimelineModule('worker-launcher-process', [`--max-old-space-size=${LAUNCHER_HEAP_MB}`, '--max-semi-space-size=1', '--expose-gc'], 'inherit');
    const { child } = forked;
    const started = {
      child,
      ready: false,
      queued: [] as ToLauncher[],
      gone: endedOnce(forked, (ending) => {
        if (launcher === started) launcher = undefined;
        // its workers end with it (they exit when their channel closes)
        for (const worker of [...workers.keys()]) workerExited(worker, { ...ending, launcherStopped: true });
      }),
    };
    child.on('message', (message: FromLauncher) => {
      switch (message.type) {
        case 'ready':
          // 'idle': builds take only CPU nothing else wants; 'nice': no chrt here, nice 19 only
          options.logger?.info({ pid: child.pid, priority: message.priority }, 'timeline worker launcher ready');
          started.ready = true;
          for (const queued of started.queued.splice(0)) child.send(queued);
          return;
        case 'message':
          workers.get(message.worker)?.events.message(message.message);
          return;
        case 'exit':
          workerExited(message.worker, message);
          return;
      }
    });
    launcher = started;
    holdProcessOpen();
    return started;
  };

  const toLauncher = (message: ToLauncher) => {
    const current = ensureLauncher();
    if (!current.ready) current.queued.push(message);
    else if (current.child.connected) current.child.send(message);
  };

  return {
    start: () => void ensureLauncher(),
    pid: () => launcher?.child.pid,
    launch(heapMb, events) {
      const worker = (nextWorker += 1);
      let markExited = () => {};
      const exited = new Promise<void>((resolve) => (markExited = resolve));
      workers.set(worker, { events, markExited });
      toLauncher({ type: 'launch', worker, heapMb });
      holdProcessOpen();
      return {
        send: (message) => {
          if (workers.has(worker)) toLauncher({ type: 'send', worker, message });
        },
        stop: async () => {
          if (!workers.has(worker)) return;
          toLauncher({ type: 'kill', worker });
          await exited;
        },
      };
    },
    async close() {
      const current = launcher;
      if (!current) return;
      // it kills its workers and exits once its channel closes; a launcher that hangs is killed
      if (current.child.connected) current.child.disconnect();
      const grace = setTimeout(() => current.child.kill('SIGKILL'), LAUNCHER_CLOSE_GRACE_MS);
      await current.gone;
      clearTimeout(grace);
    },
  };
}
