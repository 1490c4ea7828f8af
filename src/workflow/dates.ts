/** Calendar arithmetic in UTC, and calendar days in a time zone. */
import { createLocalFormatter, resolveTimeZone } from '../timeline/time-zone.js';

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The same day next calendar month (UTC), clamped to the month's last day: Jan 31 → Feb 28/29.
 * GDPR art. 12(3) gives one month to answer; clamping never moves the due date past the month.
 */
export function addOneMonth(date: Date): Date {
  return addMonths(date, 1);
}

/** The same day `months` calendar months later (UTC), clamped like `addOneMonth`. */
export function addMonths(date: Date, months: number): Date {
  const monthIndex = date.getUTCMonth() + months;
  const targetYear = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(targetYear, targetMonth));
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

// ---------------------------------------------------------------- calendar days ('YYYY-MM-DD')

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for a real calendar day written 'YYYY-MM-DD' (no Feb 30) */
export function isCalendarDay(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** A calendar day plus whole months, with the month-end rule of `addOneMonth`: 2025-01-31 + 1 → 2025-02-28. */
export function addMonthsToDay(day: string, months: number): string {
  return addMonths(new Date(`${day}T00:00:00.000Z`), months).toISOString().slice(0, 10);
}

export function addDaysToDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in an IANA time zone (UTC when the zone is unknown). */
export function dayIn(instant: Date, timeZone: string | undefined): string {
  const parts = zonedParts(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant a calendar day ends in a time zone (= the next day's midnight there). A deadline
 * "due on 12 May" has passed from this instant on, wherever the requester is.
 */
export function endOfDayIn(day: string, timeZone: string | undefined): Date {
  const nextMidnightUtc = Date.parse(`${addDaysToDay(day, 1)}T00:00:00.000Z`);
  // the zone's offset at that instant; one correction covers a DST change on the day itself
  let instant = nextMidnightUtc - offsetMs(new Date(nextMidnightUtc), timeZone);
  instant = nextMidnightUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(instant: Date, timeZone: string | undefined): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function zonedParts(instant: Date, timeZone: string | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  // 'YYYY-MM-DD HH:mm:ss' in the zone (UTC when the zone is unknown)
  const local = createLocalFormatter(resolveTimeZone(timeZone).timeZone)(instant.toISOString());
  return { year: local.slice(0, 4), month: local.slice(5, 7), day: local.slice(8, 10), hour: local.slice(11, 13), minute: local.slice(14, 16), second: local.slice(17, 19) };
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
