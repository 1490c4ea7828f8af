/**
 * A small HTTP forwarder between the bot and a fake, for what the fakes do not offer themselves:
 * answering a method the fake Slack lacks (conversations.replies), and seeing the OAuth tokens the
 * Genesys simulator issues (so the secrets check can look for them). Bodies are buffered; a request
 * the bot abandons (it was killed) still reaches the fake, as it would reach Slack or Genesys.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ForwardingProxyOptions {
  /** http://127.0.0.1:PORT of the fake; the request path is kept */
  target: string;
  /** answer here instead of forwarding */
  intercept?: (req: ProxiedRequest) => ProxiedResponse | undefined;
  /** sees each forwarded exchange */
  onResponse?: (req: ProxiedRequest, res: ProxiedResponse) => void;
}

export interface ForwardingProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  close(): Promise<void>;
}

export async function startForwardingProxy(options: ForwardingProxyOptions): Promise<ForwardingProxy> {
  const target = new URL(options.target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const incoming: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      const local = options.intercept?.(incoming);
      if (local) {
        if (!res.destroyed) res.writeHead(local.status, local.headers).end(local.body);
        return;
      }
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const upstream = request(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.path, headers, agent: false },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('error', () => res.destroy());
          up.on('end', () => {
            const out: ProxiedResponse = { status: up.statusCode ?? 502, headers: flatHeaders(up.headers), body: Buffer.concat(body) };
            options.onResponse?.(incoming, out);
            if (res.destroyed) return;
            delete out.headers['transfer-encoding'];
            delete out.headers.connection;
            res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) }).end(out.body);
          });
        },
      );
      // the fake dropped the connection (a simulated network fault): drop ours too
      upstream.on('error', () => res.destroy());
      upstream.end(incoming.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

