/**
 * A private redis-server for the reliability suite, on a free loopback port, so the outage test can
 * stop and restart it without touching anyone else's Redis. `--save '' --appendonly no`: nothing is
 * written on its own; `stop()` asks for one RDB snapshot (SHUTDOWN SAVE) so a restart on the same
 * directory comes back with every acknowledged write, as a persistent production Redis would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './util.js';

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly running: boolean;
  /** SHUTDOWN SAVE: a snapshot, then the server exits; clients see refused connections */
  stop(): Promise<void>;
  /** the same port and directory: the snapshot is loaded back */
  start(): Promise<void>;
  /** stop for good and remove the directory */
  destroy(): Promise<void>;
}

export async function startPrivateRedis(label: string): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `gdpr-reliability-redis-${label}-`));
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', 'dump.rdb'],
      { stdio: 'ignore' },
    );
    const spawned = child;
    spawned.once('error', () => undefined);
    for (let i = 0; i < 100; i++) {
      if (await ping(port)) return;
      if (spawned.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${port} did not answer within 5 s (is redis-server installed?)`);
  };

  const exited = (c: ChildProcess) =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => c.once('exit', () => resolve()));

  const handle: PrivateRedis = {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async stop() {
      const c = child;
      if (!c) return;
      await command(port, 'SHUTDOWN SAVE').catch(() => undefined);
      await Promise.race([exited(c), sleep(5_000)]);
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited(c);
      child = undefined;
    },
    async start() {
      if (child) return;
      await launch();
    },
    async destroy() {
      const c = child;
      child = undefined;
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await exited(c);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await launch();
  return handle;
}

function ping(port: number): Promise<boolean> {
  return command(port, 'PING').then(
    (answer) => answer.startsWith('+PONG'),
    () => false,
  );
}

/** one inline command over a raw socket: no client library state to clean up */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let answered = false;
    socket.setTimeout(1_000, () => {
      socket.destroy();
      reject(new Error('redis command timed out'));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.once('data', (d) => {
      answered = true;
      socket.destroy();
      resolve(d.toString());
    });
    // SHUTDOWN closes the connection without an answer
    socket.once('close', () => {
      if (!answered) resolve('');
    });
  });
}
