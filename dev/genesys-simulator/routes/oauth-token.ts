/** POST /oauth/token, client-credentials grant (reference §2). OAuth-style error bodies, not ErrorBody. */
import { parseBasicAuth } from '../auth.js';
import type { SimContext } from '../context.js';
import { jsonResponse, mediaType, type SimRequest, type SimResponse } from '../http-io.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

function oauthError(status: number, error: string, description: string): SimResponse {
  return jsonResponse(status, { error, description }, NO_STORE);
}

export async function issueToken(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const credentials = parseBasicAuth(req.headers.authorization);
  const client = credentials ? ctx.clients.get(credentials.id) : undefined;
  if (!credentials || !client || client.secret !== credentials.secret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed: check the client id and secret, and the region.');
  }
  if (mediaType(req.headers) !== 'application/x-www-form-urlencoded') {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const grantType = new URLSearchParams(req.body.toString('utf8')).get('grant_type');
  if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported for this client.');
  }
  const { token, expiresInSeconds } = ctx.tokens.issue(client.id);
  return jsonResponse(200, { access_token: token, token_type: 'bearer', expires_in: expiresInSeconds }, NO_STORE);
}
