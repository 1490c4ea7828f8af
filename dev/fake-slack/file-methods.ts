/**
 * The external upload flow @slack/web-api's filesUploadV2 uses: files.getUploadURLExternal, a POST
 * of the bytes to the returned URL, then files.completeUploadExternal to name and share the file;
 * and files.delete, which removes a file and its shares from messages.
 */
import type { MethodHandler } from './method-result.js';
import { fail, integerArg, invalidArguments, isRecord, stringArg, succeed } from './method-result.js';
import type { StoredFile, Workspace } from './workspace.js';

export function createFileMethods(ws: Workspace): Record<string, MethodHandler> {
  return {
    'files.getUploadURLExternal': (args) => {
      const filename = stringArg(args, 'filename');
      const length = integerArg(args, 'length');
      if (!filename) return invalidArguments('[ERROR] missing required field: filename');
      if (length === undefined || length < 0) return invalidArguments('[ERROR] length must be the file size in bytes');
      const id = ws.nextId('F');
      ws.files.set(id, { id, filename, declaredLength: length, completed: false });
      return succeed({ upload_url: `${ws.baseUrl}upload/${id}`, file_id: id });
    },

    'files.delete': (args) => {
      const id = stringArg(args, 'file');
      if (!id) return invalidArguments('[ERROR] missing required field: file');
      const file = ws.files.get(id);
      if (!file?.completed) return fail('file_not_found');
      ws.files.delete(id);
      for (const m of ws.messages) {
        if (m.files?.some((f) => f.id === id)) m.files = m.files.filter((f) => f.id !== id);
      }
      return succeed({});
    },

    'files.completeUploadExternal': (args) => {
      const entries = args.files;
      if (!Array.isArray(entries) || entries.length === 0 || !entries.every((f) => isRecord(f) && typeof f.id === 'string')) {
        return invalidArguments('[ERROR] files must be a JSON array of {"id": "F…", "title"?: "…"}');
      }
      const channelId = stringArg(args, 'channel_id');
      if (channelId && !ws.conversations.has(channelId)) return fail('channel_not_found');
      const requested = entries as Array<{ id: string; title?: unknown }>;
      const files = requested.map((entry) => ws.files.get(entry.id));
      // A file whose bytes never arrived cannot be completed.
      if (!files.every((f): f is StoredFile => f?.bytes !== undefined && !f.completed)) return fail('file_not_found');
      const comment = stringArg(args, 'initial_comment');
      files.forEach((file, i) => {
        const title = requested[i]?.title;
        if (typeof title === 'string') file.title = title;
        file.completed = true;
        if (channelId) file.channel_id = channelId;
        if (comment) file.initial_comment = comment;
      });
      if (channelId) shareInChannel(ws, channelId, files, comment, stringArg(args, 'thread_ts'));
      // A length that disagrees with the bytes usually means characters were counted, not bytes.
      const lengthMismatch = files.some((f) => f.bytes?.length !== f.declaredLength);
      return succeed({ files: files.map((f) => toApiFile(ws, f)) }, lengthMismatch ? 'length_mismatch' : undefined);
    },
  };
}

/** Stores the bytes POSTed to an upload URL; false when the URL names no pending upload. */
export function receiveUpload(ws: Workspace, fileId: string, bytes: Buffer): boolean {
  const file = ws.files.get(fileId);
  if (!file || file.completed) return false;
  file.bytes = bytes;
  return true;
}

/** Sharing a file posts a message carrying it, with the initial comment as its text. */
function shareInChannel(ws: Workspace, channel: string, files: StoredFile[], comment: string | undefined, threadTs: string | undefined): void {
  ws.messages.push({
    channel,
    ts: ws.nextTs(),
    user: ws.identity.botUserId,
    text: comment ?? '',
    files: files.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename })),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

function toApiFile(ws: Workspace, f: StoredFile): Record<string, unknown> {
  return {
    id: f.id,
    name: f.filename,
    title: f.title ?? f.filename,
    size: f.bytes?.length ?? 0,
    user: ws.identity.botUserId,
    channels: f.channel_id ? [f.channel_id] : [],
  };
}
