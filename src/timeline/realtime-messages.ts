/**
 * Parser for the Collaborate chat entry of a Genesys GDPR archive, `REALTIME!messages` (reference
 * §14): one record per message, records separated by a blank line, each starting with
 * `created: <ISO timestamp>, message: <text>`. Messages may span lines and contain blank lines.
 *
 * Rules, chosen so nothing is lost silently:
 * - a record starts only at a line of the form `created: <token>, message: …` that follows the
 *   separator (a blank line), or opens the entry, or follows text before the first record. A
 *   header-like line anywhere else is message text: a message cannot forge a record by quoting one;
 * - exactly one blank line before a record start (or before the end) is the separator; any other
 *   blank line belongs to the message, and the text is otherwise kept as written (no trimming).
 * - a message dated earlier than the message before it in the entry is kept, with its own time,
 *   and flagged `outOfOrder`: the format cannot tell a real record after a separator from a message
 *   quoting one after a blank line of its own, so a back-dated one is shown for what it is;
 *   (So the last message loses one trailing newline of its own when the file has no final
 *   separator: the two are indistinguishable, and a trailing newline carries nothing.)
 * - a record whose timestamp is not a real ISO date-time becomes an `unknown` record, verbatim;
 * - text before the first record becomes an `unknown` record, verbatim.
 */
import { normaliseIsoTimestamp } from './iso-timestamp.js';

export type ParsedRecord =
  | {
      kind: 'message';
      /** normalised UTC ISO, e.g. 2024-01-03T09:12:00.000Z */
      created: string;
      text: string;
      /** 1-based line of the record's first line in the entry */
      line: number;
      /** set (true) when dated earlier than the message before it in the entry */
      outOfOrder?: true;
    }
  | { kind: 'unknown'; raw: string; reason: string; line: number };

export const UNKNOWN_REASONS = {
  beforeFirstRecord: 'text before the first record',
  invalidTimestamp: 'invalid timestamp',
} as const;

// The token has no comma or space; a header-like line counts only after a separator (see above).
const RECORD_START = /^created: ([^\s,]+), message:(?: (.*))?$/s;

interface OpenRecord {
  line: number;
  /** normalised timestamp, or undefined for a preamble or an invalid timestamp */
  created: string | undefined;
  /** the header line as written; undefined for text before the first record */
  header: string | undefined;
  body: string[];
}

export async function* parseRealtimeMessages(lines: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
  const parser = new RealtimeParser();
  for await (const line of lines) {
    const record = parser.push(line);
    if (record) yield record;
  }
  const last = parser.end();
  if (last) yield last;
}

/** The same parser, fed one line at a time without an await per line (see parseRealtimeMessages). */
export class RealtimeParser {
  private open: OpenRecord | undefined;
  private pendingBlankLines = 0;
  private lineNumber = 0;
  private previousCreated: string | undefined;

  /** the record that this line closed, if any */
  push(rawLine: string): ParsedRecord | undefined {
    this.lineNumber += 1;
    const line = normaliseLine(rawLine, this.lineNumber);
    const open = this.open;
    const mayStartRecord = open === undefined || open.header === undefined || this.pendingBlankLines > 0;
    const start = mayStartRecord && line.startsWith('created: ') ? RECORD_START.exec(line) : null;
    if (start) {
      const closed = open ? this.close(open) : undefined;
      const [, token = '', firstLine = ''] = start;
      this.open = { line: this.lineNumber, created: normaliseIsoTimestamp(token), header: line, body: [firstLine] };
      this.pendingBlankLines = 0;
      return closed;
    }
    if (line === '') {
      // Blank lines before any text carry nothing; later ones wait to see what follows.
      if (open) this.pendingBlankLines += 1;
      return undefined;
    }
    const record = open ?? (this.open = { line: this.lineNumber, created: undefined, header: undefined, body: [] });
    for (; this.pendingBlankLines > 0; this.pendingBlankLines -= 1) record.body.push('');
    record.body.push(line);
    return undefined;
  }

  /** the last record, at the end of the entry */
  end(): ParsedRecord | undefined {
    const open = this.open;
    this.open = undefined;
    return open ? this.close(open) : undefined;
  }

  private close(record: OpenRecord): ParsedRecord {
    const closed = closeRecord(record, this.pendingBlankLines);
    if (closed.kind !== 'message') return closed;
    const outOfOrder = this.previousCreated !== undefined && closed.created < this.previousCreated;
    this.previousCreated = closed.created;
    return outOfOrder ? { ...closed, outOfOrder } : closed;
  }
}

function normaliseLine(line: string, lineNumber: number): string {
  const withoutCr = line.endsWith('\r') ? line.slice(0, -1) : line;
  return lineNumber === 1 && withoutCr.charCodeAt(0) === 0xfeff ? withoutCr.slice(1) : withoutCr;
}

/**
 * The last blank line is the separator; any before it are the record's own. The body always holds
 * a line (a record opens with one), and most messages are that one line: no join, no copy.
 */
function closeRecord(record: OpenRecord, pendingBlankLines: number): ParsedRecord {
  const ownBlankLines = pendingBlankLines > 1 ? '\n'.repeat(pendingBlankLines - 1) : '';
  const body = record.body;
  if (record.header === undefined) {
    return { kind: 'unknown', raw: body.join('\n') + ownBlankLines, reason: UNKNOWN_REASONS.beforeFirstRecord, line: record.line };
  }
  if (record.created === undefined) {
    const raw = [record.header, ...body.slice(1)].join('\n') + ownBlankLines;
    return { kind: 'unknown', raw, reason: UNKNOWN_REASONS.invalidTimestamp, line: record.line };
  }
  const text = (body.length === 1 ? body[0]! : body.join('\n')) + ownBlankLines;
  return { kind: 'message', created: record.created, text, line: record.line };
}
