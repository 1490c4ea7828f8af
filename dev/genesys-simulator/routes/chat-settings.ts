/** GET /api/v2/chats/settings (reference §3, §7) */
import { authorize } from '../api-auth.js';
import type { SimContext } from '../context.js';
import { jsonResponse, type SimRequest, type SimResponse } from '../http-io.js';

export async function getChatSettings(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ['chat:setting:view', 'chat:setting:edit']);
  if (!auth.ok) return auth.response;
  return jsonResponse(200, { messageRetentionPeriodDays: ctx.settings.retentionDays, reactionsEnabled: true });
}
