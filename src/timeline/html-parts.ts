/**
 * The readable timeline at size: past one part's worth of messages, the HTML becomes a ZIP of
 * `index.html` (summary, chain of custody and a table of contents: each part's period and count)
 * and `part-0001.html`, … of a fixed number of messages each, linked to each other (previous,
 * contents, next), plus `unrecognised.html` when needed. Every page has the strict CSP and full
 * escaping of the single page; each opens quickly whatever the timeline's size. Parts are written
 * as encrypted temp files, then zipped (deflated) into one encrypted file.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';
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

export const DEFAULT_HTML_PART_MESSAGES = 20_000;

// yazl checksums every entry with buffer-crc32, a byte-at-a-time JavaScript loop that was 6% of a
// build's CPU. Node's native zlib.crc32 computes the same CRC-32 (same polynomial, unsigned), so
// yazl's copy of the module is pointed at it; the ZIP bytes do not change.
const yazlRequire = createRequire(createRequire(import.meta.url).resolve('yazl'));
(yazlRequire('buffer-crc32') as { unsigned: (data: Buffer, previous?: number) => number }).unsigned = (data, previous = 0) =>
  crc32(data, previous);

export function partFileName(index: number): string {
  return `part-${String(index + 1).padStart(4, '0')}.html`;
}

interface PartInfo {
  file: EncryptedTempFile;
  messages: number;
  firstAt?: string;
  lastAt?: string;
}

export class HtmlParts {
  private readonly parts: PartInfo[] = [];
  private readonly renderer;
  private unrecognised: EncryptedTempFile | undefined;
  private readonly labels: TimelineLabels;
  readonly partCount: number;

  constructor(
    private readonly dir: string,
    private readonly summary: TimelineSummary,
    private readonly options: { timeZone: string; title: string; custody?: readonly ArchiveCustody[]; partMessages: number; labels: TimelineLabels },
  ) {
    this.labels = options.labels;
    this.renderer = createMessageRenderer(options.timeZone, this.labels);
    this.partCount = Math.max(1, Math.ceil(summary.messages / options.partMessages));
  }

  /** true when a file should be flushed before more is appended */
  get full(): boolean {
    return (this.parts.at(-1)?.file.full ?? false) || (this.unrecognised?.full ?? false);
  }

  async flush(): Promise<void> {
    await this.parts.at(-1)?.file.flush();
    await this.unrecognised?.flush();
  }

  /** Returns a promise only when a part was started or flushed. */
  message(message: TimelineMessage): Promise<void> | undefined {
    const part = this.parts.at(-1);
    if (!part || part.messages >= this.options.partMessages) return this.startPart().then((started) => this.write(started, message));
    return this.write(part, message);
  }

  private write(part: PartInfo, message: TimelineMessage): Promise<void> | undefined {
    part.file.append(this.renderer.render(message));
    part.messages += 1;
    part.firstAt ??= message.at;
    part.lastAt = message.at;
    return part.file.full ? part.file.flush() : undefined;
  }

  async unrecognisedEntry(entry: UnrecognisedEntry): Promise<void> {
    if (!this.unrecognised) {
      this.unrecognised = await EncryptedTempFile.create(this.dir);
      const title = fill(this.labels.parts.unrecognisedTitle, { title: this.options.title });
      this.unrecognised.append(`${pageStart(title, this.labels)}${pageHeader(title, this.labels)}${this.nav(undefined, undefined)}${unrecognisedHeading(this.labels)}`);
    }
    this.unrecognised.append(renderUnrecognisedEntry(entry, this.labels));
    if (this.unrecognised.full) await this.unrecognised.flush();
  }

  /** Closes every page and zips them into one sealed encrypted file. */
  async finish(): Promise<SealedFile> {
    const last = this.parts.at(-1);
    if (last) await this.closePart(last, this.parts.length - 1);
    if (this.unrecognised) {
      this.unrecognised.append(`</section>\n${this.nav(undefined, undefined)}</body></html>\n`);
      await this.unrecognised.finishWriting();
    }
    const out = await EncryptedTempFile.create(this.dir, { hash: true });
    try {
      const zip = new yazl.ZipFile();
      // ZIP (DOS) dates start in 1980
      const mtime = new Date(Math.max(Date.parse(this.summary.lastAt ?? ''), Date.UTC(1980, 0, 2)) || Date.UTC(1980, 0, 2));
      zip.addBuffer(Buffer.from(this.index(), 'utf8'), 'index.html', { mtime });
      // level 1: HTML still shrinks several times, at a fraction of the default level's CPU
      this.parts.forEach((part, i) => zip.addReadStream(Readable.from(part.file.read()), partFileName(i), { mtime, compressionLevel: 1 }));
      if (this.unrecognised) zip.addReadStream(Readable.from(this.unrecognised.read()), 'unrecognised.html', { mtime });
      zip.end();
      for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
        out.append(chunk);
        if (out.full) await out.flush();
      }
      return await out.seal();
    } catch (error) {
      await out.dispose();
      throw error;
    } finally {
      await this.dispose();
    }
  }

  async dispose(): Promise<void> {
    for (const part of this.parts) await part.file.dispose();
    await this.unrecognised?.dispose();
  }

  private async startPart(): Promise<PartInfo> {
    const previous = this.parts.at(-1);
    if (previous) await this.closePart(previous, this.parts.length - 1);
    const index = this.parts.length;
    const part: PartInfo = { file: await EncryptedTempFile.create(this.dir), messages: 0 };
    this.parts.push(part);
    this.renderer.reset(); // each part starts with its day's heading
    const title = fill(this.labels.parts.partTitle, { title: this.options.title, part: index + 1, parts: this.partCount });
    part.file.append(`${pageStart(title, this.labels)}${pageHeader(title, this.labels)}${this.partNav(index)}<main>\n`);
    return part;
  }

  private async closePart(part: PartInfo, index: number): Promise<void> {
    part.file.append(`</main>\n${this.partNav(index)}</body></html>\n`);
    await part.file.finishWriting(); // a closed part keeps no buffer: there may be hundreds
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
      this.unrecognised ? `<p><a href="unrecognised.html">${escapeHtml(this.labels.page.unrecognisedHeading)}</a></p>` : '',
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
