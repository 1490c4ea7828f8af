/**
 * Builds the conversation timeline of a case: reads every archive of every subject, one at a
 * time (the caller mints a fresh signed link inside each thunk, as links are short-lived), merges
 * and renders. All or nothing: any unreadable archive throws, so a partial timeline is never
 * delivered as if it were whole. Logs hold counts and ids only.
 */
import type { Logger } from '../logger.js';
import { readArchive, type ArchiveContents, type ReadArchiveDeps } from './archive-reader.js';
import { TimelineError } from './errors.js';
import { formatSummaryLine } from './format-summary.js';
import {
  assertValidRange,
  mergeTimeline,
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

export interface BuildTimelineDeps extends ReadArchiveDeps {
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
  assertValidRange(input.range); // before any download
  const subjects: SubjectRecords[] = [];
  for (const [subjectIndex, subject] of input.subjects.entries()) {
    const records: ParsedRecord[] = [];
    const archives: ArchiveStats[] = [];
    for (const [archiveIndex, openArchive] of subject.archives.entries()) {
      const where = `export ${subjectIndex + 1} of ${input.subjects.length}, archive ${archiveIndex + 1} of ${subject.archives.length}`;
      const contents = await readOneArchive(openArchive, deps, where);
      deps.logger.info(
        {
          subjectId: subject.subjectId,
          archive: archiveIndex + 1,
          archiveBytes: contents.archiveBytes,
          realtimeEntries: contents.realtimeEntries,
          otherEntries: contents.otherEntries,
          records: contents.records.length,
          unrecognised: contents.records.filter((r) => r.kind === 'unknown').length,
        },
        'timeline archive read',
      );
      archives.push({ realtimeEntries: contents.realtimeEntries, otherEntries: contents.otherEntries });
      for (const record of contents.records) records.push(record); // no spread: 100k+ args overflow the stack
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

async function readOneArchive(openArchive: ArchiveSource, deps: BuildTimelineDeps, where: string): Promise<ArchiveContents> {
  try {
    const source = await openArchive();
    return await readArchive(source, { tmpDir: deps.tmpDir, maxArchiveBytes: deps.maxArchiveBytes, maxEntryBytes: deps.maxEntryBytes });
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    deps.logger.warn({ code: error.code, status: error.status, where }, 'timeline archive unreadable');
    throw new TimelineError(error.code, `${error.message} No timeline was delivered (${where}). ${nextStep(error)}`, {
      status: error.status,
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
      return 'Download the exports individually instead.';
    case 'invalid_range':
      return 'Choose a start date before the end date.';
  }
}
