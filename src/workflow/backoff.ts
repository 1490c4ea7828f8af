/**
 * When to look at a running export again. Genesys says nothing when an export finishes and exports
 * take days (reference §6, §7), so we poll: soon at first, then less often, never less often than
 * every maxIntervalSeconds, so a completion is noticed within that bound.
 */

export interface PollSchedule {
  intervalSeconds: number;
  maxIntervalSeconds: number;
}

const JITTER = 0.1;

/** the delay before check number checksSoFar+1, without jitter */
function nominalDelayMs(checksSoFar: number, cfg: PollSchedule): number {
  const maxMs = cfg.maxIntervalSeconds * 1000;
  // 2 ** n overflows to Infinity for big n; Math.min still caps it
  return Math.min(maxMs, cfg.intervalSeconds * 1000 * 2 ** Math.max(0, checksSoFar));
}

/**
 * intervalSeconds × 2^checksSoFar capped at maxIntervalSeconds, with ±10% jitter so replicas and
 * cases spread out. Jitter never pushes a delay above the cap: the cap is a promise to the user.
 */
export function nextPollDelayMs(checksSoFar: number, cfg: PollSchedule, random: () => number): number {
  const nominal = nominalDelayMs(checksSoFar, cfg);
  const jittered = nominal * (1 + (random() * 2 - 1) * JITTER);
  return Math.max(1, Math.min(cfg.maxIntervalSeconds * 1000, Math.round(jittered)));
}

/**
 * The fewest checks that notice, within maxIntervalSeconds, an export that takes durationMs:
 * the un-jittered ramp from intervalSeconds up to the cap, then one check per cap, counting the
 * first check at or after completion. Benchmarks and tests compare real check counts with this.
 */
export function minimumChecks(durationMs: number, cfg: PollSchedule): number {
  let elapsed = 0;
  let checks = 0;
  do {
    elapsed += nominalDelayMs(checks, cfg);
    checks += 1;
  } while (elapsed < durationMs);
  return checks;
}
