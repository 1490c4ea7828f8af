/**
 * Builds the conversation timeline of a case: reads every archive of every subject, one at a
 * time (the caller mints a fresh signed link inside each thunk, as links are short-lived), sorts
 * and renders. All or nothing: any unreadable archive or passed limit throws, so a partial
 * timeline is never delivered as if it were whole. Logs hold counts and ids only.
 *
 * Memory stays bounded whatever the size: records stream from the archive into sorted runs on an
 * encrypted temp file (sorted-runs.ts), the runs are merged k ways, and each message is rendered
 * straight into encrypted output files. Nothing holds all messages.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Logger } from '../logger.js';
import { scanArchive, type ArchiveStats as ArchiveScan, type ReadArchiveDeps } from './archive-reader.js';
import { createIsoFormatter, normalisedIsoMs } from './iso-timestamp.js';
import { EncryptedTempFile, openSealedFile, removeSealedFile, type SealedFile } from './encrypted-temp-file.js';
import { TimelineError, type ArchivePosition } from './errors.js';
import { formatSummaryLine } from './format-summary.js';
import { DEFAULT_HTML_PART_MESSAGES, HtmlParts } from './html-parts.js';
import type { TimelineLabels } from './labels.js';
import { createUncompressedBudget, limitExceeded, resolveLimits } from './limits.js';
import {
  emptyPersonSummary,
  rangeFilter,
  summariseCounts,
  type ArchiveStats,
  type PersonSummary,
  type TimelineMessage,
  type TimelineRange,
  type TimelineSummary,
  type UnrecognisedEntry,
} from './merge.js';
import type { ParsedRecord } from './realtime-messages.js';
import { createCsvWriter } from './render-csv.js';
import { createHtmlWriter } from './render-html.js';
import { createTextWriter } from './render-text.js';
import { splitLineBatches } from './split-lines.js';
import { mergeRuns, RunWriter } from './sorted-runs.js';
import type { TimelineWriter } from './timeline-writer.js';

export type ArchiveSource = () => Promise<AsyncIterable<Buffer | Uint8Array>>;

export interface TimelineSubjectInput {
  subjectId: string;
  name: string;
  genesysUserId: string;
  /** the Genesys GDPR request and when it completed, for the chain of custody */
  requestId?: string;
  completedAt?: string;
  /** one thunk per archive of the export; each opens a fresh download */
  archives: ArchiveSource[];
}

export interface BuildTimelineInput {
  subjects: TimelineSubjectInput[];
  range?: TimelineRange;
  /** the requester's IANA zone (their Slack `tz`); an unknown one falls back to UTC with a note */
  timeZone: string;
  title: string;
  /** the requester's words and locale for the files */
  labels: TimelineLabels;
}

export interface BuildTimelineDeps extends Omit<ReadArchiveDeps, 'budget'> {
  logger: Logger;
  /** bytes of messages sorted in memory before a run is written out (tests make it tiny) */
  runBufferBytes?: number;
  /** past this many messages the HTML becomes a ZIP of parts with a table of contents */
  htmlPartMessages?: number;
}

export type TimelineFormat = 'csv' | 'html' | 'text';

/** What one archive was, for the chain of custody: enough to prove a timeline came from it. */
export interface ArchiveCustody {
  subjectId: string;
  genesysUserId: string;
  requestId?: string;
  completedAt?: string;
  /** 1-based position among the subject's archives */
  archive: number;
  archiveBytes: number;
  zipSha256: string;
  realtimeSha256: string[];
  /** messages parsed from the archive (before the date range) */
  messages: number;
}

export interface BuiltTimelineFiles {
  /** sealed encrypted files; the caller streams them (openSealedFile) and removes them */
  files: Partial<Record<TimelineFormat, SealedFile>>;
  /** set when `files.html` is a ZIP of index.html and this many part pages (html-parts.ts) */
  htmlParts?: number;
  /** a directory of the build's own, removed with the files */
  dir?: string;
  summary: TimelineSummary;
  summaryLine: string;
  archives: ArchiveCustody[];
  /** what the worker process that built it (build-in-worker.ts) held at its peak */
  workerMemory?: WorkerMemory;
}

