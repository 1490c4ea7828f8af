/** Conversation timeline: rebuilds a chat from several people's Genesys GDPR exports. */
export { buildTimeline, buildTimelineFiles, removeBuiltFiles } from './build-timeline.js';
export type {
  ArchiveCustody,
  ArchiveSource,
  BuildTimelineDeps,
  BuildTimelineInput,
  BuiltTimeline,
  BuiltTimelineFiles,
  TimelineFormat,
  TimelineSubjectInput,
} from './build-timeline.js';
export { openSealedFile, removeSealedFile } from './encrypted-temp-file.js';
export type { SealedFile } from './encrypted-temp-file.js';
export { openUrlStream } from './open-url-stream.js';
export type { OpenUrlStreamOptions } from './open-url-stream.js';
export { isRealtimeEntry, readArchive, scanArchive, REALTIME_ENTRY_NAME } from './archive-reader.js';
export type { ArchiveContents, ArchiveStats as ArchiveScan, ReadArchiveDeps } from './archive-reader.js';
export { parseRealtimeMessages } from './realtime-messages.js';
export type { ParsedRecord } from './realtime-messages.js';
export { splitLines } from './split-lines.js';
export { mergeTimeline, assertValidRange } from './merge.js';
export type {
  ArchiveStats,
  PersonSummary,
  SubjectRecords,
  Timeline,
  TimelineMessage,
  TimelinePerson,
  TimelineRange,
  TimelineSummary,
  UnrecognisedEntry,
} from './merge.js';
export { renderCsv, CSV_COLUMNS } from './render-csv.js';
export { renderHtml } from './render-html.js';
export { renderText } from './render-text.js';
export { formatSummaryLine, describeSummary } from './format-summary.js';
export { resolveTimeZone } from './time-zone.js';
export type { PluralText, TimelineLabels } from './labels.js';
export { TimelineError, isTimelineError, TIMELINE_ERROR_CODES } from './errors.js';
export type { ArchivePosition, TimelineErrorCode, TimelineErrorParams } from './errors.js';
export { DEFAULT_TIMELINE_LIMITS, createUncompressedBudget } from './limits.js';
export type { TimelineLimitName, TimelineLimits } from './limits.js';
