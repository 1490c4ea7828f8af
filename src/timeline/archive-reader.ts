/**
 * Reads one Genesys GDPR archive (reference §14): a ZIP of flat entries named `service!identifier`
 * where only `REALTIME!messages` holds Collaborate chat. The download is spooled encrypted to disk
 * (never whole in memory, never plaintext on disk) and the chat entry is decompressed as a stream
 * into the parser. The other entries are counted, never opened.
 */
import { createHash, type Hash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { DecryptingReader } from './decrypting-reader.js';
import { withEncryptedSpool } from './encrypted-spool.js';
import { TimelineError } from './errors.js';
import { createUncompressedBudget, limitExceeded, resolveLimits, spend, type TimelineLimits, type UncompressedBudget } from './limits.js';
import { RealtimeParser, type ParsedRecord } from './realtime-messages.js';
import { splitLineBatches } from './split-lines.js';

export const REALTIME_ENTRY_NAME = 'REALTIME!messages';

const DEFAULT_MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export interface ArchiveStats {
  /** `REALTIME!messages` entries found: 0 means the export holds no chat */
  realtimeEntries: number;
  /** every other entry, counted by service (the part before `!`) */
  otherEntries: number;
  otherEntriesByService: Record<string, number>;
  archiveBytes: number;
  /** SHA-256 (hex) of the downloaded ZIP bytes, as received */
  zipSha256: string;
  /** SHA-256 (hex) of each chat entry's inflated bytes, in archive order */
  realtimeSha256: string[];
  /** records parsed (messages and unrecognised) */
  records: number;
}

export interface ArchiveContents extends Omit<ArchiveStats, 'records'> {
  records: ParsedRecord[];
}

export interface ReadArchiveDeps {
  /** where the encrypted spool file goes; defaults to the OS temp dir */
  tmpDir?: string;
  /** caps (defaults: DEFAULT_TIMELINE_LIMITS); maxArchiveBytes and maxArchiveEntries apply per archive */
  limits?: Partial<TimelineLimits>;
  /** inflated chat bytes left for the whole build; a fresh one from limits when absent */
  budget?: UncompressedBudget;
  /** refuse downloads larger than this (same as limits.maxArchiveBytes) */
  maxArchiveBytes?: number;
  /** refuse a chat entry that declares more uncompressed bytes than this (zip bomb guard) */
  maxEntryBytes?: number;
}

/** Reads the archive and hands every chat record to `onRecord`, in file order; nothing is kept. */
export async function scanArchive(
  source: AsyncIterable<Buffer | Uint8Array>,
  deps: ReadArchiveDeps,
  onRecord: (record: ParsedRecord) => void | Promise<void>,
): Promise<ArchiveStats> {
  const limits = resolveLimits({ ...deps.limits, maxArchiveBytes: deps.maxArchiveBytes ?? deps.limits?.maxArchiveBytes });
  const budget = deps.budget ?? createUncompressedBudget(limits.maxUncompressedBytes);
  const zipHash = createHash('sha256');
  const spoolOptions = { dir: deps.tmpDir ?? tmpdir(), maxBytes: limits.maxArchiveBytes };
  return withEncryptedSpool(hashing(source, zipHash), spoolOptions, async (file) => {
    const zipSha256 = zipHash.digest('hex');
    const zip = await openZip(new DecryptingReader(file), file.size);
    try {
      if (zip.entryCount > limits.maxArchiveEntries) throw limitExceeded('archive_entries', limits.maxArchiveEntries);
      const entryLimits = { maxEntryBytes: deps.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, budget };
      const stats = await readEntries(zip, entryLimits, onRecord);
      return { ...stats, archiveBytes: file.size, zipSha256 };
    } catch (error) {
      throw asCorruptArchive(error);
    } finally {
      zip.close();
    }
  });
}

/** Reads the whole archive into memory: for tests and small archives only. */
export async function readArchive(source: AsyncIterable<Buffer | Uint8Array>, deps: ReadArchiveDeps = {}): Promise<ArchiveContents> {
  const records: ParsedRecord[] = [];
  const stats = await scanArchive(source, deps, (record) => void records.push(record));
  return { ...stats, records };
}

async function readEntries(
  zip: yauzl.ZipFile,
  limits: { maxEntryBytes: number; budget: UncompressedBudget },
  onRecord: (record: ParsedRecord) => void | Promise<void>,
): Promise<Omit<ArchiveStats, 'archiveBytes' | 'zipSha256'>> {
  const otherEntriesByService: Record<string, number> = {};
  const realtimeSha256: string[] = [];
  let realtimeEntries = 0;
  let otherEntries = 0;
  let records = 0;
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    const name = entryName(entry);
    if (!isRealtimeEntry(name)) {
      otherEntries += 1;
      const service = serviceOf(name);
      otherEntriesByService[service] = (otherEntriesByService[service] ?? 0) + 1;
      continue;
    }
    realtimeEntries += 1;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw new TimelineError('too_large', `The chat entry is larger than the ${limits.maxEntryBytes}-byte limit.`, {
        params: { limit: 'entry_bytes', max: limits.maxEntryBytes },
      });
    }
    // yauzl holds every entry to its declared size, so checking it first stops a bomb before inflating
    if (limits.budget.used + entry.uncompressedSize > limits.budget.max) throw limitExceeded('uncompressed_bytes', limits.budget.max);
    const entryHash = createHash('sha256');
    const content = counted(hashing(await openEntryContent(zip, entry), entryHash), limits.budget);
    const parser = new RealtimeParser();
    for await (const lines of splitLineBatches(content)) {
      for (const line of lines) {
        const record = parser.push(line);
        if (!record) continue;
        records += 1;
        const pending = onRecord(record);
        if (pending) await pending; // most records need no await: the loop stays synchronous
      }
    }
    const last = parser.end();
    if (last) {
      records += 1;
      await onRecord(last);
    }
    realtimeSha256.push(entryHash.digest('hex'));
  }
  return { realtimeEntries, otherEntries, otherEntriesByService, realtimeSha256, records };
}