export interface WorkerMemory {
  /** its whole resident memory, Node's own code included (pages it shares with the bot) */
  peakRssBytes: number;
  /** Linux: its anonymous and shared-memory pages, what the machine spends on it beyond the bot */
  peakPrivateBytes?: number;
}

export interface BuiltTimeline {
  csv: string;
  html: string;
  text: string;
  summary: TimelineSummary;
  summaryLine: string;
  archives: ArchiveCustody[];
}

/** The whole build, with the outputs as strings: for tests and small timelines. */
export async function buildTimeline(input: BuildTimelineInput, deps: BuildTimelineDeps): Promise<BuiltTimeline> {
  const built = await buildTimelineFiles(input, deps, ['csv', 'html', 'text']);
  try {
    const read = async (file: SealedFile | undefined) => (file ? (await readAll(openSealedFile(file))).toString('utf8') : '');
    return { csv: await read(built.files.csv), html: await read(built.files.html), text: await read(built.files.text), summary: built.summary, summaryLine: built.summaryLine, archives: built.archives };
  } finally {
    await removeBuiltFiles(built);
  }
}

export async function removeBuiltFiles(built: Pick<BuiltTimelineFiles, 'files' | 'dir'>): Promise<void> {
  await Promise.all(Object.values(built.files).map((file) => removeSealedFile(file)));
  if (built.dir) await rm(built.dir, { recursive: true, force: true });
}

export async function buildTimelineFiles(
  input: BuildTimelineInput,
  deps: BuildTimelineDeps,
  formats: readonly TimelineFormat[] = ['csv', 'html'],
): Promise<BuiltTimelineFiles> {
  const isInRange = rangeFilter(input.range); // before any download
  const dir = deps.tmpDir ?? tmpdir();
  const runsFile = await EncryptedTempFile.create(dir);
  const unrecognisedFile = await EncryptedTempFile.create(dir);
  const outputs: Array<{ format: TimelineFormat; file: EncryptedTempFile }> = [];
  let htmlParts: HtmlParts | undefined;
  try {
    const read = await readAllArchives(input, deps, { isInRange, runsFile, unrecognisedFile });
    const summary = summariseCounts(read.subjectFacts, read.people, read.unrecognisedByReason, { range: input.range, timeZone: input.timeZone });
    const partMessages = deps.htmlPartMessages ?? DEFAULT_HTML_PART_MESSAGES;
    const view = { timeZone: summary.timeZone, title: input.title, labels: input.labels };
    const parted = formats.includes('html') && summary.messages > partMessages;
    if (parted) htmlParts = await HtmlParts.create(dir, summary, { ...view, custody: read.archives, partMessages });
    for (const format of formats) {
      if (!(parted && format === 'html')) outputs.push({ format, file: await EncryptedTempFile.create(dir, { hash: true }) });
    }
    const writers = outputs.map(({ format, file }) => ({ file, writer: createWriter(format, summary, view, read.archives) }));
    await render(writers, htmlParts, read, unrecognisedFile, runsFile);
    const files: Partial<Record<TimelineFormat, SealedFile>> = {};
    for (const { format, file } of outputs) files[format] = await file.seal();
    const partCount = htmlParts?.partCount;
    if (htmlParts) files.html = await htmlParts.finish();
    deps.logger.info(
      {
        subjects: summary.people.length,
        archivesRead: summary.archivesRead,
        messages: summary.messages,
        outOfRange: summary.skipped.outOfRange,
        outOfOrder: summary.outOfOrder,
        unrecognised: summary.unrecognised.total,
        emptyExports: summary.emptyExports.length,
        runs: read.runs.length,
      },
      'timeline built',
    );
    return { files, htmlParts: partCount, summary, summaryLine: formatSummaryLine(summary, input.labels), archives: read.archives };
  } catch (error) {
    await Promise.all(outputs.map(({ file }) => file.dispose()));
    await htmlParts?.dispose();
    throw error;
  } finally {
    await runsFile.dispose();
    await unrecognisedFile.dispose();
  }
}

