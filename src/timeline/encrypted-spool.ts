/**
 * Spools a download to a temp file encrypted with AES-256-CTR, so the archive never sits
 * unencrypted on disk nor whole in memory. The key and IV live only in this process's memory; the
 * file is created 0600 and removed in `finally`, whatever happens.
 *
 * CTR mode allows decrypting any byte range on its own: the keystream block for byte `offset` is
 * AES(key, IV + floor(offset / 16)), so we start the cipher at that counter and skip offset % 16.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { limitExceeded } from './limits.js';

const AES_BLOCK_BYTES = 16;
const COUNTER_SPACE = 1n << 128n;

export interface SpoolOptions {
  /** directory for the temp file */
  dir: string;
  /** refuse sources larger than this (bytes) */
  maxBytes?: number;
}

/** Read access to the decrypted spool. Valid only inside the `withEncryptedSpool` callback. */
export interface DecryptingFile {
  readonly size: number;
  /** fills `target[targetOffset…]` with up to `length` decrypted bytes from `position`; returns the count */
  readInto(target: Buffer, targetOffset: number, length: number, position: number): Promise<number>;
}

export async function withEncryptedSpool<T>(
  source: AsyncIterable<Buffer | Uint8Array>,
  options: SpoolOptions,
  use: (file: DecryptingFile) => Promise<T>,
): Promise<T> {
  const key = randomBytes(32);
  const iv = randomBytes(AES_BLOCK_BYTES);
  const path = join(options.dir, `gdpr-timeline-${randomBytes(8).toString('hex')}.enc`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'wx+', 0o600);
    const size = await writeEncrypted(source, handle, key, iv, options.maxBytes);
    return await use(createDecryptingFile(handle, size, key, iv));
  } finally {
    await handle?.close().catch(() => undefined);
    await rm(path, { force: true });
  }
}

async function writeEncrypted(
  source: AsyncIterable<Buffer | Uint8Array>,
  handle: FileHandle,
  key: Buffer,
  iv: Buffer,
  maxBytes: number | undefined,
): Promise<number> {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (maxBytes !== undefined && size > maxBytes) {
      throw limitExceeded('archive_bytes', maxBytes);
    }
    const encrypted = cipher.update(chunk);
    await handle.write(encrypted, 0, encrypted.length, size - chunk.length);
  }
  cipher.final(); // CTR is a stream mode: nothing is buffered, this only releases the context
  return size;
}

function createDecryptingFile(handle: FileHandle, size: number, key: Buffer, iv: Buffer): DecryptingFile {
  return {
    size,
    async readInto(target, targetOffset, length, position) {
      const wanted = Math.max(0, Math.min(length, size - position));
      if (wanted === 0) return 0;
      const blockStart = position - (position % AES_BLOCK_BYTES);
      const skip = position - blockStart;
      const encrypted = Buffer.allocUnsafe(skip + wanted);
      const { bytesRead } = await handle.read(encrypted, 0, encrypted.length, blockStart);
      const decipher = createDecipheriv('aes-256-ctr', key, counterAt(iv, blockStart / AES_BLOCK_BYTES));
      const plain = decipher.update(encrypted.subarray(0, bytesRead));
      const usable = Math.max(0, plain.length - skip);
      plain.copy(target, targetOffset, skip, skip + usable);
      return usable;
    },
  };
}

/** IV + blockIndex as a 128-bit big-endian counter, wrapping like OpenSSL's CTR mode. */
export function counterAt(iv: Buffer, blockIndex: number): Buffer {
  const counter = (BigInt(`0x${iv.toString('hex')}`) + BigInt(blockIndex)) % COUNTER_SPACE;
  return Buffer.from(counter.toString(16).padStart(32, '0'), 'hex');
}
