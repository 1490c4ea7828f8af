/**
 * Adapts an encrypted spool to yauzl's RandomAccessReader, so yauzl reads the ZIP straight from
 * the encrypted temp file and plaintext only ever exists in small buffers in memory.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { DecryptingFile } from './encrypted-spool.js';

const READ_CHUNK_BYTES = 64 * 1024;
/** yauzl walks the central directory in 46-byte steps; one window serves thousands of them. */
const READ_AHEAD_BYTES = 256 * 1024;

type ReadCallback = (err: Error | null, bytesRead?: number) => void;

export class DecryptingReader extends yauzl.RandomAccessReader {
  private window = { start: 0, data: Buffer.alloc(0) };

  constructor(private readonly file: DecryptingFile) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(readRange(this.file, start, end), { objectMode: false });
  }

  // yauzl reads every central-directory record through read(): answering from a read-ahead
  // window, rather than a stream and a disk read per call, keeps a 40,000-entry archive fast.
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    this.readCached(buffer, offset, length, position).then(
      (bytesRead) => callback(null, bytesRead),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private async readCached(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    const { start, data } = this.window;
    if (position < start || position + length > start + data.length) {
      const size = Math.max(length, READ_AHEAD_BYTES);
      const fresh = Buffer.allocUnsafe(size);
      const bytesRead = await this.file.readInto(fresh, 0, size, position);
      this.window = { start: position, data: fresh.subarray(0, bytesRead) };
    }
    const from = position - this.window.start;
    return this.window.data.copy(buffer, offset, from, Math.min(from + length, this.window.data.length));
  }
}

async function* readRange(file: DecryptingFile, start: number, end: number): AsyncGenerator<Buffer> {
  for (let position = start; position < end; ) {
    const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, end - position));
    const bytesRead = await file.readInto(chunk, 0, chunk.length, position);
    if (bytesRead === 0) return; // past the end: yauzl's byte count check reports the truncation
    yield chunk.subarray(0, bytesRead);
    position += bytesRead;
  }
}