interface ReadResult {
  people: PersonSummary[];
  subjectFacts: Array<{ subjectId: string; name: string; genesysUserId: string; archives: ArchiveStats[]; hasRecords: boolean }>;
  unrecognisedByReason: Record<string, number>;
  runs: Awaited<ReturnType<RunWriter['finish']>>;
  archives: ArchiveCustody[];
  authors: Array<{ name: string; genesysUserId: string }>;
}

async function readAllArchives(
  input: BuildTimelineInput,
  deps: BuildTimelineDeps,
  sinks: { isInRange: (ms: number) => boolean; runsFile: EncryptedTempFile; unrecognisedFile: EncryptedTempFile },
): Promise<ReadResult> {
  const limits = resolveLimits({ ...deps.limits, maxArchiveBytes: deps.maxArchiveBytes ?? deps.limits?.maxArchiveBytes });
  const readDeps: ReadArchiveDeps & { logger: Logger } = {
    logger: deps.logger,
    tmpDir: deps.tmpDir,
    limits,
    maxEntryBytes: deps.maxEntryBytes,
    budget: createUncompressedBudget(limits.maxUncompressedBytes),
  };
  const runs = new RunWriter(sinks.runsFile, deps.runBufferBytes);
  const unrecognisedByReason: Record<string, number> = {};
  const people: PersonSummary[] = [];
  const subjectFacts: ReadResult['subjectFacts'] = [];
  const archives: ArchiveCustody[] = [];
  let messagesInRange = 0;
  for (const [personIndex, subject] of input.subjects.entries()) {
    const summary = emptyPersonSummary({ subjectId: subject.subjectId, name: subject.name, genesysUserId: subject.genesysUserId });
    const archiveStats: ArchiveStats[] = [];
    let seq = 0;
    let records = 0;
    for (const [archiveIndex, openArchive] of subject.archives.entries()) {
      const where = { subject: personIndex + 1, subjects: input.subjects.length, archive: archiveIndex + 1, archives: subject.archives.length };
      let unrecognised = 0;
      let parsedMessages = 0;
      const stats = await readOneArchive(openArchive, readDeps, where, (record) => {
        if (record.kind === 'unknown') {
          unrecognised += 1;
          summary.unrecognised += 1;
          unrecognisedByReason[record.reason] = (unrecognisedByReason[record.reason] ?? 0) + 1;
          sinks.unrecognisedFile.append(`${JSON.stringify({ p: personIndex, r: record.reason, raw: record.raw })}\n`);
          return sinks.unrecognisedFile.full ? sinks.unrecognisedFile.flush() : undefined;
        }
        parsedMessages += 1;
        const ms = normalisedIsoMs(record.created);
        if (!sinks.isInRange(ms)) {
          summary.outOfRange += 1;
          return undefined;
        }
        if (++messagesInRange > limits.maxMessages) throw limitExceeded('messages', limits.maxMessages);
        summary.messages += 1;
        if (record.outOfOrder) summary.outOfOrder += 1;
        if (summary.firstAt === undefined || record.created < summary.firstAt) summary.firstAt = record.created;
        if (summary.lastAt === undefined || record.created > summary.lastAt) summary.lastAt = record.created;
        return runs.add({ ms, personIndex, seq: seq++, outOfOrder: record.outOfOrder === true, text: record.text });
      });
      records += stats.records;
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
      archiveStats.push({ realtimeEntries: stats.realtimeEntries, otherEntries: stats.otherEntries });
      archives.push({
        subjectId: subject.subjectId,
        genesysUserId: subject.genesysUserId,
        requestId: subject.requestId,
        completedAt: subject.completedAt,
        archive: archiveIndex + 1,
        archiveBytes: stats.archiveBytes,
        zipSha256: stats.zipSha256,
        realtimeSha256: stats.realtimeSha256,
        messages: parsedMessages,
      });
    }
    summary.archivesRead = archiveStats.length;
    summary.archivesWithoutChat = archiveStats.filter((a) => a.realtimeEntries === 0).length;
    people.push(summary);
    subjectFacts.push({ subjectId: subject.subjectId, name: subject.name, genesysUserId: subject.genesysUserId, archives: archiveStats, hasRecords: records > 0 });
  }
  await sinks.unrecognisedFile.finishWriting();
  const authors = input.subjects.map(({ name, genesysUserId }) => ({ name, genesysUserId }));
  return { people, subjectFacts, unrecognisedByReason, runs: await runs.finish(), archives, authors };
}

