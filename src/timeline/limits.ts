/**
 * Caps on what one timeline build may read, checked while streaming so that a huge or hostile
 * export stops the build early instead of exhausting memory, disk or time. Passing one throws
 * TimelineError('too_large') with `params.limit` naming it; the Slack layer turns that into words.
 */
import { TimelineError } from './errors.js';

export interface TimelineLimits {
  /** bytes of one downloaded archive (ZIP) */
  maxArchiveBytes: number;
  /** inflated bytes of every chat entry of every archive of the timeline, together */
  maxUncompressedBytes: number;
  /** entries (files) in one archive */
  maxArchiveEntries: number;
  /** messages inside the date range, all people together */
  maxMessages: number;
}

export type TimelineLimitName = 'archive_bytes' | 'uncompressed_bytes' | 'archive_entries' | 'messages';

export const DEFAULT_TIMELINE_LIMITS: TimelineLimits = {
  maxArchiveBytes: 1024 ** 3,
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxArchiveEntries: 250_000,
  maxMessages: 2_000_000,
};

export function resolveLimits(partial: Partial<TimelineLimits> = {}): TimelineLimits {
  return { ...DEFAULT_TIMELINE_LIMITS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
}

const DESCRIPTIONS: Record<TimelineLimitName, string> = {
  archive_bytes: 'The archive is larger than the limit',
  uncompressed_bytes: 'The chat text of the exports is larger than the limit',
  archive_entries: 'The archive holds more entries than the limit',
  messages: 'The timeline would hold more messages than the limit',
};

export function limitExceeded(limit: TimelineLimitName, max: number): TimelineError {
  return new TimelineError('too_large', `${DESCRIPTIONS[limit]} (${max}).`, { params: { limit, max } });
}

/** Inflated chat bytes still allowed for this build; shared by every archive read. */
export interface UncompressedBudget {
  readonly max: number;
  used: number;
}

export function createUncompressedBudget(max: number): UncompressedBudget {
  return { max, used: 0 };
}

/** Takes `bytes` from the budget or throws the 'uncompressed_bytes' limit. */
export function spend(budget: UncompressedBudget, bytes: number): void {
  if (budget.used + bytes > budget.max) throw limitExceeded('uncompressed_bytes', budget.max);
  budget.used += bytes;
}
