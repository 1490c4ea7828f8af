/**
 * Genesys-shaped archives for the timeline benchmark: one ZIP per person, each holding noise
 * entries and one deflated `REALTIME!messages` of ~200-byte messages in time order (every tenth
 * spans a blank line). Built once and cached under the OS temp dir, keyed by the layout below.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

const FIXTURE_VERSION = 1;
const NOISE_ENTRIES = 2_000;
const WORDS = 'budget quarterly numbers supplier meeting forecast review hiring contract invoice draft approve deadline agenda minutes client renewal pricing'.split(' ');
const START_MS = Date.parse('2016-01-04T08:00:00Z');
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export interface TimelineFixture {
  messages: number;
  people: number;
  /** one ZIP path per person */
  archives: string[];
  zipBytes: number;
}

export async function timelineFixture(messages: number, people: number): Promise<TimelineFixture> {
  const dir = join(tmpdir(), `gdpr-timeline-bench-v${FIXTURE_VERSION}`);
  await mkdir(dir, { recursive: true });
  const perPerson = Math.floor(messages / people);
  const archives: string[] = [];
  let zipBytes = 0;
  for (let person = 0; person < people; person++) {
    const path = join(dir, `${messages}-${people}-${person}.zip`);
    const existing = await stat(path).catch(() => undefined);
    if (!existing) await writeArchive(path, person, people, perPerson);
    archives.push(path);
    zipBytes += (await stat(path)).size;
  }
  return { messages: perPerson * people, people, archives, zipBytes };
}

async function writeArchive(path: string, person: number, people: number, count: number): Promise<void> {
  const zip = new yazl.ZipFile();
  for (let i = 0; i < NOISE_ENTRIES; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    zip.addBuffer(Buffer.from(JSON.stringify({ id, event: 'receipt' })), `${i === 0 ? 'venue' : 'analytics'}!${id}`, { compress: false });
  }
  zip.addReadStream(Readable.from(realtimeChunks(person, people, count)), 'REALTIME!messages');
  zip.end();
  const partial = `${path}.partial`;
  await pipeline(zip.outputStream, createWriteStream(partial));
  await rename(partial, path);
}

function* realtimeChunks(person: number, people: number, count: number): Generator<Buffer> {
  let seed = 1234 + person;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const step = TEN_YEARS_MS / count;
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = new Date(START_MS + Math.floor(i * step + (person * step) / people)).toISOString();
    const words = Array.from({ length: 18 + Math.floor(random() * 16) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const text = i % 10 === 0 ? `Message ${i} from person ${person}: ${words}\n\nsecond paragraph of ${i}.` : `Message ${i} from person ${person}: ${words}.`;
    batch.push(`created: ${created}, message: ${text}\n\n`);
    if (batch.length === 2_000) {
      yield Buffer.from(batch.join(''), 'utf8');
      batch = [];
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join(''), 'utf8');
}
