/** Local-time helpers for the requester's Slack time zone. */
import { clockOf } from './iso-timestamp.js';

export interface ResolvedTimeZone {
  /** an IANA zone Intl accepts; 'UTC' when the requested one is not */
  timeZone: string;
  /** set when the requested zone was refused or missing; the files word it in the reader's language */
  problem?: TimeZoneProblem;
}

/** No zone given (`requested` undefined), or one Intl does not know (cut to 64 characters). */
export interface TimeZoneProblem {
  requested?: string;
}

export function resolveTimeZone(requested: string | undefined): ResolvedTimeZone {
  const wanted = requested?.trim() ?? '';
  if (wanted === '') return { timeZone: 'UTC', problem: {} };
  try {
    const timeZone = new Intl.DateTimeFormat('en-GB', { timeZone: wanted }).resolvedOptions().timeZone;
    return { timeZone };
  } catch {
    return { timeZone: 'UTC', problem: { requested: wanted.slice(0, 64) } };
  }
}

const QUARTER_HOUR_MS = 15 * 60_000;
const EN_GB_NUMERIC = /^(\d{2})\/(\d{2})\/([1-9]\d{3}), (\d{2}):(\d{2}):(\d{2})$/;
const DAY_MS = 24 * 3600_000;

/**
 * Formats instants as `YYYY-MM-DD HH:mm:ss` in one zone; build once, use for every row. Zone
 * offsets change only on quarter-hour boundaries and at most a few times a year, so the formatter
 * remembers a span with one offset: a UTC day whose two ends share an offset (no zone changes twice
 * in a day), else a single quarter-hour. A time-ordered timeline then asks Intl about once a day.
 * One formatter per zone is shared, and it remembers its last answer: the CSV and HTML writers ask
 * about the same message one after the other.
 */
export function createLocalFormatter(timeZone: string): (iso: string, ms?: number) => string {
  let shared = sharedFormatters.get(timeZone);
  if (!shared) {
    const format = createZoneFormatter(timeZone);
    let lastIso = '';
    let lastLocal = '';
    shared = (iso, ms) => {
      if (iso !== lastIso) {
        lastLocal = format(iso, ms);
        lastIso = iso;
      }
      return lastLocal;
    };
    sharedFormatters.set(timeZone, shared);
  }
  return shared;
}

const sharedFormatters = new Map<string, (iso: string, ms?: number) => string>();

function createZoneFormatter(timeZone: string): (iso: string, ms?: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const offsetAt = (ms: number) => {
    const date = new Date(ms);
    // format() is a third of formatToParts' cost (no array of part objects); en-GB numeric with
    // h23 reads `dd/mm/yyyy, HH:MM:SS`, and anything else (a year outside 1000-9999) takes the parts
    const fast = EN_GB_NUMERIC.exec(format.format(date));
    if (fast) return Date.UTC(Number(fast[3]), Number(fast[2]) - 1, Number(fast[1]), Number(fast[4]), Number(fast[5]), Number(fast[6])) - ms;
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(date)) parts[part.type] = part.value;
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - ms;
  };
  let from = Number.NaN;
  let to = Number.NaN;
  let offsetMs = 0;
  let dayFrom = Number.NaN;
  let dayPrefix = '';
  // `ms`, when the caller has it, is the same instant as `iso` (a Date.parse per message was a
  // sizeable share of a build)
  return (iso, ms = Date.parse(iso)) => {
    if (!(ms >= from && ms < to)) {
      // spans start at a UTC midnight, so messages hours apart (interleaved people) share one
      const day = Math.floor(ms / DAY_MS) * DAY_MS;
      const dayEnd = day + DAY_MS - QUARTER_HOUR_MS;
      offsetMs = offsetAt(day);
      if (offsetAt(dayEnd) === offsetMs) {
        from = day;
        to = dayEnd + QUARTER_HOUR_MS;
      } else {
        from = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
        offsetMs = offsetAt(from);
        to = from + QUARTER_HOUR_MS;
      }
    }
    // the local day is formatted once, the time of day by arithmetic (toISOString per message was
    // a sizeable share of a build)
    const localMs = Math.floor(ms / 1000) * 1000 + offsetMs;
    if (!(localMs >= dayFrom && localMs < dayFrom + DAY_MS)) {
      dayFrom = Math.floor(localMs / DAY_MS) * DAY_MS;
      const day = new Date(dayFrom).toISOString();
      dayPrefix = day.length === 24 ? `${day.slice(0, 10)} ` : '';
    }
    if (dayPrefix === '') {
      const local = new Date(localMs).toISOString();
      return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
    }
    return `${dayPrefix}${clockOf(localMs - dayFrom)}`;
  };
}

/** `2024-01-03 09:12` in UTC, for one-line summaries. */
export function formatUtcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
