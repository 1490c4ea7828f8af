/**
 * Reads a Genesys-sized archive through the real reader (encrypted spool, yauzl, streaming
 * parser): 39,999 noise entries plus one `REALTIME!messages` of 20,000 records.
 * Run: `npx tsx bench/timeline-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import yazl from 'yazl';
import { readArchive } from '../src/timeline/archive-reader.js';

const NOISE_ENTRIES = 39_999;
const MESSAGES = 20_000;
const CHUNK_BYTES = 64 * 1024;
const RSS_SAMPLE_MS = 5;

export interface TimelineBenchResult {
  entries: number;
  messages: number;
  archiveBytes: number;
  ms: number;
  peakRssMb: number;
  rssGrowthMb: number;
}

/** `archive` lets a caller that repeats the run build the archive once (see buildTimelineArchive) */
export async function benchTimeline(archive?: Buffer): Promise<TimelineBenchResult> {
  archive ??= await buildTimelineArchive();
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  const started = performance.now();
  try {
    const contents = await readArchive(chunksOf(archive));
    const ms = performance.now() - started;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return {
      entries: contents.realtimeEntries + contents.otherEntries,
      messages: contents.records.filter((r) => r.kind === 'message').length,
      archiveBytes: contents.archiveBytes,
      ms: Math.round(ms),
      peakRssMb: toMb(peakRss),
      rssGrowthMb: toMb(peakRss - baselineRss),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The archive benchTimeline reads. yazl adds entries in quadratic time: expect seconds, not ms. */
export async function buildTimelineArchive(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (let i = 0; i < NOISE_ENTRIES; i += 1) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const service = i === 0 ? 'venue' : 'analytics';
    // stored, not deflated: the reader counts these entries without opening them, and 40,000
    // separate zlib jobs made building the archive take minutes on a busy machine
    zip.addBuffer(Buffer.from(JSON.stringify({ id, event: 'receipt', at: '2024-01-01T00:00:00Z' })), `${service}!${id}`, { compress: false });
  }
  const start = Date.parse('2024-01-01T08:00:00Z');
  const records = Array.from({ length: MESSAGES }, (_, i) => {
    const created = new Date(start + i * 61_000).toISOString();
    const text = i % 10 === 0 ? `Message ${i}, with a second paragraph:\n\nnumber ${i} continues here.` : `Message ${i} about the quarterly numbers.`;
    return `created: ${created}, message: ${text}\n\n`;
  });
  zip.addBuffer(Buffer.from(records.join(''), 'utf8'), 'REALTIME!messages');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* chunksOf(data: Buffer): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) yield data.subarray(offset, offset + CHUNK_BYTES);
}

function toMb(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchTimeline();
  console.log('timeline bench (40,000-entry archive through the encrypted spool and yauzl)');
  console.table(result);
}
