/** Plain-text rendering: readable in any viewer, easy to quote in an email or a ticket. */
import { describeSummary, unrecognisedReason } from './format-summary.js';
import type { TimelineLabels } from './labels.js';
import type { Timeline, TimelineMessage, TimelineSummary, UnrecognisedEntry } from './merge.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';
import { renderWith, type TimelineWriter } from './timeline-writer.js';

const CONTINUATION_INDENT = '    ';

export function createTextWriter(summary: TimelineSummary, options: { timeZone: string; title: string; labels: TimelineLabels }): TimelineWriter {
  const toLocal = createLocalFormatter(resolveTimeZone(options.timeZone).timeZone);
  const labels = options.labels;
  const { noMessages, unrecognisedHeading } = labels.page;
  let unrecognisedSeen = false;
  return {
    begin: () => lines([options.title, '='.repeat(Math.min(options.title.length, 80)), '', ...describeSummary(summary, labels).map((line) => `* ${line}`), '']),
    message(message: TimelineMessage) {
      const [first = '', ...rest] = message.text.split('\n');
      const flag = message.outOfOrder ? ` (${labels.page.outOfOrder})` : '';
      return lines([`[${toLocal(message.at, message.ms)}] ${message.author}${flag}: ${first}`, ...rest.map(indent)]);
    },
    unrecognised(entry: UnrecognisedEntry) {
      const none = summary.messages === 0 && !unrecognisedSeen ? [noMessages] : [];
      const heading = unrecognisedSeen ? [] : [...none, '', unrecognisedHeading, '-'.repeat(unrecognisedHeading.length)];
      unrecognisedSeen = true;
      return lines([...heading, `${entry.author} (${unrecognisedReason(entry.reason, labels)}):`, ...entry.raw.split('\n').map(indent)]);
    },
    end: () => (summary.messages === 0 && !unrecognisedSeen ? `${noMessages}\n` : ''),
  };
}

export function renderText(timeline: Timeline, summary: TimelineSummary, options: { timeZone: string; title: string; labels: TimelineLabels }): string {
  return renderWith(createTextWriter(summary, options), timeline);
}

function lines(items: string[]): string {
  return `${items.join('\n')}\n`;
}

// Blank lines stay empty rather than carrying trailing spaces.
function indent(line: string): string {
  return line === '' ? '' : `${CONTINUATION_INDENT}${line}`;
}
