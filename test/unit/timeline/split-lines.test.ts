import { describe, expect, it } from 'vitest';
import { splitLineBatches, splitLines } from '../../../src/timeline/split-lines.js';
import { collect, fromArray } from './fixtures.js';

const lines = (chunks: Array<Buffer | string>) => collect(splitLines(fromArray(chunks)));

describe('splitLines', () => {
  it('splits on LF and CRLF and keeps a last line without a newline', async () => {
    expect(await lines(['a\r\nb\nc'])).toEqual(['a', 'b', 'c']);
  });

  it('keeps empty lines, and a final newline does not add an empty line', async () => {
    expect(await lines(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });

  it('joins lines split across chunks, including a CRLF split between chunks', async () => {
    expect(await lines(['hel', 'lo\r', '\nwor', 'ld\n'])).toEqual(['hello', 'world']);
  });

  it('joins a line longer than thousands of chunks once, whole, with the lines around it', async () => {
    const piece = 'x'.repeat(1000);
    const chunks = ['before\nlong:', ...Array.from({ length: 5000 }, () => piece), '\r', '\nafter\n'];
    const out = await lines(chunks);
    expect(out).toHaveLength(3);
    expect(out[0]).toBe('before');
    expect(out[1]).toBe(`long:${piece.repeat(5000)}`);
    expect(out[2]).toBe('after');
  });

  it('decodes a UTF-8 character split across chunks', async () => {
    const bytes = Buffer.from('café ☕\n', 'utf8');
    const chunks = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(await lines(chunks)).toEqual(['café ☕']);
  });

  it('drops a leading BOM, even when its bytes arrive split', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await lines([bom.subarray(0, 2), Buffer.concat([bom.subarray(2), Buffer.from('x\n')])])).toEqual(['x']);
  });

  it('keeps a BOM-like character that is not at the very start', async () => {
    expect(await lines(['a\n\ufeffb'])).toEqual(['a', '\ufeffb']);
  });

  it('decodes a chunk larger than its decoding slices: characters, CRLFs and BOM-like text on every 64 KB boundary', async () => {
    // each boundary of a 64 KB slice falls inside a 4-byte emoji, then a 3-byte character, then a CRLF
    const slice = 64 * 1024;
    const parts: Buffer[] = [Buffer.from('\ufeffstart\n')];
    let length = parts[0]!.length;
    for (const straddler of ['\u{1F600}', '\u20ac', '\r\n', '\ufeff']) {
      const boundary = Math.ceil((length + 1) / slice) * slice;
      parts.push(Buffer.from('y'.repeat(boundary - length - 1)));
      parts.push(Buffer.from(`${straddler}z\n`));
      length = boundary - 1 + Buffer.byteLength(`${straddler}z\n`);
    }
    const whole = Buffer.concat(parts);
    const expected = whole.toString('utf8').slice(1).split('\n').slice(0, -1).map((l) => l.replace(/\r$/, ''));
    const asUint8 = new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength);
    for (const chunk of [whole, asUint8]) {
      const batches = await collect(splitLineBatches(fromArray([chunk])));
      expect(batches, 'one batch for the one chunk').toHaveLength(1);
      expect(batches[0]).toEqual(expected);
    }
    expect(expected).toHaveLength(6); // start, then a line per straddler, and one more where the CRLF ends a line
  });

  it('yields nothing for an empty stream', async () => {
    expect(await lines([])).toEqual([]);
    expect(await lines([Buffer.alloc(0)])).toEqual([]);
  });
});
