import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIsoFormatter, normaliseIsoTimestamp, normalisedIsoMs } from '../../../src/timeline/iso-timestamp.js';

/** What a real instant looks like once normalised: the round trip through Date is the reference. */
function reference(value: string): string | undefined {
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value ? value : undefined;
}

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const canonicalShaped = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), two(13), two(32), two(25), two(61), two(61), fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`);

describe('normaliseIsoTimestamp', () => {
  it('accepts an already normalised UTC timestamp exactly when it is a real instant', () => {
    fc.assert(fc.property(canonicalShaped, (value) => {
      expect(normaliseIsoTimestamp(value)).toBe(reference(value));
    }), { numRuns: 5000 });
  });

  it('checks leap years and the ends of months and days in that form', () => {
    expect(normaliseIsoTimestamp('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(normaliseIsoTimestamp('2023-02-29T00:00:00.000Z')).toBeUndefined();
    expect(normaliseIsoTimestamp('1900-02-29T00:00:00.000Z')).toBeUndefined();
    expect(normaliseIsoTimestamp('2000-02-29T00:00:00.000Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(normaliseIsoTimestamp('2024-04-31T00:00:00.000Z')).toBeUndefined();
    expect(normaliseIsoTimestamp('2024-01-01T24:00:00.000Z')).toBeUndefined();
    expect(normaliseIsoTimestamp('2024-01-01T12:60:00.000Z')).toBeUndefined();
    expect(normaliseIsoTimestamp('2024-01-01t12:00:00.000z')).toBe('2024-01-01T12:00:00.000Z');
    expect(normaliseIsoTimestamp('2024-01-01T12:00:00.000+01:00')).toBe('2024-01-01T11:00:00.000Z');
  });
});

describe('createIsoFormatter', () => {
  it('formats any instant exactly as toISOString, in time order or not', () => {
    const instant = fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 });
    const nearby = fc.tuple(fc.integer({ min: -1e13, max: 1e13 }), fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { maxLength: 20 }));
    const format = createIsoFormatter();
    fc.assert(fc.property(instant, (ms) => {
      expect(format(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 2000 });
    fc.assert(
      fc.property(nearby, ([start, steps]) => {
        let ms = start;
        for (const step of steps) {
          ms += step;
          expect(format(ms)).toBe(new Date(ms).toISOString());
        }
      }),
    );
    expect(format(253_402_300_799_999)).toBe('9999-12-31T23:59:59.999Z');
    expect(format(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(format(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
});

describe('normalisedIsoMs', () => {
  it('reads a normalised timestamp as Date.parse does, whatever the year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(normalisedIsoMs(iso)).toBe(Date.parse(iso));
      }),
      { numRuns: 2000 },
    );
    for (const iso of ['0099-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z']) expect(normalisedIsoMs(iso)).toBe(Date.parse(iso));
  });
});
