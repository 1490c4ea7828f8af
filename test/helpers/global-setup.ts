/**
 * Makes sure a Redis server answers for the integration tests, without relying on the machine's.
 * Uses TEST_REDIS_URL when set, else 127.0.0.1:6379 when it answers, else starts a private
 * redis-server on a free port for this run. Every test uses its own key prefix (see redis.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

function ping(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject) {
  if (process.env.TEST_REDIS_URL) {
    project.provide('redisUrl', process.env.TEST_REDIS_URL);
    return;
  }
  if (await ping(6379)) {
    project.provide('redisUrl', 'redis://127.0.0.1:6379/0');
    return;
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'gdpr-test-redis-'));
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  child.once('error', (e) => {
    throw new Error(`No Redis answers on 127.0.0.1:6379 and redis-server could not be started (${e.message}). Install redis-server or set TEST_REDIS_URL.`);
  });
  for (let i = 0; i < 50 && !(await ping(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await ping(port))) throw new Error('redis-server did not answer within 5 s');
  project.provide('redisUrl', `redis://127.0.0.1:${port}/0`);
  return async () => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
