/**
 * A ZIP written as a stream, one entry at a time, each deflated while it is written: the HTML
 * parts of a large timeline (html-parts.ts). The layout is yazl's for entries of unknown size
 * (UTF-8 names, a data descriptor after the data, ZIP64 records only where a size or an offset
 * needs them, Info-ZIP's UT timestamp in the central directory), so any unzip tool reads it.
 *
 * Why not yazl, which wrote these before: its deflater hands out 16 KB at a time, each a job on
 * libuv's pool that the main thread must answer before the next one starts. While the main thread
 * rendered, the deflate stood still, and then the renderer waited for it: at 200,000 messages the
 * build sat idle about 215 ms of its 800 ms of rendering. Here a whole batch (1 MB of HTML, about
 * 130 KB deflated) is one job, and `write` yields once so that the pool deflates one batch while the
 * next is rendered: idle fell to about 65 ms.
 */
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

/** Where the ZIP's bytes go, in order: an EncryptedTempFile. */
export interface ZipSink {
  append(data: Buffer): void;
  /** true when the writer should `await flush()` before appending more */
  readonly full: boolean;
  flush(): Promise<void>;
}

export interface ZipEntryOptions {
  mtime: Date;
  /** zlib level, 1-9 */
  level: number;
}

interface EntryRecord {
  name: Buffer;
  mtime: Date;
  offset: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
const VERSION_MADE_BY = (3 << 8) | 63; // Unix, spec 6.3
const FLAGS = (1 << 11) | (1 << 3); // UTF-8 name; sizes and CRC in the data descriptor
const DEFLATED = 8;
const FILE_MODE = 0o100664;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
/** one deflate job per batch of this much output at most */
const DEFLATE_CHUNK_BYTES = 1024 * 1024;
/** input the deflater may hold before `write` waits: the batch being deflated and the next */
const DEFLATE_QUEUE_BYTES = 2 * 1024 * 1024;

export interface ZipWriterOptions {
  /** sizes and offsets from which ZIP64 records are written; tests lower it to reach them */
  zip64From?: number;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: EntryRecord[] = [];
  private open: ZipEntryWriter | undefined;
  private finished = false;
  private readonly zip64From: number;

  constructor(
    private readonly sink: ZipSink,
    options: ZipWriterOptions = {},
  ) {
    this.zip64From = Math.min(options.zip64From ?? MAX_32, MAX_32);
  }

  /** Starts an entry; the previous one must be closed. */
  async openEntry(name: string, options: ZipEntryOptions): Promise<ZipEntryWriter> {
    if (this.open || this.finished) throw new Error('a ZIP entry is still open, or the ZIP is finished');
    const record: EntryRecord = { name: Buffer.from(name, 'utf8'), mtime: options.mtime, offset: this.offset, crc: 0, compressedSize: 0, uncompressedSize: 0 };
    await this.write(localHeader(record));
    const entry = new ZipEntryWriter(record, options.level, this.sink, async (closed) => {
      this.offset += closed.compressedSize;
      await this.write(dataDescriptor(closed, this.zip64From));
      this.entries.push(closed);
      this.open = undefined;
    });
    this.open = entry;
    return entry;
  }

  /** A whole entry at once. */
  async addBuffer(name: string, data: Buffer, options: ZipEntryOptions): Promise<void> {
    const entry = await this.openEntry(name, options);
    await entry.write(data);
    await entry.close();
  }

  /** Writes the central directory; the sink then holds the whole ZIP. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('a ZIP entry is still open');
    this.finished = true;
    const start = this.offset;
    for (const entry of this.entries) await this.write(centralHeader(entry, this.zip64From));
    await this.write(endOfCentralDirectory({ entries: this.entries.length, start, size: this.offset - start }, this.zip64From));
    await this.sink.flush();
  }

  /** Stops the entry being written, if any, so nothing more reaches the sink. */
  abort(): void {
    this.open?.abort();
  }

  private async write(bytes: Buffer): Promise<void> {
    this.sink.append(bytes);
    this.offset += bytes.length;
    if (this.sink.full) await this.sink.flush();
  }
}

export class ZipEntryWriter {
  private readonly deflate: DeflateRaw;
  /** the deflated bytes are all out, or the first failure */
  private readonly ended: Promise<void>;
  /** a sink flush under way; the deflater is paused meanwhile */
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly record: EntryRecord,
    level: number,
    sink: ZipSink,
    private readonly onClosed: (record: EntryRecord) => Promise<void>,
  ) {
    // zlib hands stream options on to its Transform; @types/node lists only zlib's own
    const streamOptions = { writableHighWaterMark: DEFLATE_QUEUE_BYTES };
    this.deflate = createDeflateRaw(Object.assign({ level, chunkSize: DEFLATE_CHUNK_BYTES }, streamOptions));
    this.deflate.on('data', (chunk: Buffer) => {
      sink.append(chunk);
      record.compressedSize += chunk.length;
      if (!sink.full) return;
      this.deflate.pause();
      this.flushing = sink.flush().then(
        () => void this.deflate.resume(),
        (error: unknown) => this.fail(error),
      );
    });
    // a zlib error, like a failed flush, is this entry's failure: the next write or the close throws it
    this.deflate.on('error', (error) => this.fail(error));
    this.ended = new Promise<void>((resolve, reject) => {
      this.deflate.once('end', () => void this.flushing.then(resolve, reject));
      this.deflate.once('close', () => (this.failure ? reject(this.failure) : undefined));
    });
    this.ended.catch(() => undefined); // surfaced by write or close
  }

