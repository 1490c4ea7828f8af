/**
 * Strict ISO 8601 date-time parsing. `Date.parse` alone is too lenient: it rolls 30 February over
 * to 1 March and accepts many non-ISO shapes, which would silently misplace a message.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The instant as normalised UTC ISO (`2024-01-03T09:12:00.000Z`), or undefined when the value is
 * not a real ISO date-time. A value without an offset is read as UTC, the convention of every
 * Genesys Cloud API date.
 */
export function normaliseIsoTimestamp(value: string): string | undefined {
  if (isCanonicalUtc(value)) return value;
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', offset = 'Z'] = match;
  if (!isRealDate(Number(year), Number(month), Number(day))) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const offsetMinutes = parseOffsetMinutes(offset);
  if (offsetMinutes === undefined) return undefined;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis) -
    offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The common case, already normalised (what Genesys writes: `2024-01-03T09:12:00.000Z`), checked
 * digit by digit without allocating; it spares the full parse for nearly every record.
 */
function isCanonicalUtc(value: string): boolean {
  if (value.length !== 24 || value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return false;
  if (value[19] !== '.' || value[23] !== 'Z') return false;
  for (const i of DIGIT_POSITIONS) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = digits(value, 0, 4);
  return isRealModernDate(year, digits(value, 5, 2), digits(value, 8, 2)) && digits(value, 11, 2) <= 23 && digits(value, 14, 2) <= 59 && digits(value, 17, 2) <= 59;
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i += 1) n = n * 10 + (value.charCodeAt(i) - 48);
  return n;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** isRealDate by arithmetic, for years 1000 and later (Date.UTC reads 0–99 as 1900–1999) */
function isRealModernDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parseOffsetMinutes(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

const DAY_MS = 24 * 3600_000;

/**
 * `Date.parse` of a normalised timestamp (normaliseIsoTimestamp's output), by arithmetic on its
 * digits for the usual 24-character form: a build parses one per message.
 */
export function normalisedIsoMs(iso: string): number {
  const year = iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ ? digits(iso, 0, 4) : 0;
  if (year < 1000) return Date.parse(iso); // Date.UTC reads 0-99 as 1900-1999
  return Date.UTC(year, digits(iso, 5, 2) - 1, digits(iso, 8, 2), digits(iso, 11, 2), digits(iso, 14, 2), digits(iso, 17, 2), digits(iso, 20, 3));
}
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** `HH:mm:ss` of a time of day given in milliseconds since midnight. */
export function clockOf(msIntoDay: number): string {
  const seconds = Math.floor(msIntoDay / 1000);
  return `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}

/**
 * `Date.prototype.toISOString` for instants that mostly share a day, as a time-ordered timeline's
 * do: the day part is formatted once per day and the rest by arithmetic (toISOString costs about a
 * microsecond, a sizeable share of a build). Identical output, including the fallback for years
 * outside 0000–9999.
 */
export function createIsoFormatter(): (ms: number) => string {
  let dayFrom = Number.NaN;
  let dayPrefix = '';
  return (ms) => {
    if (!(ms >= dayFrom && ms < dayFrom + DAY_MS)) {
      dayFrom = Math.floor(ms / DAY_MS) * DAY_MS;
      const day = new Date(dayFrom).toISOString();
      dayPrefix = day.length === 24 ? day.slice(0, 11) : '';
    }
    if (dayPrefix === '') return new Date(ms).toISOString();
    const intoDay = ms - dayFrom;
    return `${dayPrefix}${clockOf(intoDay)}.${String(intoDay % 1000).padStart(3, '0')}Z`;
  };
}
