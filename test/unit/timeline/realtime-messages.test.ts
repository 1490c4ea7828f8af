import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIsoTimestamp } from '../../../src/timeline/iso-timestamp.js';
import { parseRealtimeMessages, type ParsedRecord } from '../../../src/timeline/realtime-messages.js';
import { splitLines } from '../../../src/timeline/split-lines.js';
import { collect, fromArray, realtimeText } from './fixtures.js';

const parse = (text: string) => collect(parseRealtimeMessages(splitLines(fromArray([text]))));
const message = (created: string, text: string, line: number): ParsedRecord => ({ kind: 'message', created, text, line });

describe('parseRealtimeMessages', () => {
  it('reads records separated by a blank line', async () => {
    const text = 'created: 2024-01-03T09:12:00.000Z, message: Hello\n\ncreated: 2024-01-03T09:13:30Z, message: Hi there\n';
    expect(await parse(text)).toEqual([
      message('2024-01-03T09:12:00.000Z', 'Hello', 1),
      message('2024-01-03T09:13:30.000Z', 'Hi there', 3),
    ]);
  });

  it('keeps multi-line messages, with blank lines inside, and trims only the separator', async () => {
    const text = [
      'created: 2024-01-03T09:12:00Z, message: first line',
      '  indented second line',
      '',
      'after a blank line',
      '',
      '',
      'after two blank lines',
      '',
      'created: 2024-01-03T09:13:00Z, message: next',
      '',
    ].join('\n');
    const [first, second] = await parse(text);
    expect(first).toEqual(
      message('2024-01-03T09:12:00.000Z', 'first line\n  indented second line\n\nafter a blank line\n\n\nafter two blank lines', 1),
    );
    expect(second).toEqual(message('2024-01-03T09:13:00.000Z', 'next', 9));
  });

  it('keeps a message\'s own trailing blank line: only one blank line is the separator', async () => {
    const records = await parse('created: 2024-01-03T09:12:00Z, message: ends with newline\n\n\ncreated: 2024-01-03T09:13:00Z, message: x\n');
    expect(records[0]).toMatchObject({ kind: 'message', text: 'ends with newline\n' });
  });

  it('does not trim spaces of the text itself', async () => {
    expect(await parse('created: 2024-01-03T09:12:00Z, message:   spaced   \n')).toEqual([
      message('2024-01-03T09:12:00.000Z', '  spaced   ', 1),
    ]);
  });

  it('reads an empty message', async () => {
    expect(await parse('created: 2024-01-03T09:12:00Z, message: \n\ncreated: 2024-01-03T09:13:00Z, message:\n')).toEqual([
      message('2024-01-03T09:12:00.000Z', '', 1),
      message('2024-01-03T09:13:00.000Z', '', 3),
    ]);
  });

  it('reads CRLF files and drops a BOM', async () => {
    const text = '\ufeffcreated: 2024-01-03T09:12:00Z, message: a\r\nb\r\n\r\ncreated: 2024-01-03T09:13:00Z, message: c\r\n';
    expect(await parse(text)).toEqual([message('2024-01-03T09:12:00.000Z', 'a\nb', 1), message('2024-01-03T09:13:00.000Z', 'c', 4)]);
  });

  it('handles CRLF and BOM even when given raw lines (no splitter in front)', async () => {
    const records = await collect(parseRealtimeMessages(fromArray(['\ufeffcreated: 2024-01-03T09:12:00Z, message: a\r', 'b\r'])));
    expect(records).toEqual([message('2024-01-03T09:12:00.000Z', 'a\nb', 1)]);
  });

  it('keeps text before the first record as an unknown record', async () => {
    const records = await parse('\nExport of user 42\nsecond header line\n\ncreated: 2024-01-03T09:12:00Z, message: a\n');
    expect(records).toEqual([
      { kind: 'unknown', raw: 'Export of user 42\nsecond header line', reason: 'text before the first record', line: 2 },
      message('2024-01-03T09:12:00.000Z', 'a', 5),
    ]);
  });

  it('turns a record with an invalid timestamp into an unknown record, verbatim, with its continuation lines', async () => {
    const text = [
      'created: 2024-02-30T10:00:00Z, message: impossible date',
      'continued',
      '',
      'created: yesterday, message: not ISO',
      '',
      'created: 2024-01-03T09:12:00Z, message: fine',
    ].join('\n');
    expect(await parse(text)).toEqual([
      { kind: 'unknown', raw: 'created: 2024-02-30T10:00:00Z, message: impossible date\ncontinued', reason: 'invalid timestamp', line: 1 },
      { kind: 'unknown', raw: 'created: yesterday, message: not ISO', reason: 'invalid timestamp', line: 4 },
      message('2024-01-03T09:12:00.000Z', 'fine', 6),
    ]);
  });

  it('treats lines that only resemble a record start as message text', async () => {
    const text = 'created: 2024-01-03T09:12:00Z, message: quoting\n\ncreated: tomorrow afternoon, message: spaces in the token\nmessage: alone\n';
    expect(await parse(text)).toEqual([
      message('2024-01-03T09:12:00.000Z', 'quoting\n\ncreated: tomorrow afternoon, message: spaces in the token\nmessage: alone', 1),
    ]);
  });

  it('keeps a header line inside a message when no separator comes before it: a record cannot be forged', async () => {
    const text = 'created: 2024-01-03T09:12:00Z, message: Hello\ncreated: 2019-01-01T09:00:00Z, message: back-dated\n\ncreated: 2024-01-03T09:13:00Z, message: b\n';
    expect(await parse(text)).toEqual([
      message('2024-01-03T09:12:00.000Z', 'Hello\ncreated: 2019-01-01T09:00:00Z, message: back-dated', 1),
      message('2024-01-03T09:13:00.000Z', 'b', 4),
    ]);
  });

  it('keeps a record earlier than the one before it, flagged as out of file order, with its own time', async () => {
    const text = 'created: 2024-01-03T09:12:00Z, message: a\n\ncreated: 2019-01-01T09:00:00Z, message: back-dated\n\ncreated: 2024-01-03T09:13:00Z, message: b\n';
    expect(await parse(text)).toEqual([
      message('2024-01-03T09:12:00.000Z', 'a', 1),
      { ...message('2019-01-01T09:00:00.000Z', 'back-dated', 3), outOfOrder: true },
      message('2024-01-03T09:13:00.000Z', 'b', 5),
    ]);
  });

  it('starts the first record at a header right after text before it', async () => {
    expect(await parse('Export header\ncreated: 2024-01-03T09:12:00Z, message: a\n')).toEqual([
      { kind: 'unknown', raw: 'Export header', reason: 'text before the first record', line: 1 },
      message('2024-01-03T09:12:00.000Z', 'a', 2),
    ]);
  });

  it('yields nothing for an empty entry or one of blank lines only', async () => {
    expect(await parse('')).toEqual([]);
    expect(await parse('\n\n\r\n')).toEqual([]);
  });

  it('keeps a file of garbage only as one unknown record', async () => {
    expect(await parse('not a chat export\n')).toEqual([
      { kind: 'unknown', raw: 'not a chat export', reason: 'text before the first record', line: 1 },
    ]);
  });

  it('round-trips any messages written in the Genesys format, with LF or CRLF', async () => {
    // Text lines never hold a CR (CRLF normalisation) nor look like a record start.
    const textLine = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\r') && !s.includes('\n') && !s.startsWith('created: '));
    const messageText = fc.array(textLine, { maxLength: 5 }).map((ls) => ls.join('\n'));
    const created = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ created, text: messageText }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        async (records, newline) => {
          const parsed = await parse(realtimeText(records, newline));
          expect(parsed).toEqual(records.map((r) => expect.objectContaining({ kind: 'message', created: r.created, text: r.text })));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseRealtimeMessages against texts that imitate headers', () => {
  const created = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const plainLine = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
  const headerLike = fc.tuple(created, plainLine).map(([at, rest]) => `created: ${at}, message: ${rest}`);
  const anyLine = fc.oneof(plainLine, headerLike, fc.constant(''));

  it('never splits a message at a header-like line that does not follow a blank line', async () => {
    // a message's own lines: header imitations anywhere, but never right after one of its blank lines
    const messageText = fc
      .array(fc.oneof(plainLine.filter((l) => l !== ''), headerLike), { maxLength: 5 })
      .map((ls) => ls.join('\n'));
    const sortedTimes = (n: number) => fc.array(created, { minLength: n, maxLength: n }).map((ts) => ts.sort());
    const records = fc
      .array(messageText, { maxLength: 6 })
      .chain((texts) => sortedTimes(texts.length).map((times) => texts.map((text, i) => ({ created: times[i]!, text }))));
    await fc.assert(
      fc.asyncProperty(records, fc.constantFrom('\n', '\r\n'), async (written, newline) => {
        const parsed = await parse(realtimeText(written, newline));
        expect(parsed).toEqual(written.map((r) => expect.objectContaining({ kind: 'message', created: r.created, text: r.text })));
        expect(parsed.some((r) => r.kind === 'message' && r.outOfOrder)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('flags every record earlier than the one before it, and only those, for any text at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { maxLength: 30 }), async (lines) => {
        const parsed = await parse(lines.join('\n'));
        let previous: string | undefined;
        for (const record of parsed) {
          if (record.kind !== 'message') continue;
          expect(record.outOfOrder === true).toBe(previous !== undefined && record.created < previous);
          previous = record.created;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loses no line of any text: every non-blank line is found in a record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { maxLength: 30 }), async (lines) => {
        const parsed = await parse(lines.join('\n'));
        const kept = parsed.flatMap((r) =>
          r.kind === 'unknown' ? r.raw.split('\n') : [`created: ${r.created}, message: ${r.text.split('\n')[0]}`, ...r.text.split('\n').slice(1)],
        );
        expect(kept.filter((l) => l !== '').length).toBe(lines.filter((l) => l !== '').length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normaliseIsoTimestamp', () => {
  it.each([
    ['2024-01-03T09:12:00.000Z', '2024-01-03T09:12:00.000Z'],
    ['2024-01-03T09:12:00Z', '2024-01-03T09:12:00.000Z'],
    ['2024-01-03T09:12Z', '2024-01-03T09:12:00.000Z'],
    ['2024-01-03T10:12:00+01:00', '2024-01-03T09:12:00.000Z'],
    ['2024-01-03T04:12:00-0500', '2024-01-03T09:12:00.000Z'],
    ['2024-01-03T09:12:00.123456Z', '2024-01-03T09:12:00.123Z'],
    ['2024-01-03T09:12:00', '2024-01-03T09:12:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseIsoTimestamp(input)).toBe(expected);
  });

  it.each(['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-03T24:00:00Z', '2024-01-03', 'yesterday', '1704273120000', '2024-01-03T09:12:00+25:00', ''])(
    'refuses %s',
    (input) => {
      expect(normaliseIsoTimestamp(input)).toBeUndefined();
    },
  );
});
