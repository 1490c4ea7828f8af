/**
 * The real bot as a child process (`node --import tsx src/index.ts`), configured only through its
 * environment like production. Captures every stdout/stderr line (pino JSON) across restarts, waits
 * for `/healthz`, and can be SIGKILLed at any moment and started again on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sleep } from './util.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface BotProcessOptions {
  /** for error messages: which scenario and replica */
  name: string;
  port: number;
  env: Record<string, string>;
  /** the source tree to run (default: this one); the upgrade test runs a release built elsewhere */
  cwd?: string;
  /** the node binary (default: the one running the tests); an old release runs on its own */
  node?: string;
}

export interface BotLogLine {
  raw: string;
  json?: Record<string, unknown>;
}

export class BotProcess {
  /** every line the bot printed, over all its lives */
  readonly lines: string[] = [];
  /** how many times the process was started */
  starts = 0;
  kills = 0;
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();

  constructor(readonly options: BotProcessOptions) {}

  get port(): number {
    return this.options.port;
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.options.port}/slack/events`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the bot and resolves once `/healthz` answers 200. */
  async start(timeoutMs = 45_000): Promise<void> {
    if (this.alive) throw new Error(`${this.options.name}: already running`);
    const child = spawn(this.options.node ?? process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: this.options.cwd ?? REPO_ROOT,
      // a clean environment: only what a deployment would set, plus what node and tsx need
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        TMPDIR: process.env.TMPDIR ?? '/tmp',
        LANG: 'C.UTF-8',
        NODE_ENV: 'production',
        ...this.options.env,
        PORT: String(this.options.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    }

    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.options.name}: the bot exited during start-up (code ${child.exitCode}). Last lines:\n${this.tail(15)}`);
      }
      if (await this.healthy()) return;
      await sleep(100);
    }
    throw new Error(`${this.options.name}: /healthz did not answer 200 within ${timeoutMs} ms. Last lines:\n${this.tail(15)}`);
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.options.port}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** SIGKILL now (synchronously, so a hook can kill the bot mid-request); await the result for the exit. */
  kill(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      this.kills += 1;
    }
    return this.exit;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** SIGTERM and wait for the graceful stop; SIGKILL after the timeout. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([this.exit.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!done) await this.kill();
  }

  /** JSON log lines (pino), parsed; other lines are left out */
  logs(): Array<Record<string, unknown>> {
    const out: Array<Record<string, unknown>> = [];
    for (const raw of this.lines) {
      if (!raw.startsWith('{')) continue;
      try {
        out.push(JSON.parse(raw) as Record<string, unknown>);
      } catch {
        // a line cut by SIGKILL
      }
    }
    return out;
  }

  tail(n: number): string {
    return this.lines.slice(-n).join('\n');
  }
}
