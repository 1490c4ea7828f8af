/**
 * Builds the conversation timeline of a case: reads every archive of every subject, one at a
 * time (the caller mints a fresh signed link inside each thunk, as links are short-lived), merges
 * and renders. All or nothing: any unreadable archive throws, so a partial timeline is never
 * delivered as if it were whole. Logs hold counts and ids only.
 */
import type { Logger } from '../logger.js';
import { scanArchive, type ArchiveStats as ArchiveScan, type ReadArchiveDeps } from './archive-reader.js';
import { TimelineError, type ArchivePosition } from './errors.js';
import { createUncompressedBudget, limitExceeded, resolveLimits } from './limits.js';
import { formatSummaryLine } from './format-summary.js';
import {
  mergeTimeline,
  rangeFilter,
  type ArchiveStats,
  type SubjectRecords,
  type TimelineRange,
  type TimelineSummary,
} from './merge.js';
import type { ParsedRecord } from './realtime-messages.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';

export type ArchiveSource = () => Promise<AsyncIterable<Buffer | Uint8Array>>;

export interface TimelineSubjectInput {
  subjectId: string;
  name: string;
  genesysUserId: string;
  /** one thunk per archive of the export; each opens a fresh download */
  archives: ArchiveSource[];
}

export interface BuildTimelineInput {
  subjects: TimelineSubjectInput[];
  range?: TimelineRange;
  /** the requester's IANA zone (their Slack `tz`); an unknown one falls back to UTC with a note */
  timeZone: string;
  title: string;
}

export interface BuildTimelineDeps extends Omit<ReadArchiveDeps, 'budget'> {
  logger: Logger;
}

export interface BuiltTimeline {
  csv: string;
  html: string;
  text: string;
  summary: TimelineSummary;
  summaryLine: string;
}

export async function buildTimeline(input: BuildTimelineInput, deps: BuildTimelineDeps): Promise<BuiltTimeline> {
  const isInRange = rangeFilter(input.range); // before any download
  const limits = resolveLimits(deps.limits);
  const readDeps: ReadArchiveDeps & { logger: Logger } = {
    logger: deps.logger,
    tmpDir: deps.tmpDir,
    limits,
    maxArchiveBytes: deps.maxArchiveBytes,
    maxEntryBytes: deps.maxEntryBytes,
    budget: createUncompressedBudget(limits.maxUncompressedBytes),
  };
  let messagesInRange = 0;
  const subjects: SubjectRecords[] = [];
  for (const [subjectIndex, subject] of input.subjects.entries()) {
    const records: ParsedRecord[] = [];
    const archives: ArchiveStats[] = [];
    for (const [archiveIndex, openArchive] of subject.archives.entries()) {
      const where = { subject: subjectIndex + 1, subjects: input.subjects.length, archive: archiveIndex + 1, archives: subject.archives.length };
      let unrecognised = 0;
      const stats = await readOneArchive(openArchive, readDeps, where, (record) => {
        if (record.kind === 'unknown') unrecognised += 1;
        else if (isInRange(Date.parse(record.created)) && ++messagesInRange > limits.maxMessages) {
          throw limitExceeded('messages', limits.maxMessages);
        }
        records.push(record);
      });
      deps.logger.info(
        {
          subjectId: subject.subjectId,
          archive: archiveIndex + 1,
          archiveBytes: stats.archiveBytes,
          realtimeEntries: stats.realtimeEntries,
          otherEntries: stats.otherEntries,
          records: stats.records,
          unrecognised,
        },
        'timeline archive read',
      );
      archives.push({ realtimeEntries: stats.realtimeEntries, otherEntries: stats.otherEntries });
    }
    subjects.push({ subjectId: subject.subjectId, name: subject.name, genesysUserId: subject.genesysUserId, records, archives });
  }

  const { timeline, summary } = mergeTimeline(subjects, { range: input.range, timeZone: input.timeZone });
  const view = { timeZone: summary.timeZone, title: input.title };
  const built: BuiltTimeline = {
    csv: renderCsv(timeline, view),
    html: renderHtml(timeline, summary, view),
    text: renderText(timeline, summary, view),
    summary,
    summaryLine: formatSummaryLine(summary),
  };
  deps.logger.info(
    {
      subjects: summary.people.length,
      archivesRead: summary.archivesRead,
      messages: summary.messages,
      outOfRange: summary.skipped.outOfRange,
      unrecognised: summary.unrecognised.total,
      emptyExports: summary.emptyExports.length,
    },
    'timeline built',
  );
  return built;
}

async function readOneArchive(
  openArchive: ArchiveSource,
  deps: ReadArchiveDeps & { logger?: Logger },
  where: ArchivePosition,
  onRecord: (record: ParsedRecord) => void,
): Promise<ArchiveScan> {
  try {
    const source = await openArchive();
    return await scanArchive(source, deps, onRecord);
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    deps.logger?.warn({ code: error.code, status: error.status, limit: error.params.limit, where }, 'timeline archive unreadable');
    const place = `export ${where.subject} of ${where.subjects}, archive ${where.archive} of ${where.archives}`;
    throw new TimelineError(error.code, `${error.message} No timeline was delivered (${place}). ${nextStep(error)}`, {
      status: error.status,
      params: { ...error.params, where },
      cause: error,
    });
  }
}

function nextStep(error: TimelineError): string {
  switch (error.code) {
    case 'corrupt_archive':
      return 'Try again; if it keeps failing, request the export again.';
    case 'download_failed':
      return error.status === 404 || error.status === 410
        ? 'The export may have expired: request it again.'
        : 'Try again in a few minutes.';
    case 'too_large':
      return 'Choose a shorter date range, or download the exports individually instead.';
    case 'invalid_range':
      return 'Choose a start date before the end date.';
  }
}
