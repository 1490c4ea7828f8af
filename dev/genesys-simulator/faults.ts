/** Injected faults: a queue consumed in order by the requests they match. */
import type { SimFault, SimMatch } from './types.js';

export interface FaultQueue {
  add(fault: SimFault): void;
  clear(): void;
  /** the first pending fault matching this request, with one use consumed */
  take(method: string, path: string): SimFault | undefined;
}

export function matchesRequest(match: SimMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === path;
  match.path.lastIndex = 0; // a /g or /y pattern would otherwise remember where it stopped
  return match.path.test(path);
}

export function createFaultQueue(): FaultQueue {
  let pending: Array<{ fault: SimFault; remaining: number }> = [];
  return {
    add(fault) {
      const times = fault.times ?? 1;
      if (!(times >= 1)) throw new Error(`fault.times must be at least 1 (got ${times})`);
      pending.push({ fault, remaining: times });
    },
    clear() {
      pending = [];
    },
    take(method, path) {
      const entry = pending.find((p) => matchesRequest(p.fault.match, method, path));
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) pending = pending.filter((p) => p !== entry);
      return entry.fault;
    },
  };
}
