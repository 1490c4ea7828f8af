/**
 * The worker launcher: a small process the bot starts once (worker-launcher.ts), which forks each
 * timeline build worker and relays its messages both ways.
 *
 * Why not fork from the bot: fork() copies the forking process's page tables while its main thread
 * waits. In a bot holding some 350 MB that took 9–13 ms per build, the one delay a build still
 * caused to Slack's acknowledgements. This process holds a few megabytes, so its forks cost it
 * well under a millisecond, and the bot none.
 */
import type { ChildProcess } from 'node:child_process';
import { channelToParent, endedOnce, forkTimelineWorker, lowerEveryThreadsPriority } from './worker-process.js';
import type { FromLauncher, FromWorker, ToLauncher } from './worker-protocol.js';

const workers = new Map<number, ChildProcess>();

// the bot went away (stopped, crashed): its builds have no one to answer to
const post = channelToParent<FromLauncher>('worker-launcher-process.ts', () => {
  for (const child of workers.values()) child.kill('SIGKILL');
  process.exit(0);
});

// relaying waits on nothing the bot needs: the launcher and the workers it forks (which inherit
// this) take only CPU the bot leaves
const priority = lowerEveryThreadsPriority();

process.on('message', (message: ToLauncher) => {
  switch (message.type) {
    case 'launch':
      launch(message.worker, message.heapMb);
      return;
    case 'send': {
      const child = workers.get(message.worker);
      if (child?.connected) child.send(message.message);
      if (message.message.type === 'chunk') collectRelayedChunks(message.message.data.byteLength);
      return;
    }
    case 'kill':
      workers.get(message.worker)?.kill('SIGKILL');
      return;
  }
});

post({ type: 'ready', priority });

function launch(worker: number, heapMb: number): void {
  const forked = forkTimelineWorker(heapMb);
  const { child } = forked;
  workers.set(worker, child);
  child.on('message', (message: FromWorker) => post({ type: 'message', worker, message }));
  // after its stderr is read to the end: V8's last words say why it stopped
  void endedOnce(forked, (ending) => {
    workers.delete(worker);
    post({ type: 'exit', worker, ...ending });
  });
}

// A relayed chunk is garbage as soon as it is sent on, but its bytes live outside V8's heap, and a
// process that allocates little else rarely collects. Measured at 1,000,000 messages (36.5 MB of
// archives relayed), the launcher's own pages grew 29.5-29.8 MB without this, 14.4-15.1 MB with a
// collection every 4 MB (young generation or full, the same).
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;
let relayedSinceCollection = 0;
function collectRelayedChunks(bytes: number): void {
  relayedSinceCollection += bytes;
  if (relayedSinceCollection < COLLECT_EVERY_BYTES) return;
  relayedSinceCollection = 0;
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}
