/** Human-readable forms of a TimelineSummary, shared by the renderers and the Slack comment. */
import type { TimelineSummary } from './merge.js';
import { formatUtcMinute } from './time-zone.js';

export const OUT_OF_ORDER_NOTE = 'out of file order';
export const OUT_OF_ORDER_CSV_NOTE = `${OUT_OF_ORDER_NOTE}: dated before the message listed above it in the export`;

export const EXPORT_CAVEAT =
  'Genesys exports hold only the messages each person sent, without the room or the recipient: ' +
  'messages from different conversations appear interleaved here, ordered by time.';

/** e.g. "Alice Martin: 12 messages, Bob Chen: 9 messages · 2024-01-03 09:12 → 2024-02-10 17:40 UTC · 3 archives read" */
export function formatSummaryLine(summary: TimelineSummary): string {
  const parts = [
    summary.people.map((p) => `${p.name}: ${plural(p.messages, 'message')}`).join(', ') || 'no one',
    formatPeriod(summary) ?? 'no messages',
    `${plural(summary.archivesRead, 'archive')} read`,
  ];
  if (summary.skipped.outOfRange > 0) parts.push(`${plural(summary.skipped.outOfRange, 'message')} outside the date range`);
  if (summary.outOfOrder > 0) parts.push(`${plural(summary.outOfOrder, 'message')} ${OUT_OF_ORDER_NOTE} (flagged)`);
  if (summary.unrecognised.total > 0) {
    parts.push(`${plural(summary.unrecognised.total, 'entry', 'entries')} kept verbatim (unrecognised)`);
  }
  if (summary.emptyExports.length > 0) parts.push(`no chat in the export of ${summary.emptyExports.map((p) => p.name).join(', ')}`);
  return parts.join(' · ');
}

/** The summary as short sentences, one per line, for the HTML and text renderings. */
export function describeSummary(summary: TimelineSummary): string[] {
  const lines = [
    `Messages: ${summary.messages}${summary.people.length ? ` (${summary.people.map((p) => `${p.name} ${p.messages}`).join(', ')})` : ''}.`,
    `Period: ${formatPeriod(summary) ?? 'no messages'}.`,
  ];
  const range = formatRange(summary);
  if (range) lines.push(`Date range asked: ${range}.`);
  lines.push(
    `Archives read: ${summary.archivesRead}; ${plural(summary.skipped.noiseEntries, 'other entry', 'other entries')} (not chat) skipped.`,
  );
  if (summary.skipped.outOfRange > 0) {
    lines.push(`Left out: ${plural(summary.skipped.outOfRange, 'message')} outside the date range.`);
  }
  if (summary.outOfOrder > 0) {
    lines.push(
      `Flagged "${OUT_OF_ORDER_NOTE}": ${plural(summary.outOfOrder, 'message')} dated before the message listed above it in the export, ` +
        'shown at its own time. Check such messages: a message quoting a chat record can look like one.',
    );
  }
  if (summary.unrecognised.total > 0) {
    const reasons = Object.entries(summary.unrecognised.byReason).map(([reason, n]) => `${n} ${reason}`);
    lines.push(
      `Kept verbatim at the end: ${plural(summary.unrecognised.total, 'unrecognised entry', 'unrecognised entries')} (${reasons.join(', ')}).`,
    );
  }
  if (summary.emptyExports.length > 0) {
    lines.push(`No chat entry in the export of: ${summary.emptyExports.map((p) => p.name).join(', ')}.`);
  }
  lines.push(`Local times are shown in ${summary.timeZone}.`, ...summary.notes, EXPORT_CAVEAT);
  return lines;
}

function formatPeriod(summary: TimelineSummary): string | undefined {
  if (!summary.firstAt || !summary.lastAt) return undefined;
  return `${formatUtcMinute(summary.firstAt)} → ${formatUtcMinute(summary.lastAt)} UTC`;
}

function formatRange(summary: TimelineSummary): string | undefined {
  const { from, to } = summary.range ?? {};
  if (!from && !to) return undefined;
  const parts = [];
  if (from) parts.push(`from ${formatUtcMinute(from)} UTC`);
  if (to) parts.push(`until ${formatUtcMinute(to)} UTC (excluded)`);
  return parts.join(' ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
