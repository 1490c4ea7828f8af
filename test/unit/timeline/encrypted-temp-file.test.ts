import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedTempFile, openSealedFile, removeSealedFile } from '../../../src/timeline/encrypted-temp-file.js';
import { collect } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timeline-temp-file-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EncryptedTempFile', () => {
  it('keeps what is appended in order and intact, whatever its size and mix of text and bytes', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
      // larger than the staging buffer (512 KB), as text and as bytes
      fc.constantFrom('é'.repeat(300_000), Buffer.alloc(600_000, 7)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 60 }), async (appends) => {
        const file = await EncryptedTempFile.create(dir, { hash: true });
        const expected: Buffer[] = [];
        try {
          for (const [data, flushNow] of appends) {
            file.append(data);
            expected.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
            if (flushNow || file.full) await file.flush();
          }
          const sealed = await file.seal();
          const plain = Buffer.concat(expected);
          expect(sealed.size).toBe(plain.length);
          expect(Buffer.concat(await collect(openSealedFile(sealed))).equals(plain)).toBe(true);
          expect(sealed.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
        } finally {
          await file.dispose();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads back any range of what was appended, and never holds it in clear on disk', async () => {
    const plain = Buffer.from('Confidential chat text. '.repeat(30_000));
    const file = await EncryptedTempFile.create(dir);
    try {
      for (let offset = 0; offset < plain.length; offset += 7_001) {
        file.append(plain.subarray(offset, offset + 7_001));
        if (file.full) await file.flush();
      }
      await file.flush();
      expect((await stat(file.path)).mode & 0o777).toBe(0o600);
      expect((await readFile(file.path)).includes('Confidential')).toBe(false);
      await fc.assert(
        fc.asyncProperty(fc.nat(plain.length), fc.nat(600_000), async (start, length) => {
          const got = Buffer.concat(await collect(file.read(start, start + length)));
          expect(got.equals(plain.subarray(start, start + length))).toBe(true);
        }),
        { numRuns: 50 },
      );
    } finally {
      await file.dispose();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('seals into a file another reader streams back, with the SHA-256 of the plaintext', async () => {
    const plain = randomBytes(700_000);
    const file = await EncryptedTempFile.create(dir, { hash: true });
    file.append(plain.subarray(0, 100));
    file.append(plain.subarray(100));
    const sealed = await file.seal();
    expect(sealed.size).toBe(plain.length);
    expect(sealed.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(Buffer.concat(await collect(openSealedFile(sealed))).equals(plain)).toBe(true);
    await removeSealedFile(sealed);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes text and bytes mixed, in order, with the UTF-8 size counted before and after a flush', async () => {
    const parts = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a))), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(parts, fc.nat(30), async (appended, flushAt) => {
        const file = await EncryptedTempFile.create(dir, { hash: true });
        try {
          const expected = Buffer.concat(appended.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
          for (const [i, part] of appended.entries()) {
            file.append(part);
            if (i === flushAt) await file.flush();
          }
          expect(file.size).toBe(expected.length);
          const sealed = await file.seal();
          expect(sealed.size).toBe(expected.length);
          expect(sealed.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
          expect(Buffer.concat(await collect(openSealedFile(sealed))).equals(expected)).toBe(true);
        } finally {
          await file.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});
