import { StringDecoder } from 'node:string_decoder';

/**
 * Turns a byte (or text) stream into lines without holding more than one line plus one chunk.
 * UTF-8 characters split across chunks are decoded correctly; a leading BOM is dropped; both
 * LF and CRLF end a line. A final line without a newline is still yielded.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  for await (const batch of splitLineBatches(chunks)) yield* batch;
}

/** Like splitLines, but one array of lines per chunk: one await per chunk rather than per line. */
export async function* splitLineBatches(chunks: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let atStart = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    if (atStart && text.length > 0) {
      text = stripBom(text);
      atStart = false;
    }
    // Only the new text is searched: a line longer than a chunk grows as a rope and is joined once,
    // where searching the whole carry again at every chunk made a long line cost its length squared.
    let newline = text.indexOf('\n');
    if (newline === -1) {
      carry += text;
      continue;
    }
    const lines = [withoutCarriageReturn(carry + text.slice(0, newline))];
    let consumed = newline + 1;
    newline = text.indexOf('\n', consumed);
    while (newline !== -1) {
      lines.push(withoutCarriageReturn(text.slice(consumed, newline)));
      consumed = newline + 1;
      newline = text.indexOf('\n', consumed);
    }
    carry = text.slice(consumed);
    yield lines;
  }
  carry += decoder.end();
  if (atStart) carry = stripBom(carry);
  if (carry.length > 0) yield [withoutCarriageReturn(carry)];
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
