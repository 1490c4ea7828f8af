/**
 * Routes the fake's HTTP requests: Web API methods under /api/, response_url POSTs under
 * /response/, file bytes under /upload/. Every request is recorded, faults are applied first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog, RecordedCall } from './call-log.js';
import type { MethodFaults } from './faults.js';
import { receiveUpload } from './file-methods.js';
import type { MethodHandler, MethodResult, SlackArgs } from './method-result.js';
import { fail } from './method-result.js';
import { bearerToken, parseArgs, readBody, withoutToken } from './request-args.js';
import { answerResponseUrl } from './response-urls.js';
import { scopeNeeded } from './scopes.js';
import type { Workspace } from './workspace.js';

/** The recorded method name for POSTs to a response_url. */
export const RESPONSE_URL_METHOD = 'response_url';
const SOCKET_OPEN_METHOD = 'apps.connections.open';
/** The recorded method name for POSTs to an upload URL from files.getUploadURLExternal. */
export const FILE_UPLOAD_METHOD = 'file_upload';

export interface RouterDeps {
  ws: Workspace;
  log: CallLog;
  faults: MethodFaults;
  handlers: Record<string, MethodHandler>;
  /** aborts pending setDelay waits when the server closes, so no timer outlives it */
  shutdown: AbortSignal;
  /** apps.connections.open, which takes the app-level token instead of the bot token */
  openSocketConnection: (token: string | undefined) => MethodResult;
}

export function createRequestRouter({ ws, log, faults, handlers, shutdown, openSocketConnection }: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const scopes = ws.identity.scopes;

  function record(method: string, args: SlackArgs, at: number, result: MethodResult): void {
    const call: RecordedCall = { method, args: withoutToken(args), at, ok: result.body.ok };
    if (result.body.error !== undefined) call.error = result.body.error;
    if (result.warning !== undefined) call.warning = result.warning;
    if (typeof result.body.needed === 'string') call.needed = result.body.needed;
    log.record(call);
  }

  /** Latency and 429s come first: Slack's rate limiter answers before it looks at the request. */
  async function answeredByNetworkFault(method: string, args: SlackArgs, at: number, res: ServerResponse): Promise<boolean> {
    const delay = faults.delayFor(method);
    if (delay > 0) {
      try {
        await sleep(delay, undefined, { signal: shutdown });
      } catch {
        return true; // closing: the connection is being torn down anyway
      }
    }
    const retryAfter = faults.takeRateLimit(method);
    if (retryAfter === undefined) return false;
    const limited = fail('ratelimited');
    record(method, args, at, limited);
    sendJson(res, 429, limited.body, { 'Retry-After': String(retryAfter) });
    return true;
  }

  async function serveMethod(method: string, req: IncomingMessage, body: Buffer, res: ServerResponse, at: number): Promise<void> {
    const parsed = parseArgs(body, req.headers['content-type']);
    const args = parsed.ok ? parsed.args : {};
    if (await answeredByNetworkFault(method, args, at, res)) return;
    const result = parsed.ok ? callMethod(method, args, bearerToken(req.headers.authorization)) : fail(parsed.error);
    record(method, args, at, result);
    // an app-level token holds app scopes, not the bot's
    sendJson(res, 200, result.body, { 'x-oauth-scopes': method === SOCKET_OPEN_METHOD ? 'connections:write' : scopes.join(',') });
  }

  function callMethod(method: string, args: SlackArgs, headerToken: string | undefined): MethodResult {
    const token = headerToken ?? (typeof args.token === 'string' ? args.token : undefined);
    if (method === SOCKET_OPEN_METHOD) {
      const injected = faults.takeFailure(method);
      return injected !== undefined ? fail(injected) : openSocketConnection(token);
    }
    if (token !== ws.identity.botToken) return fail('invalid_auth');
    const handler = handlers[method];
    if (!handler) return fail('unknown_method');
    const injected = faults.takeFailure(method);
    if (injected !== undefined) return fail(injected);
    const needed = scopeNeeded(method, args);
    if (needed && !scopes.includes(needed)) return fail('missing_scope', { needed, provided: scopes.join(',') });
    return handler(args);
  }

  async function serveResponseUrl(id: string, req: IncomingMessage, body: Buffer, res: ServerResponse, at: number): Promise<void> {
    const parsed = parseArgs(body, req.headers['content-type']);
    const args = { ...(parsed.ok ? parsed.args : {}), response_url: `${ws.baseUrl}response/${id}` };
    if (await answeredByNetworkFault(RESPONSE_URL_METHOD, args, at, res)) return;
    const injected = faults.takeFailure(RESPONSE_URL_METHOD);
    const result = !parsed.ok ? fail(parsed.error) : injected !== undefined ? fail(injected) : answerResponseUrl(ws, id, args);
    record(RESPONSE_URL_METHOD, args, at, result);
    // An armed failure stands for an expired or used-up URL, which Slack answers with 404.
    const status = result.body.ok ? 200 : injected !== undefined ? 404 : 400;
    sendJson(res, status, result.body);
  }

  async function serveUpload(fileId: string, req: IncomingMessage, body: Buffer, res: ServerResponse, at: number): Promise<void> {
    const bytes = await uploadedBytes(body, req.headers['content-type']);
    const args = { file_id: fileId, length: bytes.length };
    if (await answeredByNetworkFault(FILE_UPLOAD_METHOD, args, at, res)) return;
    const injected = faults.takeFailure(FILE_UPLOAD_METHOD);
    const result = injected !== undefined ? fail(injected) : receiveUpload(ws, fileId, bytes) ? { body: { ok: true } } : fail('file_not_found');
    record(FILE_UPLOAD_METHOD, args, at, result);
    if (result.body.ok) sendText(res, 200, `OK - ${bytes.length}`);
    else sendText(res, injected !== undefined ? 500 : 404, result.body.error ?? 'error');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const path = new URL(req.url ?? '/', 'http://fake-slack').pathname;
    const [, area, name, ...rest] = path.split('/');
    const body = await readBody(req);
    if (req.method !== 'POST') return sendText(res, 405, 'The fake Slack answers POST only, like the Web API clients use.');
    if (!name || rest.length > 0) return sendText(res, 404, `No route for ${path}`);
    if (area === 'api') return serveMethod(name, req, body, res, at);
    if (area === 'response') return serveResponseUrl(name, req, body, res, at);
    if (area === 'upload') return serveUpload(name, req, body, res, at);
    return sendText(res, 404, `No route for ${path}`);
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => sendJson(res, 500, { ok: false, error: 'fake_slack_internal_error', detail: String(error) }));
  };
}

/** filesUploadV2 sends the bytes as multipart/form-data; other clients POST them raw. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
