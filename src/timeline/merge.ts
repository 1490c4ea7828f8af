/**
 * Interleaves the messages of several people into one chronological timeline. Genesys exports
 * only what each person sent (reference §7), so a conversation is rebuilt from one export per
 * participant. Equal timestamps keep subject order, then each export's own order.
 */
import { TimelineError } from './errors.js';
import type { ParsedRecord } from './realtime-messages.js';
import { resolveTimeZone, type TimeZoneProblem } from './time-zone.js';

export interface ArchiveStats {
  /** `REALTIME!messages` entries in the archive; 0 means it held no chat */
  realtimeEntries: number;
  otherEntries: number;
}

export interface SubjectRecords {
  subjectId: string;
  name: string;
  genesysUserId: string;
  /** every record of every archive of this subject, in archive order */
  records: readonly ParsedRecord[];
  /** one per archive read */
  archives?: readonly ArchiveStats[];
}

/** Half-open: `from` is included, `to` is not. */
export interface TimelineRange {
  from?: Date;
  to?: Date;
}

export interface TimelinePerson {
  subjectId: string;
  name: string;
  genesysUserId: string;
}

export interface TimelineMessage {
  /** normalised UTC ISO */
  at: string;
  /** the same instant in ms since the epoch, when the builder has it: spares a parse per message */
  ms?: number;
  /** position of the author in `Timeline.people` (drives colours) */
  personIndex: number;
  author: string;
  genesysUserId: string;
  text: string;
  /** dated earlier than the message before it in its export: shown at its own time, flagged */
  outOfOrder?: boolean;
}

/** A record we could not read as a message, kept verbatim with its reason. */
export interface UnrecognisedEntry {
  personIndex: number;
  author: string;
  genesysUserId: string;
  raw: string;
  reason: string;
}

export interface Timeline {
  people: TimelinePerson[];
  messages: TimelineMessage[];
  unrecognised: UnrecognisedEntry[];
}

export interface PersonSummary extends TimelinePerson {
  /** messages shown (inside the range) */
  messages: number;
  firstAt?: string;
  lastAt?: string;
  archivesRead: number;
  /** archives of this person without a chat entry */
  archivesWithoutChat: number;
  outOfRange: number;
  unrecognised: number;
  outOfOrder: number;
}

export interface TimelineSummary {
  people: PersonSummary[];
  messages: number;
  firstAt?: string;
  lastAt?: string;
  archivesRead: number;
  /** people none of whose archives held a chat entry */
  emptyExports: TimelinePerson[];
  /** left out of the timeline, by reason */
  skipped: { outOfRange: number; noiseEntries: number };
  /** messages dated earlier than the one before them in their export (shown, flagged) */
  outOfOrder: number;
  /** kept verbatim at the end of the timeline, by reason */
  unrecognised: { total: number; byReason: Record<string, number> };
  range?: { from?: string; to?: string };
  /** the zone local times are shown in */
  timeZone: string;
  /** why local times fell back to UTC, when they did: a fact, worded in the reader's language when rendered */
  zoneProblem?: TimeZoneProblem;
}

export interface MergeOptions {
  range?: TimelineRange;
  /** the requester's zone; an unknown one falls back to UTC with a note */
  timeZone?: string;
}

export function mergeTimeline(
  subjects: readonly SubjectRecords[],
  options: MergeOptions = {},
): { timeline: Timeline; summary: TimelineSummary } {
  const isInRange = rangeFilter(options.range);
  const people = subjects.map(({ subjectId, name, genesysUserId }) => ({ subjectId, name, genesysUserId }));
  const stamped: Array<{ ms: number; message: TimelineMessage }> = [];
  const unrecognised: UnrecognisedEntry[] = [];
  const personSummaries = subjects.map((subject, personIndex): PersonSummary => {
    const summary = emptyPersonSummary(subject);
    for (const record of subject.records) {
      const author = subject.name;
      const genesysUserId = subject.genesysUserId;
      if (record.kind === 'unknown') {
        unrecognised.push({ personIndex, author, genesysUserId, raw: record.raw, reason: record.reason });
        summary.unrecognised += 1;
        continue;
      }
      const ms = Date.parse(record.created);
      if (!isInRange(ms)) {
        summary.outOfRange += 1;
        continue;
      }
      // Array order is subject order then record order, and the sort is stable: ties keep it.
      const message: TimelineMessage = { at: record.created, ms, personIndex, author, genesysUserId, text: record.text };
      if (record.outOfOrder) message.outOfOrder = true;
      stamped.push({ ms, message });
      summary.messages += 1;
      if (record.outOfOrder) summary.outOfOrder += 1;
      if (summary.firstAt === undefined || record.created < summary.firstAt) summary.firstAt = record.created;
      if (summary.lastAt === undefined || record.created > summary.lastAt) summary.lastAt = record.created;
    }
    return summary;
  });
  stamped.sort((a, b) => a.ms - b.ms);
  const messages = stamped.map((s) => s.message);
  const timeline: Timeline = { people, messages, unrecognised };
  return { timeline, summary: summarise(subjects, personSummaries, timeline, options) };
}

