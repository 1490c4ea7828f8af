import { randomBytes } from 'node:crypto';
import { messageForTimelineError } from '../../../src/slack/messages.js';
import { readerFor } from '../../../src/slack/catalog/index.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import fc from 'fast-check';
import { buildTimeline, mergeTimeline, readArchive, renderCsv, renderHtml, renderText, TimelineError, type BuildTimelineInput } from '../../../src/timeline/index.js';
import { buildZip, chunksOf, noiseEntries, realtimeText } from './fixtures.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';

let tmpDir: string;
let logLines: string[];
let logger: ReturnType<typeof createLogger>;

beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-build-test-'));
  logLines = [];
  logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
});
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

const chatZip = (records: Array<{ created: string; text: string }>, extra = '') =>
  buildZip([...noiseEntries(10), { name: 'REALTIME!messages', content: extra + realtimeText(records) }]);

/** An archive thunk that records each call, like one minting a fresh signed link. */
function archive(zip: Buffer, calls: string[], label: string) {
  return async () => {
    calls.push(label);
    return chunksOf(zip, 2048);
  };
}

async function scenario() {
  const calls: string[] = [];
  const aliceJanuary = await chatZip([
    { created: '2024-01-03T09:12:00Z', text: 'Morning Bob, the Q1 numbers?' },
    { created: '2024-01-03T09:20:00Z', text: 'Thanks!\n\nI will forward them.' },
  ]);
  const aliceFebruary = await chatZip([{ created: '2024-02-10T17:40:00Z', text: 'See you Monday' }]);
  const bob = await chatZip([{ created: '2024-01-03T09:15:00Z', text: 'Sending them now' }], 'Export header\n\n');
  const input: BuildTimelineInput = {
    subjects: [
      { subjectId: 's1', name: 'Alice Martin', genesysUserId: 'gid-alice', archives: [archive(aliceJanuary, calls, 'a1'), archive(aliceFebruary, calls, 'a2')] },
      { subjectId: 's2', name: 'Bob Chen', genesysUserId: 'gid-bob', archives: [archive(bob, calls, 'b1')] },
    ],
    timeZone: 'Europe/Paris',
    labels: enTimelineFiles,
    title: 'Conversation timeline GX-TEST0001',
  };
  return { input, calls };
}

