/**
 * CSV rendering for spreadsheets. Cells are guarded against formula injection (OWASP "CSV
 * injection"): csv-stringify's `escape_formulas` prefixes a single quote to any cell starting with
 * = + - @ (ASCII or full-width), a tab or a CR, which a spreadsheet would otherwise evaluate.
 */
import { stringify } from 'csv-stringify/sync';
import { OUT_OF_ORDER_CSV_NOTE } from './format-summary.js';
import type { Timeline } from './merge.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';

export const CSV_COLUMNS = ['time_utc', 'time_local', 'author', 'genesys_user_id', 'text', 'note'] as const;

/** One row per message in time order, then one per unrecognised entry (no time, a note saying why). */
export function renderCsv(timeline: Timeline, options: { timeZone: string }): string {
  const toLocal = createLocalFormatter(resolveTimeZone(options.timeZone).timeZone);
  const rows: string[][] = [
    [...CSV_COLUMNS],
    ...timeline.messages.map((m) => [m.at, toLocal(m.at), m.author, m.genesysUserId, m.text, m.outOfOrder ? OUT_OF_ORDER_CSV_NOTE : '']),
    ...timeline.unrecognised.map((u) => ['', '', u.author, u.genesysUserId, u.raw, `unrecognised: ${u.reason}`]),
  ];
  // The BOM makes Excel read the file as UTF-8 rather than the local code page.
  return stringify(rows, { bom: true, escape_formulas: true });
}
