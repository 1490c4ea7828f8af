/**
 * GET /signed/{downloadId}?expires&sig: the storage side of a signed link. No bearer token; errors
 * look like the object store's (XML), not like the Genesys API's.
 */
import { archiveFileName } from '../archive.js';
import { parseByteRange } from '../byte-range.js';
import type { SimContext } from '../context.js';
import { loadArchive } from '../export-archives.js';
import { completedAt, isDownloadable } from '../export-registry.js';
import type { SimRequest, SimResponse } from '../http-io.js';

function storageError(status: number, code: string, message: string): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}

export async function serveSignedDownload(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const downloadId = req.params.downloadId ?? '';
  const check = ctx.signer.check(downloadId, req.query.get('expires'), req.query.get('sig'));
  if (check === 'bad-signature') {
    return storageError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  if (check === 'expired') return storageError(403, 'AccessDenied', 'Request has expired');

  const found = ctx.exports.findByDownloadId(downloadId);
  if (!found || !isDownloadable(found.record, ctx.clock.now(), ctx.settings.exportExpiryMs)) {
    return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
  }
  const bytes = await loadArchive(ctx, found.record, found.index);
  const headers = {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${archiveFileName(found.record.id, new Date(completedAt(found.record)))}"`,
    'Accept-Ranges': 'bytes',
  };
  const range = parseByteRange(req.headers.range, bytes.length);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { 'Content-Range': `bytes */${bytes.length}` } };
  }
  if (range.kind === 'range') {
    return {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}` },
      body: bytes.subarray(range.start, range.end + 1),
    };
  }
  return { status: 200, headers, body: bytes };
}
