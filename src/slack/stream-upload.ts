/**
 * Slack's external upload flow with the file bytes streamed from disk: files.getUploadURLExternal,
 * a raw POST of the bytes to the returned URL, then files.completeUploadExternal to share them
 * all in one message. @slack/web-api's filesUploadV2 would read every stream into one Buffer
 * first, which for a large timeline is hundreds of megabytes.
 */
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';

export interface StreamedUpload {
  /** the bytes, opened when they are sent */
  open: () => Readable;
  /** exact byte length (Slack checks it) */
  length: number;
  filename: string;
  title: string;
}

export interface StreamedUploadRequest {
  channel_id: string;
  initial_comment: string;
  file_uploads: StreamedUpload[];
}

/** Uploads and shares the files; resolves their Slack file ids. */
export async function uploadStreamed(client: WebClient, request: StreamedUploadRequest, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const ids: Array<{ id: string; title: string }> = [];
  for (const upload of request.file_uploads) {
    const target = await client.files.getUploadURLExternal({ filename: upload.filename, length: upload.length });
    if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
    const response = await fetchImpl(target.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(upload.length) },
      body: Readable.toWeb(upload.open()) as ReadableStream<Uint8Array>,
      duplex: 'half',
    });
    await response.body?.cancel().catch(() => undefined);
    // the upload URL is a secret-bearing link: name the file, never the URL
    if (response.status !== 200) throw new Error(`Uploading ${upload.filename} to Slack failed (HTTP ${response.status}).`);
    ids.push({ id: target.file_id, title: upload.title });
  }
  await client.files.completeUploadExternal({ files: ids as [{ id: string; title: string }], channel_id: request.channel_id, initial_comment: request.initial_comment });
  return ids.map((f) => f.id);
}
