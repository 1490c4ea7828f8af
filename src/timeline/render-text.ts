/** Plain-text rendering: readable in any viewer, easy to quote in an email or a ticket. */
import { describeSummary, OUT_OF_ORDER_NOTE } from './format-summary.js';
import type { Timeline, TimelineSummary } from './merge.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';

const CONTINUATION_INDENT = '    ';

export function renderText(
  timeline: Timeline,
  summary: TimelineSummary,
  options: { timeZone: string; title: string },
): string {
  const toLocal = createLocalFormatter(resolveTimeZone(options.timeZone).timeZone);
  const out = [options.title, '='.repeat(Math.min(options.title.length, 80)), ''];
  out.push(...describeSummary(summary).map((line) => `* ${line}`), '');
  for (const message of timeline.messages) {
    const [first = '', ...rest] = message.text.split('\n');
    const flag = message.outOfOrder ? ` (${OUT_OF_ORDER_NOTE})` : '';
    out.push(`[${toLocal(message.at)}] ${message.author}${flag}: ${first}`);
    for (const line of rest) out.push(indent(line));
  }
  if (timeline.messages.length === 0) out.push('No messages to show.');
  if (timeline.unrecognised.length > 0) {
    out.push('', 'Unrecognised entries, kept verbatim', '-----------------------------------');
    for (const entry of timeline.unrecognised) {
      out.push(`${entry.author} (${entry.reason}):`);
      for (const line of entry.raw.split('\n')) out.push(indent(line));
    }
  }
  return `${out.join('\n')}\n`;
}

// Blank lines stay empty rather than carrying trailing spaces.
function indent(line: string): string {
  return line === '' ? '' : `${CONTINUATION_INDENT}${line}`;
}
