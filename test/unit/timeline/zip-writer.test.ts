import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZipWriter, type ZipSink } from '../../../src/timeline/zip-writer.js';

/** collects what the writer appends; `full` every 64 KB, like a temp file wanting a flush */
class MemorySink implements ZipSink {
  readonly chunks: Buffer[] = [];
  private unflushed = 0;
  flushes = 0;
  failFlush: Error | undefined;
  get full() {
    return this.unflushed >= 64 * 1024;
  }
  append(data: Buffer) {
    this.chunks.push(Buffer.from(data));
    this.unflushed += data.length;
  }
  async flush() {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failFlush) throw this.failFlush;
    this.flushes += 1;
    this.unflushed = 0;
  }
  bytes() {
    return Buffer.concat(this.chunks);
  }
}

interface ReadEntry {
  name: string;
  text: string;
  crc32: number;
  modified: Date;
  zip64: boolean;
}

// yauzl 3 takes the time zone of the DOS time, and prefers the UT timestamp; @types/yauzl predates both
const lastModDate = yauzl.Entry.prototype.getLastModDate as unknown as (this: yauzl.Entry, options: { timezone: 'UTC' }) => Date;

function readZip(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, file) => {
      if (error) return reject(error);
      const entries: ReadEntry[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            const zip64 = entry.extraFields.some((f) => f.id === 0x0001);
            const modified = lastModDate.call(entry, { timezone: 'UTC' });
            entries.push({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8'), crc32: entry.crc32, modified, zip64 });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** text that deflates only a few times, like HTML of chat */
function pageText(bytes: number, seed: number): string {
  const words = ['budget', 'réunion', 'invoice', '<b>', 'agenda', '&amp;', 'client', '€', 'renewal', 'draft'];
  let state = seed;
  let text = '';
  while (text.length < bytes) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += `${words[state % words.length]} ${state % 997}\n`;
  }
  return text;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-writer-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Info-ZIP's own check of every CRC and size, where the machine has it */
async function unzipTest(zip: Buffer): Promise<string | undefined> {
  if (!existsSync('/usr/bin/unzip')) return undefined;
  const path = join(dir, 'test.zip');
  await writeFile(path, zip);
  return execFileSync('/usr/bin/unzip', ['-t', path], { encoding: 'utf8' });
}

async function writeEntries(sink: MemorySink, pages: Array<{ name: string; text: string }>, options = {}) {
  const zip = new ZipWriter(sink, options);
  const mtime = new Date('2026-03-04T05:06:08Z');
  for (const page of pages) {
    const entry = await zip.openEntry(page.name, { mtime, level: 1 });
    const bytes = Buffer.from(page.text, 'utf8');
    // written in uneven batches, as a renderer hands them over
    for (let at = 0; at < bytes.length; at += 700_001) await entry.write(bytes.subarray(at, at + 700_001));
    await entry.close();
  }
  await zip.addBuffer('index.html', Buffer.from('<p>contents</p>'), { mtime, level: 6 });
  await zip.finish();
  return mtime;
}

describe('ZipWriter', () => {
  it('writes entries of any size that yauzl and unzip read back whole, with their CRC, names and time', async () => {
    const sink = new MemorySink();
    const pages = [
      { name: 'part-0001.html', text: pageText(5 * 1024 * 1024, 1) },
      { name: 'part-0002.html', text: '' },
      { name: 'pièce-été.html', text: pageText(3000, 2) },
    ];
    const mtime = await writeEntries(sink, pages);
    const zip = sink.bytes();
    expect(sink.flushes, 'the sink was flushed as it filled').toBeGreaterThan(5);
    expect(zip.length, 'deflated').toBeLessThan(Buffer.byteLength(pages[0]!.text) / 2);

    const entries = await readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['part-0001.html', 'part-0002.html', 'pièce-été.html', 'index.html']);
    for (const [i, page] of pages.entries()) {
      expect(entries[i]!.text === page.text, `${page.name} read back whole`).toBe(true);
      expect(entries[i]!.crc32).toBe(crc32(page.text));
      expect(entries[i]!.modified.toISOString()).toBe(mtime.toISOString());
      expect(entries[i]!.zip64).toBe(false);
    }
    expect(entries[3]!.text).toBe('<p>contents</p>');
    const checked = await unzipTest(zip);
    if (checked !== undefined) expect(checked).toMatch(/No errors detected/);
  });

  it('writes ZIP64 records for the sizes and offsets that need them, and readers follow them', async () => {
    const sink = new MemorySink();
    // from 1,000 bytes instead of 4 GiB: the same records, on data a test can hold
    const pages = [
      { name: 'part-0001.html', text: pageText(200_000, 3) },
      { name: 'part-0002.html', text: 'small' },
    ];
    await writeEntries(sink, pages, { zip64From: 1000 });
    const zip = sink.bytes();
    expect(zip.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])), 'a ZIP64 end of central directory').toBeGreaterThan(0);
    const entries = await readZip(zip);
    expect(entries.map((e) => [e.name, e.zip64])).toEqual([
      ['part-0001.html', true], // its sizes
      ['part-0002.html', true], // its offset
      ['index.html', true],
    ]);
    expect(entries[0]!.text === pages[0]!.text).toBe(true);
    expect(entries[1]!.text).toBe('small');
    const checked = await unzipTest(zip);
    if (checked !== undefined) expect(checked).toMatch(/No errors detected/);
  });

  it('a sink that fails makes the write or the close fail, without hanging', async () => {
    const sink = new MemorySink();
    const zip = new ZipWriter(sink);
    const entry = await zip.openEntry('part-0001.html', { mtime: new Date(), level: 1 });
    sink.failFlush = new Error('disk full');
    const bytes = Buffer.from(pageText(3 * 1024 * 1024, 4));
    const writing = (async () => {
      for (let at = 0; at < bytes.length; at += 1024 * 1024) await entry.write(bytes.subarray(at, at + 1024 * 1024));
      await entry.close();
    })();
    await expect(writing).rejects.toThrow('disk full');
  });

  it('refuses a second open entry: pages are written one after the other', async () => {
    const zip = new ZipWriter(new MemorySink());
    await zip.openEntry('a.html', { mtime: new Date(), level: 1 });
    await expect(zip.openEntry('b.html', { mtime: new Date(), level: 1 })).rejects.toThrow(/still open/);
  });
});
