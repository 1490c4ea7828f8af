/**
 * One Genesys call budget shared by every replica and every caller (Slack lookups and the poller):
 * the store keeps the per-minute window and the "pause until" mark set after a 429.
 */
import type { Clock, WorkflowStore } from './ports.js';

export interface CallBudgetOptions {
  store: Pick<WorkflowStore, 'takeBudget' | 'setPauseUntil' | 'getPauseUntil'>;
  name: string;
  perMinute: number;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** longest single sleep, so a pause lifted or a window freed is noticed soon (default 1 s) */
  stepMs?: number;
  /** called when the shared pause could not be written; the local pause still holds */
  onPauseError?: (e: unknown) => void;
}

export interface CallBudget {
  /** resolves when one call may go */
  acquire(): Promise<void>;
  /** nobody (on any replica) calls for `ms` from now */
  pause(ms: number): void;
}

export function createCallBudget(options: CallBudgetOptions): CallBudget {
  const { store, name, perMinute, clock, sleep } = options;
  const stepMs = options.stepMs ?? 1000;
  // honoured at once here, before the shared mark is written
  let localPauseUntil = 0;

  async function pausedForMs(): Promise<number> {
    const now = clock.now().getTime();
    const shared = (await store.getPauseUntil(name))?.getTime() ?? 0;
    return Math.max(localPauseUntil, shared) - now;
  }

  return {
    async acquire() {
      for (;;) {
        const paused = await pausedForMs();
        if (paused > 0) {
          await sleep(Math.min(stepMs, paused));
          continue;
        }
        const wait = await store.takeBudget(name, perMinute, clock.now());
        if (wait <= 0) return;
        await sleep(Math.min(stepMs, wait));
      }
    },
    pause(ms) {
      const until = clock.now().getTime() + Math.max(0, ms);
      if (until <= localPauseUntil) return;
      localPauseUntil = until;
      store.setPauseUntil(name, new Date(until)).catch((e: unknown) => options.onPauseError?.(e));
    },
  };
}
