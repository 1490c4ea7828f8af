/** Local-time helpers for the requester's Slack time zone. */

export interface ResolvedTimeZone {
  /** an IANA zone Intl accepts; 'UTC' when the requested one is not */
  timeZone: string;
  /** set when the requested zone was refused, for the summary */
  note?: string;
}

export function resolveTimeZone(requested: string | undefined): ResolvedTimeZone {
  const wanted = requested?.trim() ?? '';
  if (wanted === '') return { timeZone: 'UTC', note: 'No time zone was given, so local times are shown in UTC.' };
  try {
    const timeZone = new Intl.DateTimeFormat('en-GB', { timeZone: wanted }).resolvedOptions().timeZone;
    return { timeZone };
  } catch {
    return { timeZone: 'UTC', note: `The time zone "${wanted.slice(0, 64)}" is not recognised, so local times are shown in UTC.` };
  }
}

/** Formats instants as `YYYY-MM-DD HH:mm:ss` in one zone; build once, use for every row. */
export function createLocalFormatter(timeZone: string): (iso: string) => string {
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
  return (iso) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}

/** `2024-01-03 09:12` in UTC, for one-line summaries. */
export function formatUtcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
