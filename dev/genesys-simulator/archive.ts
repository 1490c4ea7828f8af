/**
 * The export archive as observed (reference §14): a ZIP of flat entries named `service!identifier`.
 * `REALTIME!messages` holds what the subject wrote, one `created: <ISO>, message: <text>` record per
 * message, records separated by a blank line. The rest is noise a reader must skip.
 */
import { randomUUID } from 'node:crypto';
import yazl from 'yazl';

export interface ArchiveMessage {
  created: string;
  text: string;
}

export interface ExportArchiveInput {
  requestId: string;
  userId: string;
  name?: string;
  messages: ArchiveMessage[];
  /** `analytics!<uuid>` entries; default 5 */
  noiseEntries?: number;
  /** entry timestamps; default now */
  createdAt?: Date;
}

export const REALTIME_MESSAGES_ENTRY = 'REALTIME!messages';

export function formatRealtimeMessages(messages: readonly ArchiveMessage[]): string {
  return messages.map((m) => `created: ${m.created}, message: ${m.text}`).join('\n\n') + '\n';
}

/** `results-<requestId>-<ISO timestamp>.zip` */
export function archiveFileName(requestId: string, at: Date): string {
  return `results-${requestId}-${at.toISOString()}.zip`;
}

/** contiguous chunks in order, as a size-based split would make; some chunks are empty when count > items */
export function splitIntoChunks<T>(items: readonly T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size));
}

export async function buildExportArchive(input: ExportArchiveInput): Promise<Buffer> {
  const mtime = input.createdAt ?? new Date();
  const zip = new yazl.ZipFile();
  const add = (name: string, content: string) => zip.addBuffer(Buffer.from(content, 'utf8'), name, { mtime });

  // an export of someone who wrote nothing (or an unknown user id) has no messages entry at all
  if (input.messages.length > 0) add(REALTIME_MESSAGES_ENTRY, formatRealtimeMessages(input.messages));
  add(
    `venue!${randomUUID()}`,
    JSON.stringify({ id: input.userId, ...(input.name !== undefined ? { name: input.name } : {}), state: 'active' }),
  );
  for (let i = 0; i < (input.noiseEntries ?? 5); i++) {
    add(
      `analytics!${randomUUID()}`,
      JSON.stringify({ type: 'receipt', requestId: input.requestId, eventTime: mtime.toISOString(), sequence: i }),
    );
  }
  zip.end();
  return collect(zip.outputStream);
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
