/**
 * A self-contained HTML page a reviewer can read, search and print: inline CSS only, no script,
 * no external asset (the CSP meta forbids both), every piece of data escaped.
 */
import { describeSummary, OUT_OF_ORDER_NOTE } from './format-summary.js';
import type { ArchiveCustody } from './build-timeline.js';
import type { Timeline, TimelineMessage, TimelineSummary, UnrecognisedEntry } from './merge.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';
import { renderWith, type TimelineWriter } from './timeline-writer.js';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

// Distinct, dark enough for white backgrounds and for greyscale printing; names are always shown
// too, so colour is never the only cue.
const AUTHOR_COLOURS = ['#1f5fbf', '#b3261e', '#1b7a3d', '#7b3fa0', '#a15c00', '#00707a', '#8a2d5c', '#4a5a0f'];

const STYLE = `
  :root { color-scheme: light; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .confidential { color: #b3261e; font-weight: 600; margin-top: 0; }
  .summary { border: 1px solid #d0d0d5; border-radius: 6px; padding: .75rem 1rem; background: #f7f7f9; }
  .summary ul { margin: .5rem 0 0; padding-left: 1.2rem; }
  table { border-collapse: collapse; }
  th, td { text-align: left; padding: .15rem .75rem .15rem 0; vertical-align: top; }
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -.05em; }
  h2 { font-size: 1rem; margin: 1.5rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d0d5; }
  .msg { border-left: 4px solid; padding: .2rem .75rem; margin: .35rem 0; break-inside: avoid; }
  .meta { font-size: .85rem; color: #555; }
  .author { font-weight: 600; }
  .custody { font-size: .85rem; margin-top: 1rem; } .custody code { font-size: .75rem; overflow-wrap: anywhere; }
  .flag { font-weight: 600; color: #b3261e; border: 1px solid #b3261e; border-radius: 3px; padding: 0 .25em; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .1rem 0 0; }
  pre.raw { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f9; padding: .5rem; border: 1px dashed #999; }
  @media print { body { margin: 0; max-width: none; font-size: 11pt; } .summary { background: none; } h2 { break-after: avoid; } }
`;

/** The page's head and the start of its body, with the strict CSP. */
export function pageStart(title: string): string {
  return (
    [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
      '<meta name="robots" content="noindex, nofollow">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title>`,
      `<style>${STYLE}</style></head><body>`,
    ].join('\n') + '\n'
  );
}

export function pageHeader(title: string): string {
  return `<header><h1>${escapeHtml(title)}</h1>\n<p class="confidential">Contains personal data. Handle it under the case’s legal basis.</p></header>\n`;
}

export function summaryAndCustody(summary: TimelineSummary, custody: readonly ArchiveCustody[] | undefined): string {
  return `${renderSummary(summary, colourOf)}\n${custody ? `${renderCustody(custody)}\n` : ''}`;
}

/** Renders messages in time order, with a heading whenever the local day changes (or after reset). */
export function createMessageRenderer(timeZone: string): { render(message: TimelineMessage): string; reset(): void } {
  const zone = resolveTimeZone(timeZone).timeZone;
  const toLocal = createLocalFormatter(zone);
  const dayHeading = createDayHeading(zone);
  let currentDay = '';
  return {
    reset: () => {
      currentDay = '';
    },
    render(message) {
      const local = toLocal(message.at);
      const day = local.slice(0, 10);
      let heading = '';
      if (day !== currentDay) {
        currentDay = day;
        heading = `<h2>${escapeHtml(dayHeading(message.at))}</h2>\n`;
      }
      const colour = colourOf(message.personIndex);
      const at = escapeHtml(message.at);
      return (
        `${heading}<article class="msg" style="border-color:${colour}">` +
        `<div class="meta"><time datetime="${at}" title="${at} UTC">${escapeHtml(local.slice(11))}</time> · ` +
        `<span class="author" style="color:${colour}">${escapeHtml(message.author)}</span>` +
        `${message.outOfOrder ? ` · <span class="flag">${OUT_OF_ORDER_NOTE}</span>` : ''}</div>` +
        `<p class="text">${escapeHtml(message.text)}</p></article>\n`
      );
    },
  };
}

