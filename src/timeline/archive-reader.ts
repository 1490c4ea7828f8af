/**
 * Reads one Genesys GDPR archive (reference §14): a ZIP of flat entries named `service!identifier`
 * where only `REALTIME!messages` holds Collaborate chat. The download is spooled encrypted to disk
 * (never whole in memory, never plaintext on disk) and the chat entry is decompressed as a stream
 * into the parser. The other entries are counted, never opened.
 */
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DecryptingReader } from './decrypting-reader.js';
import { withEncryptedSpool } from './encrypted-spool.js';
import { TimelineError } from './errors.js';
import { parseRealtimeMessages, type ParsedRecord } from './realtime-messages.js';
import { splitLines } from './split-lines.js';

export const REALTIME_ENTRY_NAME = 'REALTIME!messages';

const DEFAULT_MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export interface ArchiveContents {
  records: ParsedRecord[];
  /** `REALTIME!messages` entries found: 0 means the export holds no chat */
  realtimeEntries: number;
  /** every other entry, counted by service (the part before `!`) */
  otherEntries: number;
  otherEntriesByService: Record<string, number>;
  archiveBytes: number;
}

export interface ReadArchiveDeps {
  /** where the encrypted spool file goes; defaults to the OS temp dir */
  tmpDir?: string;
  /** refuse downloads larger than this */
  maxArchiveBytes?: number;
  /** refuse a chat entry that declares more uncompressed bytes than this (zip bomb guard) */
  maxEntryBytes?: number;
}

export async function readArchive(
  source: AsyncIterable<Buffer | Uint8Array>,
  deps: ReadArchiveDeps = {},
): Promise<ArchiveContents> {
  const spoolOptions = { dir: deps.tmpDir ?? tmpdir(), maxBytes: deps.maxArchiveBytes };
  return withEncryptedSpool(source, spoolOptions, async (file) => {
    const zip = await openZip(new DecryptingReader(file), file.size);
    try {
      const contents = await readEntries(zip, deps.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES);
      return { ...contents, archiveBytes: file.size };
    } catch (error) {
      throw asCorruptArchive(error);
    } finally {
      zip.close();
    }
  });
}

async function readEntries(zip: yauzl.ZipFile, maxEntryBytes: number): Promise<Omit<ArchiveContents, 'archiveBytes'>> {
  const records: ParsedRecord[] = [];
  const otherEntriesByService: Record<string, number> = {};
  let realtimeEntries = 0;
  let otherEntries = 0;
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    const name = entryName(entry);
    if (!isRealtimeEntry(name)) {
      otherEntries += 1;
      const service = serviceOf(name);
      otherEntriesByService[service] = (otherEntriesByService[service] ?? 0) + 1;
      continue;
    }
    realtimeEntries += 1;
    if (entry.uncompressedSize > maxEntryBytes) {
      throw new TimelineError('too_large', `The chat entry is larger than the ${maxEntryBytes}-byte limit.`);
    }
    const content = await openEntryStream(zip, entry);
    for await (const record of parseRealtimeMessages(splitLines(content))) records.push(record);
  }
  return { records, realtimeEntries, otherEntries, otherEntriesByService };
}

// Entries are flat today; matching the last path segment keeps us working if Genesys nests them.
function isRealtimeEntry(name: string): boolean {
  return name.slice(name.lastIndexOf('/') + 1) === REALTIME_ENTRY_NAME;
}

function serviceOf(name: string): string {
  const bang = name.indexOf('!');
  return bang > 0 ? name.slice(0, bang) : '(unnamed service)';
}

// decodeStrings is off so an odd entry name can never make yauzl reject the whole archive.
function entryName(entry: yauzl.Entry): string {
  const raw: unknown = entry.fileName;
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
}

function openZip(reader: DecryptingReader, size: number): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, size, options, (error, zip) => {
      if (error) reject(asCorruptArchive(error));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(undefined));
    const onError = (error: Error) => settle(() => reject(error));
    const settle = (finish: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      finish();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

function asCorruptArchive(error: unknown): TimelineError {
  if (error instanceof TimelineError) return error;
  // yauzl and zlib messages describe the structure ("invalid central directory…"), not the content.
  const detail = error instanceof Error ? error.message : 'unknown error';
  return new TimelineError('corrupt_archive', `The archive is damaged or incomplete and cannot be read (${detail}).`, {
    cause: error,
  });
}
