import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedTempFile } from '../../../src/timeline/encrypted-temp-file.js';
import { compareMessages, mergeRuns, RunWriter, type RunMessage } from '../../../src/timeline/sorted-runs.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timeline-runs-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sortExternally(messages: RunMessage[], bufferBytes: number) {
  const file = await EncryptedTempFile.create(dir);
  try {
    const writer = new RunWriter(file, bufferBytes);
    for (const m of messages) await writer.add(m);
    const runs = await writer.finish();
    const out: RunMessage[] = [];
    await mergeRuns(file, runs, (m) => void out.push(m));
    return { out, runs };
  } finally {
    await file.dispose();
  }
}

const message = fc.record({
  ms: fc.integer({ min: 0, max: 50 }).map((n) => 1_700_000_000_000 + n * 1000),
  personIndex: fc.integer({ min: 0, max: 3 }),
  outOfOrder: fc.boolean(),
  text: fc.string({ unit: 'grapheme', maxLength: 40 }),
});

describe('RunWriter + mergeRuns', () => {
  it('gives back every message, sorted by time, subject, then export order, whatever the buffer size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 200 }), fc.integer({ min: 1, max: 4000 }), async (raw, bufferBytes) => {
        const messages = raw.map((m, seq) => ({ ...m, seq }));
        const { out } = await sortExternally(messages, bufferBytes);
        expect(out).toEqual([...messages].sort(compareMessages));
      }),
      { numRuns: 60 },
    );
  });

  it('writes messages already in order as a single run, however many times the buffer fills', async () => {
    const messages = Array.from({ length: 5000 }, (_, seq) => ({ ms: seq * 1000, personIndex: 0, seq, outOfOrder: false, text: `message ${seq} ✓` }));
    const { out, runs } = await sortExternally(messages, 10_000);
    expect(runs).toHaveLength(1);
    expect(out).toEqual(messages);
  });
});
