import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRealtimeEntry, readArchive } from '../../../src/timeline/archive-reader.js';
import { TimelineError } from '../../../src/timeline/errors.js';
import { createUncompressedBudget } from '../../../src/timeline/limits.js';
import { buildZip, chunksOf, noiseEntries, realtimeText } from './fixtures.js';

let tmpDir: string;
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-archive-test-'));
});
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

const read = (zip: Buffer, deps = {}) => readArchive(chunksOf(zip, 4096), { tmpDir, ...deps });

async function readError(zip: Buffer, deps = {}): Promise<TimelineError> {
  const error: unknown = await read(zip, deps).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TimelineError);
  return error as TimelineError;
}

const messages = [
  { created: '2024-01-03T09:12:00.000Z', text: 'Hello Bob' },
  { created: '2024-01-03T09:15:00.000Z', text: 'Agenda:\n\n1. budget\n2. hiring' },
];

describe('readArchive', () => {
  it('reads the chat among 40 noise entries and counts the others by service', async () => {
    const noise = noiseEntries(40);
    const zip = await buildZip([...noise.slice(0, 20), { name: 'REALTIME!messages', content: realtimeText(messages) }, ...noise.slice(20)]);
    const contents = await read(zip);
    expect(contents.records).toEqual([
      { kind: 'message', created: messages[0]?.created, text: 'Hello Bob', line: 1 },
      { kind: 'message', created: messages[1]?.created, text: 'Agenda:\n\n1. budget\n2. hiring', line: 3 },
    ]);
    expect(contents).toMatchObject({
      realtimeEntries: 1,
      otherEntries: 40,
      otherEntriesByService: { venue: 1, analytics: 39 },
      archiveBytes: zip.length,
    });
  });

  it('reads a stored (uncompressed) chat entry and a CRLF one', async () => {
    const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText(messages, '\r\n'), compress: false }]);
    expect((await read(zip)).records.map((r) => r.kind === 'message' && r.text)).toEqual(['Hello Bob', 'Agenda:\n\n1. budget\n2. hiring']);
  });

  it('reports an export without a chat entry as empty, not as an error', async () => {
    const contents = await read(await buildZip(noiseEntries(3)));
    expect(contents).toMatchObject({ records: [], realtimeEntries: 0, otherEntries: 3 });
  });

  it('reads an empty chat entry as no records', async () => {
    const contents = await read(await buildZip([{ name: 'REALTIME!messages', content: '' }, ...noiseEntries(2)]));
    expect(contents).toMatchObject({ records: [], realtimeEntries: 1, otherEntries: 2 });
  });

  it('keeps unknown record shapes as unknown records', async () => {
    const content = 'preamble\n\ncreated: 2024-99-01T00:00:00Z, message: odd\n\ncreated: 2024-01-03T09:12:00Z, message: ok\n';
    const { records } = await read(await buildZip([{ name: 'REALTIME!messages', content }]));
    expect(records.map((r) => (r.kind === 'unknown' ? r.reason : r.text))).toEqual([
      'text before the first record',
      'invalid timestamp',
      'ok',
    ]);
  });

  it('reads every chat entry when an archive has several', async () => {
    const zip = await buildZip([
      { name: 'REALTIME!messages', content: realtimeText([messages[0] ?? { created: '', text: '' }]) },
      { name: 'part2/REALTIME!messages', content: realtimeText([messages[1] ?? { created: '', text: '' }]) },
    ]);
    const contents = await read(zip);
    expect(contents.realtimeEntries).toBe(2);
    expect(contents.records).toHaveLength(2);
  });

  it('does not mistake entries that only contain the name', async () => {
    const contents = await read(await buildZip([{ name: 'REALTIME!messages.bak', content: realtimeText(messages) }]));
    expect(contents).toMatchObject({ realtimeEntries: 0, otherEntries: 1, otherEntriesByService: { REALTIME: 1 } });
  });

  it.each(['REALTIME!messages', './REALTIME!messages', 'results-abc-2024-01-01T00_00_00Z/REALTIME!messages'])(
    'parses the chat entry named %s (flat, or in the one folder a re-zipped archive has)',
    async (name) => {
      expect((await read(await buildZip([{ name, content: realtimeText(messages) }]))).records).toHaveLength(2);
    },
  );

  it.each(['analytics!REALTIME!messages', 'xREALTIME!messages', 'a/b/REALTIME!messages', 'realtime!messages'])(
    'counts, never parses, an entry named %s',
    async (name) => {
      const contents = await read(await buildZip([{ name, content: realtimeText(messages) }]));
      expect(contents).toMatchObject({ records: [], realtimeEntries: 0, otherEntries: 1 });
    },
  );

  it('never takes a relative or absolute path for the chat entry (names a ZIP writer would refuse)', () => {
    expect(['../REALTIME!messages', '/REALTIME!messages', '..\\REALTIME!messages', './/REALTIME!messages'].filter(isRealtimeEntry)).toEqual([]);
    expect(['REALTIME!messages', 'results-1\\REALTIME!messages'].filter(isRealtimeEntry)).toHaveLength(2);
  });

  it('refuses random bytes with corrupt_archive', async () => {
    const error = await readError(randomBytes(4096));
    expect(error.code).toBe('corrupt_archive');
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses an archive cut in half with corrupt_archive', async () => {
    const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText(messages) }, ...noiseEntries(40)]);
    expect((await readError(zip.subarray(0, Math.floor(zip.length / 2)))).code).toBe('corrupt_archive');
  });

  it('refuses an archive whose chat data is damaged', async () => {
    const text = randomBytes(4000).toString('hex'); // incompressible: the deflate data stays long
    const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text }]) }]);
    const damaged = Buffer.from(zip);
    const dataStart = 30 + 'REALTIME!messages'.length; // after the local file header and the name
    damaged.fill(0xff, dataStart + 100, dataStart + 200);
    const error = await readError(damaged);
    expect(error.code).toBe('corrupt_archive');
    expect(error.message).not.toMatch(/central directory/); // it is the entry data that failed
  });

  it.each([
    ['fewer', -1],
    ['more', +1],
  ])('refuses a chat entry that inflates to %s bytes than its directory declares', async (_, delta) => {
    const zip = Buffer.from(await buildZip([{ name: 'REALTIME!messages', content: realtimeText(messages) }]));
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // the entry's central directory record
    const declared = zip.readUInt32LE(central + 24);
    zip.writeUInt32LE(declared + delta, central + 24);
    const error = await readError(zip);
    expect(error.code).toBe('corrupt_archive');
    expect(error.message).toMatch(delta < 0 ? /too many bytes/ : /not enough bytes/);
  });

  it('refuses an empty download with corrupt_archive', async () => {
    expect((await readError(Buffer.alloc(0))).code).toBe('corrupt_archive');
  });

  it('refuses a chat entry larger than maxEntryBytes (zip bomb guard)', async () => {
    const zip = await buildZip([{ name: 'REALTIME!messages', content: 'x'.repeat(10_000) }]);
    expect((await readError(zip, { maxEntryBytes: 1000 })).code).toBe('too_large');
  });

  it('refuses a download larger than maxArchiveBytes', async () => {
    const zip = await buildZip(noiseEntries(40));
    expect((await readError(zip, { maxArchiveBytes: 1000 })).code).toBe('too_large');
  });

  it('refuses an archive with more entries than maxArchiveEntries, naming the limit', async () => {
    const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText(messages) }, ...noiseEntries(10)]);
    const error = await readError(zip, { limits: { maxArchiveEntries: 10 } });
    expect(error).toMatchObject({ code: 'too_large', params: { limit: 'archive_entries', max: 10 } });
    expect((await read(zip, { limits: { maxArchiveEntries: 11 } })).records).toHaveLength(2);
  });

  it('refuses a download over maxArchiveBytes, naming the limit', async () => {
    const zip = await buildZip(noiseEntries(40));
    expect(await readError(zip, { limits: { maxArchiveBytes: 1000 } })).toMatchObject({ code: 'too_large', params: { limit: 'archive_bytes', max: 1000 } });
  });

  it('counts inflated chat bytes against a budget shared by every archive of the timeline', async () => {
    const content = realtimeText(messages);
    const zip = await buildZip([{ name: 'REALTIME!messages', content }]);
    const budget = createUncompressedBudget(Buffer.byteLength(content) * 2);
    await read(zip, { budget });
    await read(zip, { budget });
    const error = await readError(zip, { budget });
    expect(error).toMatchObject({ code: 'too_large', params: { limit: 'uncompressed_bytes', max: Buffer.byteLength(content) * 2 } });
  });

  it('never writes the archive in clear: the spool holds no ZIP signature and no message text', async () => {
    const secret = 'Confidential: the merger closes on Friday';
    // Stored, so the text would sit in the ZIP bytes as-is if the spool were not encrypted.
    const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText([{ created: '2024-01-03T09:12:00Z', text: secret }]), compress: false }]);
    expect(zip.includes(secret)).toBe(true);
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);

    const seen: Array<{ content: Buffer; mode: number }> = [];
    async function* download() {
      yield* chunksOf(zip, 100);
      // Everything has been spooled by now: look at what is on disk before reading starts.
      for (const name of await readdir(tmpDir)) {
        const path = join(tmpDir, name);
        seen.push({ content: await readFile(path), mode: (await stat(path)).mode & 0o777 });
      }
    }
    const contents = await readArchive(download(), { tmpDir });

    expect(contents.records).toEqual([expect.objectContaining({ text: secret })]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.mode).toBe(0o600);
    expect(seen[0]?.content.length).toBe(zip.length);
    expect(seen[0]?.content.includes(secret)).toBe(false);
    expect(seen[0]?.content.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('removes the temp file after a corrupt archive too', async () => {
    await readError(randomBytes(2048));
    expect(await readdir(tmpDir)).toEqual([]);
  });
});
