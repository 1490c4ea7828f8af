import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../src/timeline/split-lines.js';
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

  it('yields nothing for an empty stream', async () => {
    expect(await lines([])).toEqual([]);
    expect(await lines([Buffer.alloc(0)])).toEqual([]);
  });
});
