import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterAt, withEncryptedSpool } from '../../../src/timeline/encrypted-spool.js';
import { TimelineError } from '../../../src/timeline/errors.js';
import { chunksOf } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timeline-spool-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withEncryptedSpool', () => {
  it('decrypts any byte range of what was spooled', async () => {
    const plain = randomBytes(10_000);
    await withEncryptedSpool(chunksOf(plain, 777), { dir }, async (file) => {
      expect(file.size).toBe(plain.length);
      await fc.assert(
        fc.asyncProperty(fc.nat(plain.length), fc.nat(3000), async (position, length) => {
          const target = Buffer.alloc(length);
          const read = await file.readInto(target, 0, length, position);
          const expected = plain.subarray(position, position + length);
          expect(read).toBe(expected.length);
          expect(target.subarray(0, read).equals(expected)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('writes into the target at the requested offset', async () => {
    const plain = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
    await withEncryptedSpool(chunksOf(plain, 5), { dir }, async (file) => {
      const target = Buffer.from('................');
      expect(await file.readInto(target, 4, 6, 15)).toBe(6);
      expect(target.toString()).toBe('....fghijk......');
    });
  });

  it('stores only ciphertext, in a 0600 file that is gone afterwards', async () => {
    const plain = Buffer.from('A secret sentence that must never reach the disk in clear. '.repeat(50));
    await withEncryptedSpool(chunksOf(plain), { dir }, async () => {
      const [name, ...others] = await readdir(dir);
      expect(others).toEqual([]);
      const path = join(dir, name ?? '');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const onDisk = await readFile(path);
      expect(onDisk.length).toBe(plain.length);
      expect(onDisk.includes('secret sentence')).toBe(false);
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the file when the work fails', async () => {
    const failure = new Error('boom');
    await expect(withEncryptedSpool(chunksOf(randomBytes(100)), { dir }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the file when the download breaks halfway', async () => {
    async function* broken() {
      yield randomBytes(100);
      throw new Error('socket hang up');
    }
    await expect(withEncryptedSpool(broken(), { dir }, async () => 'unreachable')).rejects.toThrow('socket hang up');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a source over maxBytes with too_large and removes the file', async () => {
    const error = await withEncryptedSpool(chunksOf(randomBytes(5000), 1000), { dir, maxBytes: 4096 }, async () => 'unreachable').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimelineError);
    expect((error as TimelineError).code).toBe('too_large');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('counterAt', () => {
  it('adds the block index to the IV as a 128-bit big-endian number', () => {
    const iv = Buffer.from('000000000000000000000000000000ff', 'hex');
    expect(counterAt(iv, 1).toString('hex')).toBe('00000000000000000000000000000100');
    expect(counterAt(iv, 0).equals(iv)).toBe(true);
  });

  it('matches the keystream of a sequential AES-256-CTR run, including across the 2^128 wrap', () => {
    const key = randomBytes(32);
    const iv = Buffer.from('ffffffffffffffffffffffffffffffff', 'hex');
    const keystream = createCipheriv('aes-256-ctr', key, iv).update(Buffer.alloc(64));
    for (const block of [1, 2, 3]) {
      const alone = createCipheriv('aes-256-ctr', key, counterAt(iv, block)).update(Buffer.alloc(16));
      expect(alone.equals(keystream.subarray(block * 16, block * 16 + 16))).toBe(true);
    }
    expect(counterAt(iv, 1).toString('hex')).toBe('0'.repeat(32));
  });
});
