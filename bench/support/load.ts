/** Slash-command load from a worker thread (load-worker.ts); see that file for how it sends. */
import { startTsWorker } from './ts-worker.js';

export interface LoadPlan {
  /** http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
  teamId: string;
  userId: string;
  text: string;
  responseUrlBase: string;
  /** requests in flight at once, and the keep-alive agent's maxSockets */
  concurrency: number;
  /**
   * e.g. a warm-up, then the measured run; each may be followed by a pause. With `ratePerSecond`
   * requests start at that pace whatever the answers (open loop); else `concurrency` at a time.
   */
  phases: Array<{ requests: number; ratePerSecond?: number; pauseAfterMs?: number }>;
}

export interface LoadPhaseResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: number;
  wallMs: number;
}

export function runLoad(plan: LoadPlan): Promise<LoadPhaseResult[]> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./load-worker.ts', import.meta.url), plan);
    worker.once('message', (results: LoadPhaseResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load worker exited with code ${code}`));
    });
  });
}
