/**
 * The readable timeline at size: past one part's worth of messages, the HTML becomes a ZIP of
 * `index.html` (summary, chain of custody and a table of contents: each part's period and count)
 * and `part-0001.html`, … of a fixed number of messages each, linked to each other (previous,
 * contents, next), plus `unrecognised.html` when needed. Every page has the strict CSP and full
 * escaping of the single page; each opens quickly whatever the timeline's size. The pages are
 * deflated into one encrypted ZIP as they are rendered (zip-writer.ts).
 */
import type { ArchiveCustody } from './build-timeline.js';
import { EncryptedTempFile, type SealedFile } from './encrypted-temp-file.js';
import type { TimelineMessage, TimelineSummary, UnrecognisedEntry } from './merge.js';
import { fill, pluralText, type TimelineLabels } from './labels.js';
import {
  createMessageRenderer,
  escapeHtml,
  headerCells,
  pageHeader,
  pageStart,
  renderUnrecognisedEntry,
  summaryAndCustody,
  unrecognisedHeading,
} from './render-html.js';
import { createLocalFormatter, resolveTimeZone } from './time-zone.js';
import { ZipWriter, type ZipEntryWriter } from './zip-writer.js';

export const DEFAULT_HTML_PART_MESSAGES = 20_000;

export function partFileName(index: number): string {
  return `part-${String(index + 1).padStart(4, '0')}.html`;
}

interface PartInfo {
  messages: number;
  firstAt?: string;
  lastAt?: string;
}

/** A page being written: its text is deflated into the ZIP as it is rendered. */
interface OpenPage {
  entry: ZipEntryWriter;
  /**
   * the page's bytes not handed to the deflater yet, encoded here as they are rendered: each write
   * is one deflate job on libuv's pool, and a big batch kept as text was one long string to flatten
   * and encode at once
   */
  bytes: Buffer;
  used: number;
}

// a row per write meant a deflate job per message, and more time in the kernel than in rendering;
// 1 MB a write lets the deflate run on libuv's pool while the next megabyte is rendered
const BATCH_BYTES = 1024 * 1024;
// level 1: HTML still shrinks several times, at a fraction of the default level's CPU
const PART_LEVEL = 1;
const INDEX_LEVEL = 6;

export class HtmlParts {
  private readonly parts: PartInfo[] = [];
  private readonly renderer;
  private readonly labels: TimelineLabels;
  private readonly zip: ZipWriter;
  private readonly mtime: Date;
  private page: OpenPage | undefined;
  private unrecognisedPage = false;
  readonly partCount: number;

  /**
   * The pages are deflated into the ZIP while the timeline is rendered (deflate runs on libuv's
   * pool, beside the rendering): writing each page to a temp file and zipping them afterwards took
   * a fifth of a large build. The index comes last, once every part's period is known.
   */
  static async create(
    dir: string,
    summary: TimelineSummary,
    options: { timeZone: string; title: string; custody?: readonly ArchiveCustody[]; partMessages: number; labels: TimelineLabels },
  ): Promise<HtmlParts> {
    return new HtmlParts(await EncryptedTempFile.create(dir, { hash: true }), summary, options);
  }

  private constructor(
    private readonly out: EncryptedTempFile,
    private readonly summary: TimelineSummary,
    private readonly options: { timeZone: string; title: string; custody?: readonly ArchiveCustody[]; partMessages: number; labels: TimelineLabels },
  ) {
    this.labels = options.labels;
    this.zip = new ZipWriter(out);
    this.renderer = createMessageRenderer(options.timeZone, this.labels);
    this.partCount = Math.max(1, Math.ceil(summary.messages / options.partMessages));
    // ZIP (DOS) dates start in 1980
    this.mtime = new Date(Math.max(Date.parse(summary.lastAt ?? ''), Date.UTC(1980, 0, 2)) || Date.UTC(1980, 0, 2));
  }

  /** Returns a promise only when the page is handed to the deflater, or a part begins. */
  message(message: TimelineMessage): Promise<void> | undefined {
    const part = this.parts.at(-1);
    if (!part || part.messages >= this.options.partMessages) return this.startPart().then((started) => this.add(started, message));
    return this.add(part, message);
  }

  async unrecognisedEntry(entry: UnrecognisedEntry): Promise<void> {
    if (!this.unrecognisedPage) {
      await this.closePage(this.partEnd(this.parts.length - 1)); // unrecognised entries come after every message
      this.unrecognisedPage = true;
      const title = fill(this.labels.parts.unrecognisedTitle, { title: this.options.title });
      await this.openPage('unrecognised.html', INDEX_LEVEL, `${pageStart(title, this.labels)}${pageHeader(title, this.labels)}${this.nav(undefined, undefined)}${unrecognisedHeading(this.labels)}`);
    }
    await this.write(renderUnrecognisedEntry(entry, this.labels));
  }