function summarise(
  subjects: readonly SubjectRecords[],
  people: PersonSummary[],
  timeline: Timeline,
  options: MergeOptions,
): TimelineSummary {
  const byReason: Record<string, number> = {};
  for (const entry of timeline.unrecognised) byReason[entry.reason] = (byReason[entry.reason] ?? 0) + 1;
  const subjectFacts = subjects.map((s) => ({ ...s, hasRecords: s.records.length > 0 }));
  return summariseCounts(subjectFacts, people, byReason, options);
}

/** The summary from per-person counts; shared by the in-memory merge and the streaming build. */
export function summariseCounts(
  subjects: ReadonlyArray<TimelinePerson & { archives?: readonly ArchiveStats[]; hasRecords: boolean }>,
  people: PersonSummary[],
  unrecognisedByReason: Record<string, number>,
  options: MergeOptions,
): TimelineSummary {
  const zone = resolveTimeZone(options.timeZone);
  const emptyExports = subjects
    .filter((s) => !(s.archives ?? []).some((a) => a.realtimeEntries > 0) && !s.hasRecords)
    .map(({ subjectId, name, genesysUserId }) => ({ subjectId, name, genesysUserId }));
  const firstAts = people.flatMap((p) => (p.firstAt ? [p.firstAt] : [])).sort();
  const lastAts = people.flatMap((p) => (p.lastAt ? [p.lastAt] : [])).sort();
  return {
    people,
    messages: people.reduce((n, p) => n + p.messages, 0),
    firstAt: firstAts[0],
    lastAt: lastAts.at(-1),
    archivesRead: people.reduce((n, p) => n + p.archivesRead, 0),
    emptyExports,
    skipped: {
      outOfRange: people.reduce((n, p) => n + p.outOfRange, 0),
      noiseEntries: subjects.reduce((n, s) => n + (s.archives ?? []).reduce((m, a) => m + a.otherEntries, 0), 0),
    },
    outOfOrder: people.reduce((n, p) => n + p.outOfOrder, 0),
    unrecognised: { total: Object.values(unrecognisedByReason).reduce((n, c) => n + c, 0), byReason: unrecognisedByReason },
    range: options.range ? { from: options.range.from?.toISOString(), to: options.range.to?.toISOString() } : undefined,
    timeZone: zone.timeZone,
    ...(zone.problem ? { zoneProblem: zone.problem } : {}),
  };
}

export function emptyPersonSummary(subject: TimelinePerson & { archives?: readonly ArchiveStats[] }): PersonSummary {
  const archives = subject.archives ?? [];
  return {
    subjectId: subject.subjectId,
    name: subject.name,
    genesysUserId: subject.genesysUserId,
    messages: 0,
    archivesRead: archives.length,
    archivesWithoutChat: archives.filter((a) => a.realtimeEntries === 0).length,
    outOfRange: 0,
    unrecognised: 0,
    outOfOrder: 0,
  };
}

/** Throws 'invalid_range' for an invalid Date or a range ending before it starts. */
export function assertValidRange(range: TimelineRange | undefined): void {
  rangeFilter(range);
}

/** A predicate on epoch milliseconds; throws 'invalid_range' like assertValidRange. */
export function rangeFilter(range: TimelineRange | undefined): (ms: number) => boolean {
  const from = range?.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = range?.to?.getTime() ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
    throw new TimelineError('invalid_range', 'The date range is not valid: check both dates and that it starts before it ends.');
  }
  return (ms) => ms >= from && ms < to;
}