async function* hashing(source: AsyncIterable<Buffer | Uint8Array>, hash: Hash): AsyncGenerator<Buffer | Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

async function* counted(source: AsyncIterable<Buffer | Uint8Array>, budget: UncompressedBudget): AsyncGenerator<Buffer | Uint8Array> {
  for await (const chunk of source) {
    spend(budget, chunk.length);
    yield chunk;
  }
}

/**
 * Genesys archives are flat (`REALTIME!messages`); an archive unpacked and zipped again by hand
 * puts the same files in one folder. Nothing else is the chat entry: not a name that merely ends
 * with it, nor a deeper or relative path.
 */
export function isRealtimeEntry(name: string): boolean {
  const path = name.replaceAll('\\', '/').replace(/^\.\//, '');
  if (path === REALTIME_ENTRY_NAME) return true;
  const [folder, file, ...rest] = path.split('/');
  return rest.length === 0 && file === REALTIME_ENTRY_NAME && folder !== undefined && folder !== '' && folder !== '.' && folder !== '..';
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

/**
 * The entry's bytes, inflated here rather than by yauzl: its inflater hands out 16 KB at a time,
 * each chunk one job on libuv's pool and two stream hops, where 256 KB chunks take a sixteenth of
 * the jobs (inflating a 28 MB chat entry: 116-273 ms against 52-73 ms). The declared size is held
 * as yauzl held it (validateEntrySizes): a byte more or less is a damaged archive. The benchmark's
 * floor inflates with this too, so the build is measured against the best inflating available.
 */
export async function openEntryContent(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<AsyncIterable<Buffer>> {
  if (entry.isEncrypted()) throw new Error('entry is encrypted');
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) throw new Error(`unsupported compression method: ${entry.compressionMethod}`);
  const raw = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, RAW_FILE_DATA, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
  // pipeline: stopping early (a limit) or a damaged stream ends both streams
  const content = entry.compressionMethod === STORED ? raw : pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }), () => undefined);
  return ofDeclaredSize(content, entry.uncompressedSize);
}

const STORED = 0;
const DEFLATED = 8;
// yauzl 3's option for the bytes as stored, whatever the method; @types/yauzl predates it
const RAW_FILE_DATA = { decodeFileData: false } as unknown as yauzl.ZipFileOptions;
const INFLATE_CHUNK_BYTES = 256 * 1024;

async function* ofDeclaredSize(stream: AsyncIterable<Buffer>, declared: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of stream) {
    seen += chunk.length;
    if (seen > declared) throw new Error(`too many bytes in the stream, expected ${declared}`);
    yield chunk;
  }
  if (seen !== declared) throw new Error(`not enough bytes in the stream, expected ${declared}, got only ${seen}`);
}

function asCorruptArchive(error: unknown): TimelineError {
  if (error instanceof TimelineError) return error;
  // yauzl and zlib messages describe the structure ("invalid central directory…"), not the content.
  const detail = error instanceof Error ? error.message : 'unknown error';
  return new TimelineError('corrupt_archive', `The archive is damaged or incomplete and cannot be read (${detail}).`, {
    cause: error,
  });
}