  /** Closes every page, adds the index and seals the encrypted ZIP. */
  async finish(): Promise<SealedFile> {
    await this.closePage(this.unrecognisedPage ? `</section>\n${this.nav(undefined, undefined)}</body></html>\n` : this.partEnd(this.parts.length - 1));
    await this.zip.addBuffer('index.html', Buffer.from(this.index(), 'utf8'), { mtime: this.mtime, level: INDEX_LEVEL });
    await this.zip.finish();
    return await this.out.seal();
  }

  async dispose(): Promise<void> {
    this.zip.abort();
    this.page = undefined;
    await this.out.dispose();
  }

  private add(part: PartInfo, message: TimelineMessage): Promise<void> | undefined {
    part.messages += 1;
    part.firstAt ??= message.at;
    part.lastAt = message.at;
    return this.write(this.renderer.render(message));
  }

  private async startPart(): Promise<PartInfo> {
    const index = this.parts.length;
    if (index > 0) await this.closePage(this.partEnd(index - 1));
    const part: PartInfo = { messages: 0 };
    this.parts.push(part);
    this.renderer.reset(); // each part starts with its day's heading
    const title = fill(this.labels.parts.partTitle, { title: this.options.title, part: index + 1, parts: this.partCount });
    await this.openPage(partFileName(index), PART_LEVEL, `${pageStart(title, this.labels)}${pageHeader(title, this.labels)}${this.partNav(index)}<main>\n`);
    return part;
  }

  private partEnd(index: number): string {
    return `</main>\n${this.partNav(index)}</body></html>\n`;
  }

  /** Adds a page to the ZIP, starting with `head`; the rest is written as it is rendered. */
  private async openPage(name: string, level: number, head: string): Promise<void> {
    const entry = await this.zip.openEntry(name, { mtime: this.mtime, level });
    this.page = { entry, bytes: Buffer.allocUnsafe(BATCH_BYTES), used: 0 };
    await this.write(head);
  }

  /** Ends the open page, if any, with `end`. */
  private async closePage(end: string): Promise<void> {
    const page = this.page;
    if (!page) return;
    await this.write(end);
    if (page.used > 0) await page.entry.write(page.bytes.subarray(0, page.used));
    this.page = undefined;
    await page.entry.close();
  }

  /** Encodes `text` into the page's batch, handing the batch to the deflater first when it is full. */
  private write(text: string): Promise<void> | undefined {
    const page = this.page!;
    let handed: Promise<void> | undefined;
    if (page.used + text.length * 3 > page.bytes.length) {
      // the deflater keeps the buffer it is handed: the next batch gets a new one
      if (page.used > 0) handed = page.entry.write(page.bytes.subarray(0, page.used));
      page.bytes = Buffer.allocUnsafe(Math.max(BATCH_BYTES, text.length * 3));
      page.used = 0;
    }
    page.used += page.bytes.write(text, page.used, 'utf8');
    return handed;
  }

  private partNav(index: number): string {
    return this.nav(index > 0 ? partFileName(index - 1) : undefined, index + 1 < this.partCount ? partFileName(index + 1) : undefined);
  }

  private index(): string {
    const words = this.labels.parts;
    // the period of each part as local date and time, numeric like the CSV's time_local column
    const toLocal = createLocalFormatter(resolveTimeZone(this.options.timeZone).timeZone);
    const rows = this.parts.map(
      (part, i) =>
        `<tr><td><a href="${partFileName(i)}">${escapeHtml(fill(words.partLink, { part: i + 1 }))}</a></td><td>${escapeHtml(part.firstAt ? toLocal(part.firstAt) : '')}</td>` +
        `<td>${escapeHtml(part.lastAt ? toLocal(part.lastAt) : '')}</td><td>${part.messages}</td></tr>`,
    );
    const c = words.columns;
    return [
      pageStart(this.options.title, this.labels),
      pageHeader(this.options.title, this.labels),
      summaryAndCustody(this.summary, this.options.custody, this.labels),
      `<nav class="toc" aria-label="${escapeHtml(words.contents)}"><h2>${escapeHtml(words.contents)}</h2>`,
      `<p>${escapeHtml(fill(words.contentsIntro, { parts: this.parts.length, size: pluralText(this.labels, this.options.partMessages, this.labels.messages), zone: this.summary.timeZone }))}</p>`,
      `<table><thead><tr>${headerCells([c.part, c.from, c.to, c.messages])}</tr></thead>`,
      `<tbody>${rows.join('')}</tbody></table>`,
      this.unrecognisedPage ? `<p><a href="unrecognised.html">${escapeHtml(this.labels.page.unrecognisedHeading)}</a></p>` : '',
      '</nav></body></html>',
      '',
    ].join('\n');
  }

  private nav(previous: string | undefined, next: string | undefined): string {
    const words = this.labels.parts;
    const links = [
      previous ? `<a href="${previous}" rel="prev">${escapeHtml(words.previous)}</a>` : '',
      `<a href="index.html">${escapeHtml(words.contents)}</a>`,
      next ? `<a href="${next}" rel="next">${escapeHtml(words.next)}</a>` : '',
    ].filter(Boolean);
    return `<nav class="parts">${links.join(' · ')}</nav>\n`;
  }
}
