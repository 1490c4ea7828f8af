/**
 * Messages between the bot and the timeline build worker process (timeline-worker.ts). The worker
 * says it is ready, gets its input, then asks for archive bytes chunk by chunk (so the bot, which
 * mints the short-lived links, streams each download with back-pressure) and reports logs, then
 * the result or the failure.
 */
import type { BuiltTimelineFiles, TimelineFormat } from './build-timeline.js';
import type { TimelineErrorCode, TimelineErrorParams } from './errors.js';
import type { TimelineLabels } from './labels.js';
import type { TimelineLimits } from './limits.js';

// 0 is normal, 19 the lowest: the build gets whatever CPU the bot and its neighbours leave
export const WORKER_NICE = 19;

export interface WorkerBuildInput {
  subjects: Array<{ subjectId: string; name: string; genesysUserId: string; requestId?: string; completedAt?: string; archiveCount: number }>;
  range?: { from?: string; to?: string };
  timeZone: string;
  title: string;
  /** plain data: the worker has no catalog */
  labels: TimelineLabels;
  tmpDir?: string;
  limits?: Partial<TimelineLimits>;
  maxEntryBytes?: number;
  runBufferBytes?: number;
  htmlPartMessages?: number;
  formats: TimelineFormat[];
}

export interface SerialisedError {
  timeline: boolean;
  code?: TimelineErrorCode;
  message: string;
  status?: number;
  params?: TimelineErrorParams;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'open'; stream: number; subject: number; archive: number }
  | { type: 'next'; stream: number }
  | { type: 'close'; stream: number }
  | { type: 'log'; level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string }
  | { type: 'done'; result: BuiltTimelineFiles }
  | { type: 'failed'; error: SerialisedError };

export type ToWorker =
  | { type: 'start'; input: WorkerBuildInput }
  | { type: 'opened'; stream: number }
  | { type: 'chunk'; stream: number; data: Uint8Array }
  | { type: 'end'; stream: number }
  | { type: 'error'; stream: number; error: SerialisedError };

/** From the bot to its worker launcher (worker-launcher-process.ts), which forks the build workers. */
export type ToLauncher =
  | { type: 'launch'; worker: number; heapMb: number }
  | { type: 'send'; worker: number; message: ToWorker }
  | { type: 'kill'; worker: number };

/** How a worker process ended (or its launcher, taking the worker with it). */
export interface WorkerEnding {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the end of its stderr, where V8 says it ran out of heap; or why it could not start */
  stderrTail: string;
  launcherStopped?: boolean;
}

/** From the launcher: a worker's own messages, relayed, and how each worker ended. */
export type FromLauncher =
  /** how low it and the workers it forks run (worker-process.ts) */
  | { type: 'ready'; priority: 'idle' | 'nice' | 'normal' }
  | { type: 'message'; worker: number; message: FromWorker }
  | ({ type: 'exit'; worker: number } & WorkerEnding);
