/** Bearer-token and permission checks for /api/v2 (reference §2, §5). */
import { hasAnyPermission, parseBearer } from './auth.js';
import type { SimContext } from './context.js';
import { genesysError, type SimRequest, type SimResponse } from './http-io.js';

export type Authorization = { ok: true; clientId: string } | { ok: false; response: SimResponse };

/** `anyOf`: the operation's permissions, any one of which is enough */
export function authorize(req: SimRequest, ctx: SimContext, anyOf: readonly string[]): Authorization {
  const token = parseBearer(req.headers.authorization);
  if (token === undefined) {
    return {
      ok: false,
      response: genesysError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.'),
    };
  }
  const clientId = ctx.tokens.resolve(token);
  const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
  if (!client) {
    return { ok: false, response: genesysError(401, 'bad.credentials', 'Invalid login credentials.') };
  }
  if (!hasAnyPermission(client.permissions, anyOf)) {
    const named = anyOf.join(' or ');
    return {
      ok: false,
      response: genesysError(403, 'missing.permissions', `Missing required permission: ${named}`, {
        messageParams: { permissions: named },
      }),
    };
  }
  return { ok: true, clientId: client.id };
}
