/**
 * GET /api/v2/users/{userId}: the user's name, which the bot shows on approval cards for a person
 * typed by Genesys id. Optional for the bot: without the permission it says the name is unknown.
 */
import { authorize } from '../api-auth.js';
import type { SimContext } from '../context.js';
import { genesysError, jsonResponse, type SimRequest, type SimResponse } from '../http-io.js';

export const USER_VIEW_PERMISSION = 'directory:user:view';

export async function getUser(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, [USER_VIEW_PERMISSION]);
  if (!auth.ok) return auth.response;
  const user = ctx.users.get(req.params.userId?.toLowerCase() ?? '');
  if (!user) return genesysError(404, 'not.found', 'The requested user was not found.');
  return jsonResponse(200, { id: user.id, ...(user.name !== undefined ? { name: user.name } : {}), state: 'active', selfUri: `/api/v2/users/${user.id}` });
}
