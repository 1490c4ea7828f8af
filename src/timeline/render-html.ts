/**
 * A self-contained HTML page a reviewer can read, search and print: inline CSS only, no script,
 * no external asset (the CSP meta forbids both), every piece of data escaped.
 */
import { describeSummary, unrecognisedReason } from './format-summary.js';
import type { ArchiveCustody } from './build-timeline.js';
import { fill, type TimelineLabels } from './labels.js';
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
export function pageStart(title: string, labels: TimelineLabels): string {
  return (
    [
      '<!doctype html>',
      `<html lang="${escapeHtml(labels.lang)}"><head><meta charset="utf-8">`,
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
      '<meta name="robots" content="noindex, nofollow">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title>`,
      `<style>${STYLE}</style></head><body>`,
    ].join('\n') + '\n'
  );
}

export function pageHeader(title: string, labels: TimelineLabels): string {
  return `<header><h1>${escapeHtml(title)}</h1>\n<p class="confidential">${escapeHtml(labels.page.confidential)}</p></header>\n`;
}

export function summaryAndCustody(summary: TimelineSummary, custody: readonly ArchiveCustody[] | undefined, labels: TimelineLabels): string {
  return `${renderSummary(summary, labels)}\n${custody ? `${renderCustody(custody, labels)}\n` : ''}`;
}

/** Renders messages in time order, with a heading whenever the local day changes (or after reset). */
export function createMessageRenderer(timeZone: string, labels: TimelineLabels): { render(message: TimelineMessage): string; reset(): void } {
  const zone = resolveTimeZone(timeZone).timeZone;
  const toLocal = createLocalFormatter(zone);
  const dayHeading = createDayHeading(zone, labels);
  const flag = ` · <span class="flag">${escapeHtml(labels.page.outOfOrder)}</span>`;
  let currentDay = '';
  return {
    reset: () => {
      currentDay = '';
    },
    render(message) {
      const local = toLocal(message.at, message.ms);
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
        `${message.outOfOrder ? flag : ''}</div>` +
        `<p class="text">${escapeHtml(message.text)}</p></article>\n`
      );
    },
  };
}

export function unrecognisedHeading(labels: TimelineLabels): string {
  const page = labels.page;
  return (
    `<section aria-label="${escapeHtml(page.unrecognisedSection)}"><h2>${escapeHtml(page.unrecognisedHeading)}</h2>\n` +
    `<p>${escapeHtml(page.unrecognisedIntro)}</p>\n`
  );
}

export function renderUnrecognisedEntry(entry: UnrecognisedEntry, labels: TimelineLabels): string {
  return (
    `<article><p class="meta"><span class="author">${escapeHtml(entry.author)}</span> · ${escapeHtml(unrecognisedReason(entry.reason, labels))}</p>` +
    `<pre class="raw">${escapeHtml(entry.raw)}</pre></article>\n`
  );
}

export interface HtmlOptions {
  timeZone: string;
  title: string;
  custody?: readonly ArchiveCustody[];
  /** the reader's words and locale (English when absent) */
  labels: TimelineLabels;
}

export function createHtmlWriter(summary: TimelineSummary, options: HtmlOptions): TimelineWriter {
  const labels = options.labels;
  const messages = createMessageRenderer(options.timeZone, labels);
  let unrecognisedSeen = false;
  const closeMain = () => `${summary.messages === 0 ? `<p>${escapeHtml(labels.page.noMessages)}</p>\n` : ''}</main>\n`;
  return {
    begin: () => `${pageStart(options.title, labels)}${pageHeader(options.title, labels)}${summaryAndCustody(summary, options.custody, labels)}<main>\n`,
    message: (message: TimelineMessage) => messages.render(message),
    unrecognised(entry: UnrecognisedEntry) {
      const heading = unrecognisedSeen ? '' : closeMain() + unrecognisedHeading(labels);
      unrecognisedSeen = true;
      return heading + renderUnrecognisedEntry(entry, labels);
    },
    end: () => `${unrecognisedSeen ? '</section>\n' : closeMain()}</body></html>\n`,
  };
}

export function renderHtml(timeline: Timeline, summary: TimelineSummary, options: HtmlOptions): string {
  return renderWith(createHtmlWriter(summary, options), timeline);
}

export function colourOf(personIndex: number): string {
  return AUTHOR_COLOURS[personIndex % AUTHOR_COLOURS.length] ?? '#1d1d1f';
}

function renderSummary(summary: TimelineSummary, labels: TimelineLabels): string {
  const columns = labels.page.people;
  const rows = summary.people.map(
    (p, i) =>
      `<tr><td><span class="swatch" style="background:${colourOf(i)}"></span>${escapeHtml(p.name)}</td>` +
      `<td>${escapeHtml(p.genesysUserId)}</td><td>${p.messages}</td><td>${p.archivesRead}</td></tr>`,
  );
  return [
    `<section class="summary" aria-label="${escapeHtml(labels.page.summary)}">`,
    `<table><thead><tr>${headerCells([columns.person, columns.genesysUserId, columns.messages, columns.archives])}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    `<ul>${describeSummary(summary, labels)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** Where the timeline came from: a reviewer re-hashes the exports and compares. */
function renderCustody(archives: readonly ArchiveCustody[], labels: TimelineLabels): string {
  const words = labels.custody;
  const unknown = escapeHtml(words.unknown);
  // the ISO timestamps and hashes are data a reviewer compares with the custody JSON: not reworded
  const rows = archives.map(
    (a) =>
      `<tr><td>${a.requestId === undefined ? unknown : escapeHtml(a.requestId)}</td><td>${escapeHtml(a.genesysUserId)}</td>` +
      `<td>${a.completedAt === undefined ? unknown : escapeHtml(a.completedAt)}</td>` +
      `<td>${a.archive}</td><td>${a.messages}</td><td><code>${escapeHtml(a.zipSha256)}</code></td>` +
      `<td>${a.realtimeSha256.map((h) => `<code>${escapeHtml(h)}</code>`).join('<br>') || escapeHtml(words.noChatEntry)}</td></tr>`,
  );
  const c = words.columns;
  return [
    `<section class="custody" aria-label="${escapeHtml(words.heading)}"><h2>${escapeHtml(words.heading)}</h2>`,
    `<p>${fill(escapeHtml(words.intro), { entry: `<code>${REALTIME_ENTRY}</code>` })}</p>`,
    `<table><thead><tr>${headerCells([c.request, c.subject, c.completed, c.archive, c.messages, c.zipSha256, c.chatSha256])}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

const REALTIME_ENTRY = 'REALTIME!messages';

export function headerCells(names: readonly string[]): string {
  return names.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
}

/** "Friday, 5 January 2024" / « vendredi 5 janvier 2024 », in the reader's zone and language */
function createDayHeading(timeZone: string, labels: TimelineLabels): (iso: string) => string {
  const format = new Intl.DateTimeFormat(labels.locale, { timeZone, dateStyle: 'full' });
  const first = labels.firstOfMonth;
  return first !== '1' ? (iso) => format.format(new Date(iso)).replace(/(^|\s)1(?=\s)/, `$1${first}`) : (iso) => format.format(new Date(iso));
}

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const HAS_HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(value: string): string {
  // most values (times, names, plain text) have nothing to escape: no replace, no new string
  if (!HAS_HTML_SPECIAL.test(value)) return value;
  return value.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c]!);
}
