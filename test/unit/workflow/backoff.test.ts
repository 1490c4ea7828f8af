import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumChecks, nextPollDelayMs } from '../../../src/workflow/backoff.js';

const cfg = { intervalSeconds: 60, maxIntervalSeconds: 1800 };
const middle = () => 0.5; // no jitter
const lowest = () => 0;
const highest = () => 0.999999;

describe('nextPollDelayMs', () => {
  it('waits intervalSeconds before the first check', () => {
    expect(nextPollDelayMs(0, cfg, middle)).toBe(60_000);
  });

  it('doubles per check until the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => nextPollDelayMs(n, cfg, middle))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000,
    ]);
  });

  it('stays at the cap however many checks were made', () => {
    expect(nextPollDelayMs(10_000, cfg, middle)).toBe(1_800_000);
  });

  it('jitters by at most 10% either way', () => {
    expect(nextPollDelayMs(1, cfg, lowest)).toBe(108_000);
    expect(nextPollDelayMs(1, cfg, highest)).toBe(132_000);
  });

  it('never jitters above the cap', () => {
    expect(nextPollDelayMs(20, cfg, highest)).toBe(1_800_000);
    expect(nextPollDelayMs(20, cfg, lowest)).toBe(1_620_000);
  });

  it('always lies within ±10% of the nominal delay and never above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 7200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (checks, interval, extra, r) => {
          const schedule = { intervalSeconds: interval, maxIntervalSeconds: interval + extra };
          const nominal = Math.min(schedule.maxIntervalSeconds * 1000, interval * 1000 * 2 ** checks);
          const delay = nextPollDelayMs(checks, schedule, () => r);
          expect(delay).toBeLessThanOrEqual(schedule.maxIntervalSeconds * 1000);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * 0.9));
          expect(delay).toBeLessThanOrEqual(Math.ceil(nominal * 1.1));
        },
      ),
    );
  });
});

describe('minimumChecks', () => {
  it('is one check for an export done before the first check', () => {
    expect(minimumChecks(0, cfg)).toBe(1);
    expect(minimumChecks(60_000, cfg)).toBe(1);
  });

  it('counts the ramp, then one check per cap', () => {
    // ramp: 60+120+240+480+960 = 1860 s after 5 checks, then every 1800 s
    expect(minimumChecks(1_860_000, cfg)).toBe(5);
    expect(minimumChecks(1_860_001, cfg)).toBe(6);
    expect(minimumChecks(1_860_000 + 1_800_000, cfg)).toBe(6);
    const threeDays = 3 * 86_400_000;
    expect(minimumChecks(threeDays, cfg)).toBe(5 + Math.ceil((threeDays - 1_860_000) / 1_800_000));
  });
});
