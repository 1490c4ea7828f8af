/**
 * GET /api/v2/downloads/{downloadId} (reference §14). The results URL is an API endpoint needing a
 * token; it answers with (or redirects to) a short-lived signed link. Also served under
 * /platform/api/v2/downloads, the form results URLs take.
 */
import { authorize } from '../api-auth.js';
import type { SimContext } from '../context.js';
import { isDownloadable } from '../export-registry.js';
import { genesysError, jsonResponse, type SimRequest, type SimResponse } from '../http-io.js';

const ANY_GDPR_PERMISSION = ['gdpr:request:view', 'gdpr:request:add', 'gdpr:subject:view'];

export async function resolveDownload(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ANY_GDPR_PERMISSION);
  if (!auth.ok) return auth.response;
  const downloadId = req.params.downloadId ?? '';
  const found = ctx.exports.findByDownloadId(downloadId);
  if (!found || !isDownloadable(found.record, ctx.clock.now(), ctx.settings.exportExpiryMs)) {
    return genesysError(404, 'not.found', 'The download was not found or has expired.');
  }
  const url = `${ctx.baseUrl}${ctx.signer.mint(downloadId)}`;
  if (req.query.get('issueRedirect')?.toLowerCase() === 'false') return jsonResponse(200, { url });
  return { status: 303, headers: { Location: url } };
}