async function render(
  outputs: Array<{ file: EncryptedTempFile; writer: TimelineWriter }>,
  parts: HtmlParts | undefined,
  read: ReadResult,
  unrecognisedFile: EncryptedTempFile,
  runsFile: EncryptedTempFile,
): Promise<void> {
  const flushFull = async () => {
    for (const { file } of outputs) if (file.full) await file.flush();
  };
  for (const { file, writer } of outputs) file.append(writer.begin());
  const isoOf = createIsoFormatter();
  await mergeRuns(runsFile, read.runs, (m) => {
    const author = read.authors[m.personIndex]!;
    const message: TimelineMessage = {
      at: isoOf(m.ms),
      ms: m.ms,
      personIndex: m.personIndex,
      author: author.name,
      genesysUserId: author.genesysUserId,
      text: m.text,
    };
    if (m.outOfOrder) message.outOfOrder = true;
    let full = false;
    for (const { file, writer } of outputs) {
      file.append(writer.message(message));
      full ||= file.full;
    }
    const partWritten = parts?.message(message);
    if (partWritten) return full ? partWritten.then(flushFull) : partWritten;
    return full ? flushFull() : undefined;
  });
  for await (const lines of splitLineBatches(unrecognisedFile.read())) {
    for (const line of lines) {
      const { p, r, raw } = JSON.parse(line) as { p: number; r: string; raw: string };
      const author = read.authors[p]!;
      const entry: UnrecognisedEntry = { personIndex: p, author: author.name, genesysUserId: author.genesysUserId, raw, reason: r };
      for (const { file, writer } of outputs) file.append(writer.unrecognised(entry));
      await parts?.unrecognisedEntry(entry);
    }
    await flushFull();
  }
  for (const { file, writer } of outputs) file.append(writer.end());
}

function createWriter(format: TimelineFormat, summary: TimelineSummary, view: { timeZone: string; title: string; labels: TimelineLabels }, custody: ArchiveCustody[]): TimelineWriter {
  switch (format) {
    case 'csv':
      return createCsvWriter(view);
    case 'html':
      return createHtmlWriter(summary, { ...view, custody });
    case 'text':
      return createTextWriter(summary, view);
  }
}

async function readOneArchive(
  openArchive: ArchiveSource,
  deps: ReadArchiveDeps & { logger?: Logger },
  where: ArchivePosition,
  onRecord: (record: ParsedRecord) => Promise<void> | undefined,
): Promise<ArchiveScan> {
  try {
    const source = await openArchive();
    return await scanArchive(source, deps, onRecord);
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    deps.logger?.warn({ code: error.code, status: error.status, limit: error.params.limit, where }, 'timeline archive unreadable');
    // the message is for the log; the Slack catalog words the failure from code and params
    const place = `export ${where.subject} of ${where.subjects}, archive ${where.archive} of ${where.archives}`;
    throw new TimelineError(error.code, `${error.message} (${place})`, {
      status: error.status,
      params: { ...error.params, where },
      cause: error,
    });
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
