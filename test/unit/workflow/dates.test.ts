import { describe, expect, it } from 'vitest';
import { addOneMonth } from '../../../src/workflow/dates.js';

const plusMonth = (iso: string) => addOneMonth(new Date(iso)).toISOString();

describe('addOneMonth', () => {
  it('keeps the day and time of day', () => {
    expect(plusMonth('2025-03-15T08:30:12.345Z')).toBe('2025-04-15T08:30:12.345Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(plusMonth('2025-01-31T12:00:00.000Z')).toBe('2025-02-28T12:00:00.000Z');
    expect(plusMonth('2024-01-31T12:00:00.000Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(plusMonth('2025-03-31T00:00:00.000Z')).toBe('2025-04-30T00:00:00.000Z');
    expect(plusMonth('2025-08-31T23:59:59.999Z')).toBe('2025-09-30T23:59:59.999Z');
  });

  it('rolls over the year', () => {
    expect(plusMonth('2025-12-31T10:00:00.000Z')).toBe('2026-01-31T10:00:00.000Z');
    expect(plusMonth('2025-12-01T10:00:00.000Z')).toBe('2026-01-01T10:00:00.000Z');
  });

  it('handles the end of February', () => {
    expect(plusMonth('2024-02-29T10:00:00.000Z')).toBe('2024-03-29T10:00:00.000Z');
    expect(plusMonth('2025-02-28T10:00:00.000Z')).toBe('2025-03-28T10:00:00.000Z');
  });
});
