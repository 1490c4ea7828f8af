/**
 * The simulator's clock for the demo: real time until `setSpeed` makes it run faster, so Genesys's
 * days of work pass in seconds, and back to real time afterwards so minted links last their
 * stated minutes. It never jumps: each change of speed starts from the time it has reached.
 */
export interface FastClock {
  /** simulated epoch ms */
  now(): number;
  /** simulated epoch ms at a real instant already passed (for stamping recorded events) */
  at(realMs: number): number;
  setSpeed(speed: number): void;
  readonly speed: number;
}

interface Segment {
  realStart: number;
  simStart: number;
  speed: number;
}

export function createFastClock(realNow: () => number = Date.now): FastClock {
  const start = realNow();
  const segments: Segment[] = [{ realStart: start, simStart: start, speed: 1 }];
  const current = () => segments[segments.length - 1]!;
  const simAt = (realMs: number) => {
    const segment = [...segments].reverse().find((s) => s.realStart <= realMs) ?? segments[0]!;
    return segment.simStart + (realMs - segment.realStart) * segment.speed;
  };
  return {
    now: () => simAt(realNow()),
    at: simAt,
    setSpeed(speed) {
      const real = realNow();
      segments.push({ realStart: real, simStart: simAt(real), speed });
    },
    get speed() {
      return current().speed;
    },
  };
}
