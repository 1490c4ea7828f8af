/** Human-readable forms of a TimelineSummary, shared by the renderers and the Slack comment. */
import { fill, pluralText, type TimelineLabels } from './labels.js';
import type { TimelineSummary } from './merge.js';
import { formatUtcMinute } from './time-zone.js';

/** e.g. "Alice Martin: 12 messages, Bob Chen: 9 messages · 2024-01-03 09:12 → 2024-02-10 17:40 UTC · 3 archives read" */
export function formatSummaryLine(summary: TimelineSummary, labels: TimelineLabels): string {
  const words = labels.summaryLine;
  const messages = (n: number) => pluralText(labels, n, labels.messages);
  const parts = [
    summary.people.map((p) => fill(words.person, { name: p.name, messages: messages(p.messages) })).join(', ') || words.noOne,
    formatPeriod(summary, labels) ?? words.noMessages,
    fill(words.archivesRead, { archives: pluralText(labels, summary.archivesRead, words.archives) }),
  ];
  if (summary.skipped.outOfRange > 0) parts.push(fill(words.outOfRange, { messages: messages(summary.skipped.outOfRange) }));
  if (summary.outOfOrder > 0) parts.push(fill(pluralText(labels, summary.outOfOrder, words.outOfOrder), { flag: labels.page.outOfOrder }));
  if (summary.unrecognised.total > 0) parts.push(pluralText(labels, summary.unrecognised.total, words.keptVerbatim));
  if (summary.emptyExports.length > 0) parts.push(fill(words.noChatIn, { names: summary.emptyExports.map((p) => p.name).join(', ') }));
  return parts.join(' · ');
}

/** The summary as short sentences, one per line, for the HTML and text renderings. */
export function describeSummary(summary: TimelineSummary, labels: TimelineLabels): string[] {
  const words = labels.summary;
  const messages = (n: number) => pluralText(labels, n, labels.messages);
  const byPerson = summary.people.map((p) => fill(words.personCount, { name: p.name, count: p.messages })).join(', ');
  const lines = [
    fill(words.messages, { count: summary.messages, byPerson: byPerson ? ` (${byPerson})` : '' }),
    fill(words.period, { period: formatPeriod(summary, labels) ?? words.noMessages }),
  ];
  const range = formatRange(summary, labels);
  if (range) lines.push(fill(words.rangeAsked, { range }));
  lines.push(fill(words.archivesRead, { archives: summary.archivesRead, others: pluralText(labels, summary.skipped.noiseEntries, words.otherEntries) }));
  if (summary.skipped.outOfRange > 0) lines.push(fill(words.leftOut, { messages: messages(summary.skipped.outOfRange) }));
  if (summary.outOfOrder > 0) lines.push(fill(pluralText(labels, summary.outOfOrder, words.flagged), { flag: labels.page.outOfOrder }));
  if (summary.unrecognised.total > 0) {
    const reasons = Object.entries(summary.unrecognised.byReason).map(([reason, n]) => `${n} ${unrecognisedReason(reason, labels)}`);
    lines.push(fill(words.keptVerbatim, { entries: pluralText(labels, summary.unrecognised.total, words.unrecognisedEntries), reasons: reasons.join(', ') }));
  }
  if (summary.emptyExports.length > 0) lines.push(fill(words.noChatIn, { names: summary.emptyExports.map((p) => p.name).join(', ') }));
  lines.push(fill(words.localTimes, { zone: summary.timeZone }), ...zoneNotes(summary, labels), words.exportCaveat);
  return lines;
}

/** An unrecognised entry's reason in the reader's words (the code itself when it has none). */
export function unrecognisedReason(reason: string, labels: TimelineLabels): string {
  return labels.unrecognisedReasons[reason] ?? reason;
}

/** Why local times are in UTC, worded from the summary's facts. */
function zoneNotes(summary: TimelineSummary, labels: TimelineLabels): string[] {
  const problem = summary.zoneProblem;
  if (!problem) return [];
  return [problem.requested === undefined ? labels.summary.noTimeZone : fill(labels.summary.unknownTimeZone, { zone: problem.requested })];
}

function formatPeriod(summary: TimelineSummary, labels: TimelineLabels): string | undefined {
  if (!summary.firstAt || !summary.lastAt) return undefined;
  return fill(labels.summary.periodValue, { from: formatUtcMinute(summary.firstAt), to: formatUtcMinute(summary.lastAt) });
}

function formatRange(summary: TimelineSummary, labels: TimelineLabels): string | undefined {
  const { from, to } = summary.range ?? {};
  if (!from && !to) return undefined;
  const parts = [];
  if (from) parts.push(fill(labels.summary.rangeFrom, { when: formatUtcMinute(from) }));
  if (to) parts.push(fill(labels.summary.rangeUntil, { when: formatUtcMinute(to) }));
  return parts.join(' ');
}
