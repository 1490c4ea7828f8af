/**
 * External sort of the timeline's messages, so no step holds them all: messages are buffered up
 * to a byte budget, sorted (a no-op pass when already in order, the usual case), and appended to
 * one encrypted temp file. A flush whose first message is not earlier than the last one written
 * extends the current run; otherwise a new run starts. The runs are then merged k ways.
 *
 * Order: time, then subject order, then the export's own order (the in-memory merge's rule).
 */
import type { EncryptedTempFile } from './encrypted-temp-file.js';

export interface RunMessage {
  ms: number;
  personIndex: number;
  /** position in its subject's exports */
  seq: number;
  outOfOrder: boolean;
  text: string;
}

export interface Run {
  start: number;
  end: number;
  count: number;
}

// ms (f64) · personIndex (u16) · seq (u32) · flags (u8) · text length (u32)
const HEADER_BYTES = 8 + 2 + 4 + 1 + 4;
const DEFAULT_RUN_BYTES = 8 * 1024 * 1024;

export function compareMessages(a: RunMessage, b: RunMessage): number {
  return a.ms - b.ms || a.personIndex - b.personIndex || a.seq - b.seq;
}

export class RunWriter {
  private buffer: RunMessage[] = [];
  private bufferBytes = 0;
  private inOrder = true;
  private last: RunMessage | undefined;
  private readonly runs: Run[] = [];

  constructor(
    private readonly file: EncryptedTempFile,
    private readonly maxBufferBytes = DEFAULT_RUN_BYTES,
  ) {}

  /** Returns a promise only when the buffer had to be written out. */
  add(message: RunMessage): Promise<void> | undefined {
    const previous = this.buffer.at(-1);
    if (previous && compareMessages(previous, message) > 0) this.inOrder = false;
    this.buffer.push(message);
    this.bufferBytes += HEADER_BYTES + message.text.length * 3;
    return this.bufferBytes >= this.maxBufferBytes ? this.spill() : undefined;
  }

  async finish(): Promise<Run[]> {
    await this.spill();
    await this.file.finishWriting();
    return this.runs;
  }

  private async spill(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    if (!this.inOrder) batch.sort(compareMessages);
    this.buffer = [];
    this.bufferBytes = 0;
    this.inOrder = true;
    const current = this.runs.at(-1);
    const extends_ = current !== undefined && this.last !== undefined && compareMessages(this.last, batch[0]!) <= 0;
    const run = extends_ ? current : { start: this.file.size, end: this.file.size, count: 0 };
    if (!extends_) this.runs.push(run);
    for (const message of batch) {
      this.file.appendFrame(message.text, HEADER_BYTES, encodeHeader, message);
      if (this.file.full) await this.file.flush();
    }
    await this.file.flush();
    run.end = this.file.size;
    run.count += batch.length;
    this.last = batch.at(-1);
  }
}

/** A frame is this header, then the text's UTF-8 bytes. */
function encodeHeader(header: Buffer, at: number, textBytes: number, message: RunMessage): void {
  header.writeDoubleLE(message.ms, at);
  header.writeUInt16LE(message.personIndex, at + 8);
  header.writeUInt32LE(message.seq, at + 10);
  header.writeUInt8(message.outOfOrder ? 1 : 0, at + 14);
  header.writeUInt32LE(textBytes, at + 15);
}

/** Reads one run back, a batch of messages per chunk of the file. */
class RunCursor {
  private batch: RunMessage[] = [];
  private index = 0;
  private carry: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  done = false;

  constructor(file: EncryptedTempFile, run: Run) {
    this.chunks = file.read(run.start, run.end)[Symbol.asyncIterator]();
  }

  get current(): RunMessage | undefined {
    return this.batch[this.index];
  }

  /** moves on; false when the next message must be fetched with `refill()` first */
  step(): boolean {
    this.index += 1;
    return this.index < this.batch.length;
  }

  async refill(): Promise<void> {
    this.batch = [];
    this.index = 0;
    while (this.batch.length === 0) {
      const next = await this.chunks.next();
      if (next.done) {
        this.done = true;
        return;
      }
      const data = this.carry.length > 0 ? Buffer.concat([this.carry, next.value]) : next.value;
      let offset = 0;
      while (offset + HEADER_BYTES <= data.length) {
        const textBytes = data.readUInt32LE(offset + 15);
        const frameEnd = offset + HEADER_BYTES + textBytes;
        if (frameEnd > data.length) break;
        this.batch.push({
          ms: data.readDoubleLE(offset),
          personIndex: data.readUInt16LE(offset + 8),
          seq: data.readUInt32LE(offset + 10),
          outOfOrder: data.readUInt8(offset + 14) === 1,
          text: data.toString('utf8', offset + HEADER_BYTES, frameEnd),
        });
        offset = frameEnd;
      }
      this.carry = data.subarray(offset);
    }
  }
}

/**
 * Every message of every run, in order, handed to `emit` (which may return a promise to be
 * awaited, e.g. to let an output file flush). One batch per run is in memory at a time.
 */
export async function mergeRuns(
  file: EncryptedTempFile,
  runs: readonly Run[],
  emit: (message: RunMessage) => Promise<void> | undefined,
): Promise<void> {
  const heap: RunCursor[] = [];
  for (const run of runs) {
    const cursor = new RunCursor(file, run);
    await cursor.refill();
    if (!cursor.done) heap.push(cursor);
  }
  const less = (a: RunCursor, b: RunCursor) => compareMessages(a.current!, b.current!) < 0;
  for (let i = (heap.length >> 1) - 1; i >= 0; i -= 1) siftDown(heap, i, less);
  while (heap.length > 0) {
    const top = heap[0]!;
    const pending = emit(top.current!);
    if (pending) await pending;
    if (!top.step()) {
      await top.refill();
      if (top.done) {
        const last = heap.pop()!;
        if (heap.length === 0) break;
        heap[0] = last;
      }
    }
    siftDown(heap, 0, less);
  }
}

function siftDown<T>(heap: T[], start: number, less: (a: T, b: T) => boolean): void {
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && less(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && less(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
    i = smallest;
  }
}
