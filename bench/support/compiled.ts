/**
 * The timeline build as the bot runs it in production: compiled (`npm run build`, dist/), so that
 * its worker process starts as plain JavaScript. From sources it would start under tsx's loader,
 * which costs start-up time and about 16 MB of memory the bot never spends.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as BuildInWorkerModule from '../../src/timeline/build-in-worker.js';
import type * as WorkerLauncherModule from '../../src/timeline/worker-launcher.js';

type BuildInWorker = typeof BuildInWorkerModule;

export interface CompiledTimelineBuild {
  buildTimelineInWorker: BuildInWorker['buildTimelineInWorker'];
  /** the bot's worker launcher, compiled: it forks the workers as the bot's does */
  launcher: WorkerLauncherModule.RunningWorkerLauncher;
}

export async function compiledTimelineBuild(): Promise<CompiledTimelineBuild> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const compiled = (await import(new URL('../../dist/timeline/build-in-worker.js', import.meta.url).href)) as BuildInWorker;
  const launcherModule = (await import(new URL('../../dist/timeline/worker-launcher.js', import.meta.url).href)) as typeof WorkerLauncherModule;
  return { buildTimelineInWorker: compiled.buildTimelineInWorker, launcher: launcherModule.createWorkerLauncher() };
}