  /**
   * Hands `data` to the deflater. The returned promise lets the event loop turn once, so the pool
   * deflates this batch while the caller renders the next; it waits longer only when two batches
   * are already queued.
   */
  write(data: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.record.crc = crc32(data, this.record.crc);
    this.record.uncompressedSize += data.length;
    const queued = this.deflate.write(data);
    return new Promise<void>((resolve, reject) => {
      const settle = () => {
        this.deflate.off('drain', settle).off('close', settle);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      if (queued) setImmediate(settle);
      else this.deflate.on('drain', settle).on('close', settle);
    });
  }

  async close(): Promise<void> {
    this.deflate.end();
    await this.ended;
    await this.onClosed(this.record);
  }

  abort(): void {
    this.fail(new Error('the ZIP was abandoned'));
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.deflate.destroy();
  }
}

function localHeader(entry: EntryRecord): Buffer {
  const { time, date } = dosDateTime(entry.mtime);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATED, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC and sizes (offsets 14-25) stay 0: the data descriptor carries them
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

function needsZip64(entry: EntryRecord, from: number): boolean {
  return entry.compressedSize >= from || entry.uncompressedSize >= from || entry.offset >= from;
}

function dataDescriptor(entry: EntryRecord, zip64From: number): Buffer {
  const wide = needsZip64(entry, zip64From);
  const descriptor = Buffer.alloc(wide ? 24 : 16);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(entry.crc, 4);
  if (wide) {
    descriptor.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
    descriptor.writeBigUInt64LE(BigInt(entry.uncompressedSize), 16);
  } else {
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.uncompressedSize, 12);
  }
  return descriptor;
}

function centralHeader(entry: EntryRecord, zip64From: number): Buffer {
  const { time, date } = dosDateTime(entry.mtime);
  const wide = needsZip64(entry, zip64From);
  // Info-ZIP's extended timestamp: the exact UTC time, where the DOS one is local and to 2 s
  const timestamp = Buffer.alloc(9);
  timestamp.writeUInt16LE(0x5455, 0);
  timestamp.writeUInt16LE(5, 2);
  timestamp.writeUInt8(0b11, 4); // mtime, and the atime flag as Info-ZIP sets it
  timestamp.writeInt32LE(Math.max(-0x80000000, Math.min(0x7fffffff, Math.floor(entry.mtime.getTime() / 1000))), 5);
  let zip64 = Buffer.alloc(0);
  if (wide) {
    zip64 = Buffer.alloc(28);
    zip64.writeUInt16LE(0x0001, 0);
    zip64.writeUInt16LE(24, 2);
    zip64.writeBigUInt64LE(BigInt(entry.uncompressedSize), 4);
    zip64.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
    zip64.writeBigUInt64LE(BigInt(entry.offset), 20);
  }
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(wide ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATED, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(wide ? MAX_32 : entry.compressedSize, 20);
  header.writeUInt32LE(wide ? MAX_32 : entry.uncompressedSize, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(timestamp.length + zip64.length, 30);
  // comment length, disk number start, internal attributes: 0
  header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(wide ? MAX_32 : entry.offset, 42);
  return Buffer.concat([header, entry.name, timestamp, zip64]);
}

/** `start` and `size` of the central directory; past a limit, every field defers to the ZIP64 record */
function endOfCentralDirectory({ entries, start, size }: { entries: number; start: number; size: number }, zip64From: number): Buffer {
  const wide = entries >= MAX_16 || start >= zip64From || size >= zip64From;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // disk numbers (4-7): 0
  end.writeUInt16LE(wide ? MAX_16 : entries, 8);
  end.writeUInt16LE(wide ? MAX_16 : entries, 10);
  end.writeUInt32LE(wide ? MAX_32 : size, 12);
  end.writeUInt32LE(wide ? MAX_32 : start, 16);
  if (!wide) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(ZIP64_END_OF_CENTRAL_DIRECTORY, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(ZIP64_LOCATOR, 0);
  locator.writeBigUInt64LE(BigInt(start + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** The DOS date and time ZIP headers carry, in UTC (readers show it as local time), from 1980. */
function dosDateTime(mtime: Date): { time: number; date: number } {
  const at = new Date(Math.min(Math.max(mtime.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  const date = at.getUTCDate() | ((at.getUTCMonth() + 1) << 5) | ((at.getUTCFullYear() - 1980) << 9);
  const time = Math.floor(at.getUTCSeconds() / 2) | (at.getUTCMinutes() << 5) | (at.getUTCHours() << 11);
  return { time, date };
}
