/**
 * An append-only temp file encrypted with AES-256-CTR (like the download spool), for what a build
 * writes: sorted runs of messages and the rendered CSV/HTML/text. Plaintext exists only in small
 * buffers; the key lives in memory and travels, with the path, only inside this process (a worker
 * thread hands a finished file to the main thread as a `SealedFile`). Created 0600; `dispose()`
 * removes it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { counterAt } from './encrypted-spool.js';

const AES_BLOCK_BYTES = 16;
const FLUSH_BYTES = 256 * 1024;
// room for what callers append between two looks at `full` (a row to each output, say)
const STAGING_BYTES = 2 * FLUSH_BYTES;
const READ_CHUNK_BYTES = 256 * 1024;

/** What another thread of this process needs to read a finished file back. */
export interface SealedFile {
  path: string;
  key: Uint8Array;
  iv: Uint8Array;
  size: number;
  /** SHA-256 (hex) of the plaintext, when the file was written with hashing on */
  sha256?: string;
}

/**
 * Appended text is encoded straight into one staging buffer, reused from flush to flush: a build
 * appends a few rows per message, and a Buffer of its own for each (then a concatenation per
 * flush) made millions of short-lived allocations, the garbage collector's work and, until it
 * ran, tens of megabytes of dead buffers. Only what does not fit goes to a list of its own.
 */
export class EncryptedTempFile {
  private staging: Buffer | undefined;
  private staged = 0;
  /** appended before the staging buffer's contents, when those did not fit in it */
  private overflow: Buffer[] = [];
  private overflowBytes = 0;
  private written = 0;
  /** the last write handed to the disk, which the next flush waits for (one in flight at most) */
  private writing: Promise<void> = Promise.resolve();
  private readonly cipher: ReturnType<typeof createCipheriv>;
  private readonly hash: Hash | undefined;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly key: Buffer,
    private readonly iv: Buffer,
    options: { hash: boolean },
  ) {
    this.cipher = createCipheriv('aes-256-ctr', key, iv);
    this.hash = options.hash ? createHash('sha256') : undefined;
  }

  static async create(dir: string, options: { hash?: boolean } = {}): Promise<EncryptedTempFile> {
    const key = randomBytes(32);
    const iv = randomBytes(AES_BLOCK_BYTES);
    const path = join(dir, `gdpr-timeline-${randomBytes(8).toString('hex')}.enc`);
    const handle = await open(path, 'wx+', 0o600);
    return new EncryptedTempFile(handle, path, key, iv, { hash: options.hash ?? false });
  }

  /** bytes appended so far (flushed or not) */
  get size(): number {
    return this.written + this.overflowBytes + this.staged;
  }

  /** true when the caller should `await flush()` before appending more */
  get full(): boolean {
    return this.overflowBytes + this.staged >= FLUSH_BYTES;
  }

  append(data: Buffer | string): void {
    if (data.length === 0) return;
    const staging = (this.staging ??= Buffer.allocUnsafe(STAGING_BYTES));
    // a UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units)
    const mostBytes = typeof data === 'string' ? data.length * 3 : data.length;
    if (this.staged + mostBytes > STAGING_BYTES) {
      this.moveStagedToOverflow();
      if (mostBytes > STAGING_BYTES) {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        this.overflow.push(bytes);
        this.overflowBytes += bytes.length;
        return;
      }
    }
    this.staged += typeof data === 'string' ? staging.write(data, this.staged, 'utf8') : data.copy(staging, this.staged);
  }

  /**
   * Appends a frame: `headerBytes` that `writeHeader` fills, knowing the text's UTF-8 length, then
   * the text, both encoded straight into the staging buffer (no header buffer, no byteLength pass).
   */
  appendFrame<T>(text: string, headerBytes: number, writeHeader: (target: Buffer, offset: number, textBytes: number, item: T) => void, item: T): void {
    const staging = (this.staging ??= Buffer.allocUnsafe(STAGING_BYTES));
    if (this.staged + headerBytes + text.length * 3 > STAGING_BYTES) {
      const header = Buffer.allocUnsafe(headerBytes);
      writeHeader(header, 0, Buffer.byteLength(text, 'utf8'), item);
      this.append(header);
      this.append(text);
      return;
    }
    const textBytes = text.length === 0 ? 0 : staging.write(text, this.staged + headerBytes, 'utf8');
    writeHeader(staging, this.staged, textBytes, item);
    this.staged += headerBytes + textBytes;
  }

  async flush(): Promise<void> {
    if (this.overflowBytes + this.staged === 0) return;
    const staged = this.staging!.subarray(0, this.staged);
    const plain = this.overflowBytes === 0 ? staged : Buffer.concat([...this.overflow, staged], this.overflowBytes + this.staged);
    this.overflow = [];
    this.overflowBytes = 0;
    this.staged = 0;
    this.hash?.update(plain);
    // the cipher's output is a new buffer: the staging buffer is free again from here
    const encrypted = this.cipher.update(plain);
    const position = this.written;
    this.written += encrypted.length;
    // The disk writes this chunk while the caller renders the next one: waiting for each write
    // left the build idle for a sixth of its time. One write in flight at most bounds the memory.
    const previous = this.writing;
    this.writing = previous.then(async () => {
      await this.handle.write(encrypted, 0, encrypted.length, position);
    });
    // its failure surfaces at the next flush, read or seal, not as an unhandled rejection
    this.writing.catch(() => undefined);
    await previous;
  }

  /** every flushed byte is on disk (or the write's error is thrown) */
  private async settled(): Promise<void> {
    await this.writing;
  }

  /** Flushes and lets the staging buffer go, for a file that is complete but not sealed yet. */
  async finishWriting(): Promise<void> {
    await this.flush();
    await this.settled();
    this.staging = undefined;
  }

  private moveStagedToOverflow(): void {
    if (this.staged === 0) return;
    this.overflow.push(Buffer.from(this.staging!.subarray(0, this.staged)));
    this.overflowBytes += this.staged;
    this.staged = 0;
  }

  /** Decrypted bytes [start, end) of what has been flushed, in chunks. */
  async *read(start = 0, end = this.written): AsyncGenerator<Buffer> {
    await this.settled();
    yield* readDecrypted(this.handle, this.key, this.iv, start, Math.min(end, this.written));
  }

  /** Flushes, closes and hands the file over; the caller then owns its removal. */
  async seal(): Promise<SealedFile> {
    await this.finishWriting();
    this.cipher.final();
    await this.handle.close();
    return { path: this.path, key: this.key, iv: this.iv, size: this.written, sha256: this.hash?.digest('hex') };
  }

  async dispose(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}