describe('buildTimeline', () => {
  it('reads every archive once, in order, and merges them into one timeline', async () => {
    const { input, calls } = await scenario();
    const built = await buildTimeline(input, { logger, tmpDir });

    expect(calls).toEqual(['a1', 'a2', 'b1']);
    expect(built.summaryLine).toBe(
      'Alice Martin: 3 messages, Bob Chen: 1 message · 2024-01-03 09:12 → 2024-02-10 17:40 UTC · 3 archives read · 1 entry kept verbatim (unrecognised)',
    );
    const csvLines = built.csv.split('\n');
    expect(csvLines[1]).toBe('2024-01-03T09:12:00.000Z,2024-01-03 10:12:00,Alice Martin,gid-alice,"Morning Bob, the Q1 numbers?",');
    expect(csvLines[2]).toBe('2024-01-03T09:15:00.000Z,2024-01-03 10:15:00,Bob Chen,gid-bob,Sending them now,');
    expect(built.text).toContain('[2024-01-03 10:20:00] Alice Martin: Thanks!\n\n    I will forward them.\n[2024-02-10 18:40:00] Alice Martin: See you Monday');
    expect(built.html).toContain('Sending them now');
    expect(built.summary).toMatchObject({ messages: 4, archivesRead: 3, skipped: { noiseEntries: 30, outOfRange: 0 }, timeZone: 'Europe/Paris' });
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('applies the date range', async () => {
    const { input } = await scenario();
    const built = await buildTimeline({ ...input, range: { from: new Date('2024-02-01T00:00:00Z') } }, { logger, tmpDir });
    expect(built.summary.messages).toBe(1);
    expect(built.summary.skipped.outOfRange).toBe(3);
    expect(built.summaryLine).toContain('3 messages outside the date range');
  });

  it('reports an export without chat instead of failing', async () => {
    const { input } = await scenario();
    const noChat = await buildZip(noiseEntries(40));
    const subjects = [...input.subjects, { subjectId: 's3', name: 'Carol Diaz', genesysUserId: 'gid-carol', archives: [async () => chunksOf(noChat)] }];
    const built = await buildTimeline({ ...input, subjects }, { logger, tmpDir });
    expect(built.summary.emptyExports).toEqual([{ subjectId: 's3', name: 'Carol Diaz', genesysUserId: 'gid-carol' }]);
    expect(built.summaryLine).toContain('no chat in the export of Carol Diaz');
  });

  it('fails as a whole on a corrupt archive, says which one, and leaves no temp file', async () => {
    const { input, calls } = await scenario();
    const subjects = [input.subjects[0]!, { ...input.subjects[1]!, archives: [archive(randomBytes(3000), calls, 'bad')] }];
    const error = await buildTimeline({ ...input, subjects }, { logger, tmpDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimelineError);
    expect((error as TimelineError).code).toBe('corrupt_archive');
    expect((error as TimelineError).params.where).toEqual({ subject: 2, subjects: 2, archive: 1, archives: 1 });
    expect(messageForTimelineError(error as TimelineError, readerFor('en'))).toContain('No timeline was delivered (export 2 of 2, archive 1 of 1). Try again');
    expect((error as TimelineError).message).not.toMatch(/Alice|Bob/);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('fails on a truncated archive', async () => {
    const { input } = await scenario();
    const zip = await chatZip([{ created: '2024-01-03T09:12:00Z', text: 'x' }]);
    const subjects = [{ ...input.subjects[0]!, archives: [async () => chunksOf(zip.subarray(0, zip.length >> 1))] }];
    await expect(buildTimeline({ ...input, subjects }, { logger, tmpDir })).rejects.toMatchObject({ code: 'corrupt_archive' });
  });

  it('tells the person an expired download may need a new export', async () => {
    const { input } = await scenario();
    const expired = async () => {
      throw new TimelineError('download_failed', 'The archive download was refused (HTTP 404).', { status: 404 });
    };
    const subjects = [{ ...input.subjects[0]!, archives: [expired] }];
    const error = await buildTimeline({ ...input, subjects }, { logger, tmpDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'download_failed', status: 404 });
    expect(messageForTimelineError(error as TimelineError, readerFor('en'))).toContain('The export may have expired: request it again.');
  });

  it('lets other errors from an archive thunk through unchanged', async () => {
    const { input } = await scenario();
    const failure = new Error('Genesys is down');
    const subjects = [{ ...input.subjects[0]!, archives: [() => Promise.reject(failure)] }];
    await expect(buildTimeline({ ...input, subjects }, { logger, tmpDir })).rejects.toBe(failure);
  });

  it('refuses an invalid range before downloading anything', async () => {
    const { input, calls } = await scenario();
    const range = { from: new Date('2024-03-01'), to: new Date('2024-01-01') };
    await expect(buildTimeline({ ...input, range }, { logger, tmpDir })).rejects.toMatchObject({ code: 'invalid_range' });
    expect(calls).toEqual([]);
  });

  it('stops past maxMessages messages in the range, naming the limit, and leaves no temp file', async () => {
    const { input } = await scenario();
    const error = await buildTimeline(input, { logger, tmpDir, limits: { maxMessages: 3 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_large', params: { limit: 'messages', max: 3 } });
    expect(await readdir(tmpDir)).toEqual([]);
    // narrowing the range brings it under the limit
    const built = await buildTimeline({ ...input, range: { from: new Date('2024-01-03T09:16:00Z') } }, { logger, tmpDir, limits: { maxMessages: 3 } });
    expect(built.summary.messages).toBe(2);
  });

  it('notes an unknown time zone and shows UTC', async () => {
    const { input } = await scenario();
    const built = await buildTimeline({ ...input, timeZone: 'Bogus/Zone', labels: enTimelineFiles }, { logger, tmpDir });
    expect(built.summary.timeZone).toBe('UTC');
    expect(built.html).toContain('The time zone &quot;Bogus/Zone&quot; is not recognised, so local times are shown in UTC.');
    expect(built.csv.split('\n')[1]).toContain(',2024-01-03 09:12:00,');
  });

  it('logs counts only: no names, no message text, no links', async () => {
    const { input } = await scenario();
    await buildTimeline(input, { logger, tmpDir });
    const logs = logLines.join('\n');
    expect(logLines.length).toBeGreaterThanOrEqual(4);
    expect(logs).toContain('"messages":4');
    for (const secret of ['Alice', 'Bob', 'Martin', 'Chen', 'Q1 numbers', 'Sending them', 'Monday', 'Export header', 'gid-alice', 'http']) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('buildTimeline, streamed through sorted runs', () => {
  it('renders exactly what the in-memory merge renders, for any records in any order', async () => {
    const created = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2024, 0, 3, 9, n)).toISOString());
    const record = fc.oneof(
      { weight: 6, arbitrary: fc.record({ created, text: fc.string({ unit: 'grapheme', maxLength: 30 }).map((t) => t.replace(/[\r\n]/g, ' ')) }) },
      { weight: 1, arbitrary: fc.constant({ created: 'not-a-date', text: 'odd' }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(record, { maxLength: 25 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 600 }), async (people, runBufferBytes) => {
        const zips = await Promise.all(people.map((records) => buildZip([{ name: 'REALTIME!messages', content: realtimeText(records) }])));
        const input: BuildTimelineInput = {
          subjects: zips.map((zip, i) => ({ subjectId: `s${i}`, name: `Person ${i}`, genesysUserId: `gid-${i}`, archives: [async () => chunksOf(zip, 500)] })),
          timeZone: 'Europe/Paris',
          labels: enTimelineFiles,
          title: 'T',
        };
        const streamed = await buildTimeline(input, { logger, tmpDir, runBufferBytes });
        const subjects = await Promise.all(
          zips.map(async (zip, i) => ({ subjectId: `s${i}`, name: `Person ${i}`, genesysUserId: `gid-${i}`, ...(await readArchive(chunksOf(zip), { tmpDir })), archives: [{ realtimeEntries: 1, otherEntries: 0 }] })),
        );
        const { timeline, summary } = mergeTimeline(subjects, { timeZone: 'Europe/Paris' });
        expect(streamed.summary).toEqual(summary);
        expect(streamed.csv).toBe(renderCsv(timeline, { timeZone: 'Europe/Paris', labels: enTimelineFiles }));
        expect(streamed.html).toBe(renderHtml(timeline, summary, { timeZone: 'Europe/Paris', labels: enTimelineFiles, title: 'T', custody: streamed.archives }));
        expect(streamed.text).toBe(renderText(timeline, summary, { timeZone: 'Europe/Paris', labels: enTimelineFiles, title: 'T' }));
        expect(await readdir(tmpDir)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