export const UNRECOGNISED_HEADING =
  '<section aria-label="Unrecognised entries"><h2>Unrecognised entries, kept verbatim</h2>\n' +
  '<p>These parts of the exports could not be read as dated messages. They are shown exactly as exported.</p>\n';

export function renderUnrecognisedEntry(entry: UnrecognisedEntry): string {
  return (
    `<article><p class="meta"><span class="author">${escapeHtml(entry.author)}</span> · ${escapeHtml(entry.reason)}</p>` +
    `<pre class="raw">${escapeHtml(entry.raw)}</pre></article>\n`
  );
}

export function createHtmlWriter(summary: TimelineSummary, options: { timeZone: string; title: string; custody?: readonly ArchiveCustody[] }): TimelineWriter {
  const messages = createMessageRenderer(options.timeZone);
  let unrecognisedSeen = false;
  const closeMain = () => `${summary.messages === 0 ? '<p>No messages to show.</p>\n' : ''}</main>\n`;
  return {
    begin: () => `${pageStart(options.title)}${pageHeader(options.title)}${summaryAndCustody(summary, options.custody)}<main>\n`,
    message: (message: TimelineMessage) => messages.render(message),
    unrecognised(entry: UnrecognisedEntry) {
      const heading = unrecognisedSeen ? '' : closeMain() + UNRECOGNISED_HEADING;
      unrecognisedSeen = true;
      return heading + renderUnrecognisedEntry(entry);
    },
    end: () => `${unrecognisedSeen ? '</section>\n' : closeMain()}</body></html>\n`,
  };
}

export function renderHtml(timeline: Timeline, summary: TimelineSummary, options: { timeZone: string; title: string; custody?: readonly ArchiveCustody[] }): string {
  return renderWith(createHtmlWriter(summary, options), timeline);
}

export function colourOf(personIndex: number): string {
  return AUTHOR_COLOURS[personIndex % AUTHOR_COLOURS.length] ?? '#1d1d1f';
}

function renderSummary(summary: TimelineSummary, colourOf: (personIndex: number) => string): string {
  const rows = summary.people.map(
    (p, i) =>
      `<tr><td><span class="swatch" style="background:${colourOf(i)}"></span>${escapeHtml(p.name)}</td>` +
      `<td>${escapeHtml(p.genesysUserId)}</td><td>${p.messages}</td><td>${p.archivesRead}</td></tr>`,
  );
  return [
    '<section class="summary" aria-label="Summary">',
    '<table><thead><tr><th>Person</th><th>Genesys user id</th><th>Messages</th><th>Archives</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    `<ul>${describeSummary(summary)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** Where the timeline came from: a reviewer re-hashes the exports and compares. */
function renderCustody(archives: readonly ArchiveCustody[]): string {
  const rows = archives.map(
    (a) =>
      `<tr><td>${escapeHtml(a.requestId ?? 'unknown')}</td><td>${escapeHtml(a.genesysUserId)}</td><td>${escapeHtml(a.completedAt ?? 'unknown')}</td>` +
      `<td>${a.archive}</td><td>${a.messages}</td><td><code>${escapeHtml(a.zipSha256)}</code></td>` +
      `<td>${a.realtimeSha256.map((h) => `<code>${escapeHtml(h)}</code>`).join('<br>') || 'no chat entry'}</td></tr>`,
  );
  return [
    '<section class="custody" aria-label="Chain of custody"><h2>Chain of custody</h2>',
    '<p>Every archive this timeline was built from. SHA-256 of the ZIP as downloaded from Genesys Cloud, and of its <code>REALTIME!messages</code> entry. The SHA-256 of this file and of the CSV are in the custody JSON delivered with it and in the audit trail.</p>',
    '<table><thead><tr><th>Genesys request</th><th>Subject (Genesys user id)</th><th>Export completed</th><th>Archive</th><th>Messages</th><th>ZIP SHA-256</th><th>Chat entry SHA-256</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

function createDayHeading(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full' });
  return (iso) => format.format(new Date(iso));
}

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const HAS_HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(value: string): string {
  // most values (times, names, plain text) have nothing to escape: no replace, no new string
  if (!HAS_HTML_SPECIAL.test(value)) return value;
  return value.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c]!);
}
