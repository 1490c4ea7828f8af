/** The bytes behind one download id: the test's override, else the built archive (cached). */
import { buildExportArchive, splitIntoChunks, type ArchiveMessage } from './archive.js';
import type { SimContext } from './context.js';
import { completedAt, toSimExport, type ExportRecord } from './export-registry.js';

const DAY_MS = 86_400_000;

/** only messages inside the chat retention window at completion are exported (reference §7) */
export function messagesInRetention(messages: readonly ArchiveMessage[], completedAtMs: number, retentionDays: number): ArchiveMessage[] {
  const cutoff = completedAtMs - retentionDays * DAY_MS;
  return messages.filter((m) => {
    const t = Date.parse(m.created);
    return Number.isNaN(t) || t >= cutoff;
  });
}

export function loadArchive(ctx: SimContext, record: ExportRecord, index: number): Promise<Buffer> {
  const override = ctx.settings.archiveOverride?.(toSimExport(record, ctx.clock.now()), index);
  if (override !== undefined) return Promise.resolve(override);
  const downloadId = record.downloadIds[index] ?? '';
  let cached = ctx.archiveCache.get(downloadId);
  if (!cached) {
    cached = buildArchive(ctx, record, index);
    ctx.archiveCache.set(downloadId, cached);
    cached.catch(() => ctx.archiveCache.delete(downloadId));
  }
  return cached;
}

function buildArchive(ctx: SimContext, record: ExportRecord, index: number): Promise<Buffer> {
  const user = ctx.users.get(record.userId);
  const finished = completedAt(record);
  const kept = messagesInRetention(user?.messages ?? [], finished, ctx.settings.retentionDays);
  // a split export spreads the subject's messages over its archives
  const chunk = splitIntoChunks(kept, record.downloadIds.length)[index] ?? [];
  return buildExportArchive({
    requestId: record.id,
    userId: record.userId,
    ...(user?.name !== undefined ? { name: user.name } : {}),
    messages: chunk,
    createdAt: new Date(finished),
  });
}
