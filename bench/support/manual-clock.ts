/** A clock the benchmark moves by hand: simulated days pass in milliseconds. */
import type { Clock } from '../../src/workflow/ports.js';

export class ManualClock implements Clock {
  private ms: number;

  constructor(start: string | number) {
    this.ms = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  set(at: Date | number): void {
    this.ms = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** the simulator's clock shape */
  forSimulator(): { now(): number } {
    return { now: () => this.ms };
  }

  /** a `sleep` that waits no real time: it moves this clock */
  readonly sleep = async (ms: number): Promise<void> => {
    this.ms += Math.max(0, ms);
  };
}

/** mulberry32: a small seeded source in [0, 1), so jittered runs can be repeated exactly */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
