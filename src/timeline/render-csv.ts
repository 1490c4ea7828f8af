/**
 * CSV rendering for spreadsheets, one row at a time so a timeline of any size streams to a file.
 * Cells are guarded against formula injection (OWASP "CSV injection") exactly as csv-stringify's
 * `escape_formulas` does: a single quote goes before any cell starting with = + - @ (ASCII or
 * full-width), a tab or a CR, which a spreadsheet would otherwise evaluate.
 */
import { unrecognisedReason } from './format-summary.js';
import { fill, type TimelineLabels } from './labels.js';
import type { Timeline, TimelineMessage, UnrecognisedEntry } from './merge.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';
import { renderWith, type TimelineWriter } from './timeline-writer.js';

/**
 * The header row names columns for scripts and spreadsheet formulas, so it stays these English
 * identifiers in every language, as the ISO UTC times do; only the `note` cells, sentences a
 * reviewer reads, are in the requester's language.
 */
export const CSV_COLUMNS = ['time_utc', 'time_local', 'author', 'genesys_user_id', 'text', 'note'] as const;

const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const NEEDS_QUOTES = /[",\n\r]/;

export function csvCell(value: string): string {
  const guarded = value !== '' && FORMULA_STARTS.has(value[0]!) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRow(cells: readonly string[]): string {
  // a loop rather than map + join: this runs for every message
  let row = csvCell(cells[0] ?? '');
  for (let i = 1; i < cells.length; i += 1) row += `,${csvCell(cells[i]!)}`;
  return `${row}\n`;
}

/** One row per message in time order, then one per unrecognised entry (no time, a note saying why). */
export function createCsvWriter(options: { timeZone: string; labels: TimelineLabels }): TimelineWriter {
  const toLocal = createLocalFormatter(resolveTimeZone(options.timeZone).timeZone);
  const labels = options.labels;
  const outOfOrderNote = fill(labels.csv.outOfOrder, { flag: labels.page.outOfOrder });
  return {
    // The BOM makes Excel read the file as UTF-8 rather than the local code page.
    begin: () => `\ufeff${csvRow(CSV_COLUMNS)}`,
    message: (m: TimelineMessage) => csvRow([m.at, toLocal(m.at, m.ms), m.author, m.genesysUserId, m.text, m.outOfOrder ? outOfOrderNote : '']),
    unrecognised: (u: UnrecognisedEntry) =>
      csvRow(['', '', u.author, u.genesysUserId, u.raw, fill(labels.csv.unrecognised, { reason: unrecognisedReason(u.reason, labels) })]),
    end: () => '',
  };
}

export function renderCsv(timeline: Timeline, options: { timeZone: string; labels: TimelineLabels }): string {
  return renderWith(createCsvWriter(options), timeline);
}