/** A readable stream of a sealed file's plaintext. */
export function openSealedFile(file: SealedFile): Readable {
  return Readable.from(
    (async function* () {
      const handle = await open(file.path, 'r');
      try {
        yield* readDecrypted(handle, Buffer.from(file.key), Buffer.from(file.iv), 0, file.size);
      } finally {
        await handle.close();
      }
    })(),
    { objectMode: false },
  );
}

export async function removeSealedFile(file: SealedFile): Promise<void> {
  await rm(file.path, { force: true });
}

async function* readDecrypted(handle: FileHandle, key: Buffer, iv: Buffer, start: number, end: number): AsyncGenerator<Buffer> {
  if (end <= start) return;
  const blockStart = start - (start % AES_BLOCK_BYTES);
  const decipher = createDecipheriv('aes-256-ctr', key, counterAt(iv, blockStart / AES_BLOCK_BYTES));
  let skip = start - blockStart;
  // one read buffer, reused: the decipher's output, which is yielded, is a new buffer each time
  const encrypted = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, end - blockStart));
  for (let position = blockStart; position < end; ) {
    const { bytesRead } = await handle.read(encrypted, 0, Math.min(encrypted.length, end - position), position);
    if (bytesRead === 0) return;
    const plain = decipher.update(encrypted.subarray(0, bytesRead));
    position += bytesRead;
    yield skip > 0 ? plain.subarray(skip) : plain;
    skip = 0;
  }
}
