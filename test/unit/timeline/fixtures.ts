/** Builds Genesys-shaped GDPR archives in memory for the timeline tests (reference §14). */
import yazl from 'yazl';

export interface ZipEntry {
  name: string;
  content: string | Buffer;
  /** deflate (default) or store: stored entries show their bytes as-is inside the ZIP */
  compress?: boolean;
}

export async function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const data = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : entry.content;
    zip.addBuffer(data, entry.name, { compress: entry.compress ?? true, mtime: new Date('2024-01-01T00:00:00Z') });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `created: …, message: …` records, each followed by a blank line. */
export function realtimeText(records: Array<{ created: string; text: string }>, newline = '\n'): string {
  return records.map((r) => `created: ${r.created}, message: ${r.text}`.replaceAll('\n', newline) + newline + newline).join('');
}

export function noiseEntries(count: number): ZipEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    name: i === 0 ? `venue!${uuid(i)}` : `analytics!${uuid(i)}`,
    content: JSON.stringify({ id: uuid(i), kind: 'receipt', at: '2024-01-01T00:00:00Z' }),
  }));
}

function uuid(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** Yields a buffer in chunks, like a network download. */
export async function* chunksOf(data: Buffer, size = 1024): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
