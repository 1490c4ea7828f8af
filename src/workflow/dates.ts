/** Calendar arithmetic in UTC. */

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The same day next calendar month (UTC), clamped to the month's last day: Jan 31 → Feb 28/29.
 * GDPR art. 12(3) gives one month to answer; clamping never moves the due date past the month.
 */
export function addOneMonth(date: Date): Date {
  const year = date.getUTCFullYear();
  const nextMonth = date.getUTCMonth() + 1;
  const targetYear = year + Math.floor(nextMonth / 12);
  const targetMonth = nextMonth % 12;
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

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
