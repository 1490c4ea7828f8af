/**
 * startGenesysSimulator: one node:http server playing both login.<domain> and api.<domain>.
 * Each request: take a matching fault, read the body, route, then answer (or drop the socket).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTokenRegistry, parseBasicAuth, parseBearer } from './auth.js';
import type { SimContext, SimSettings } from './context.js';
import { defaultSimUsers } from './default-users.js';
import { createExportRegistry, toSimExport } from './export-registry.js';
import { createFaultQueue } from './faults.js';
import { BodyTooLargeError, genesysError, readBody, writeResponse, type SimRequest, type SimResponse } from './http-io.js';
import { findRoute, ROUTES } from './router.js';
import { createUrlSigner } from './signed-url.js';
import type { GenesysSimulator, SimClient, SimFault, SimRequestLogEntry, SimulatorOptions } from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BODY_LIMIT_BYTES = 1024 * 1024;

export const DEFAULT_SIM_CLIENT: SimClient = {
  id: 'sim-client',
  secret: 'sim-secret',
  permissions: ['gdpr:request:add', 'gdpr:request:view', 'gdpr:subject:view', 'chat:setting:view', 'directory:user:view'],
};

function perUser(value: number | ((userId: string) => number) | undefined, fallback: number): (userId: string) => number {
  if (typeof value === 'function') return value;
  return () => value ?? fallback;
}

function resolveSettings(options: SimulatorOptions): SimSettings {
  return {
    exportDurationMs: perUser(options.exportDurationMs, 5 * MINUTE_MS),
    archivesPerExport: perUser(options.archivesPerExport, 1),
    failUserIds: new Set(options.failUserIds ?? []),
    exportExpiryMs: options.exportExpiryMs ?? 30 * DAY_MS,
    retentionDays: options.retentionDays ?? 3650,
    ...(options.archive ? { archiveOverride: options.archive } : {}),
  };
}

/** what the request log may hold of a query: a signed link's signature is a credential */
function loggableQuery(query: URLSearchParams): Record<string, string> {
  const out = Object.fromEntries(query);
  if ('sig' in out) out.sig = '[redacted]';
  return out;
}

/** the OAuth client behind a request, for the log: its bearer token, or valid Basic credentials */
function identifyClient(req: IncomingMessage, ctx: SimContext): string | undefined {
  const token = parseBearer(req.headers.authorization);
  if (token !== undefined) return ctx.tokens.resolve(token);
  const basic = parseBasicAuth(req.headers.authorization);
  const client = basic ? ctx.clients.get(basic.id) : undefined;
  return client && basic && client.secret === basic.secret ? client.id : undefined;
}

function faultResponse(fault: Extract<SimFault, { kind: 'status' }>): SimResponse {
  const headers: Record<string, string> =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  if (fault.status === 429) {
    const wait = fault.retryAfterSeconds ?? 1;
    return genesysError(429, 'too.many.requests.retry.after', `Rate limit exceeded the maximum. Retry the request in [${wait}] seconds`, {
      headers,
    });
  }
  const codes = { 500: 'internal.server.error', 502: 'bad.gateway', 503: 'service.unavailable', 504: 'gateway.timeout' } as const;
  return genesysError(fault.status, codes[fault.status], 'The service is temporarily unable to answer. Try again later.', { headers });
}

/** route a request to its handler; unknown routes and handler failures become Genesys-style errors */
async function dispatch(ctx: SimContext, req: Omit<SimRequest, 'params'>): Promise<SimResponse> {
  const route = findRoute(ROUTES, req.method, req.path);
  if (route.kind === 'not-found') return genesysError(404, 'not.found', 'The requested resource was not found.');
  if (route.kind === 'method-not-allowed') {
    return genesysError(405, 'method.not.allowed', `${req.method} is not supported on this resource.`);
  }
  try {
    return await route.handler({ ...req, params: route.params }, ctx);
  } catch (e) {
    // a simulator bug: say so without echoing anything the request carried
    console.error('genesys-simulator: handler failed', req.method, req.path, e instanceof Error ? e.name : typeof e);
    return genesysError(500, 'internal.server.error', 'The simulator failed to handle the request.');
  }
}

export async function startGenesysSimulator(options: SimulatorOptions = {}): Promise<GenesysSimulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const ctx: SimContext = {
    clock,
    baseUrl: '',
    users: new Map((options.users ?? defaultSimUsers()).map((u) => [u.id, structuredClone(u)])),
    clients: new Map((options.clients ?? [DEFAULT_SIM_CLIENT]).map((c) => [c.id, { ...c, permissions: [...c.permissions] }])),
    tokens: createTokenRegistry(clock, options.tokenLifetimeSeconds ?? 86_400),
    exports: createExportRegistry(),
    signer: createUrlSigner(clock, options.signedUrlTtlMs ?? MINUTE_MS),
    settings: resolveSettings(options),
    archiveCache: new Map(),
  };
  const faults = createFaultQueue();
  const log: SimRequestLogEntry[] = [];
  const closing = new AbortController();
  let closed: Promise<void> | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = clock.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record = (status: number | 'dropped') => {
      const clientId = identifyClient(req, ctx);
      const entry: SimRequestLogEntry = {
        at,
        method,
        path: url.pathname,
        query: loggableQuery(url.searchParams),
        status,
        ...(clientId !== undefined ? { clientId } : {}),
      };
      log.push(entry);
      options.onRequest?.(entry);
    };
    const answer = (response: SimResponse) => {
      writeResponse(res, response, randomUUID(), method === 'HEAD');
      record(response.status);
    };
    const drop = () => {
      req.socket.destroy();
      record('dropped');
    };

    const fault = faults.take(method, url.pathname);
    if (fault?.kind === 'drop') return drop();
    if (fault?.kind === 'status') {
      req.resume();
      return answer(faultResponse(fault));
    }
    if (fault?.kind === 'delay') {
      try {
        await sleep(fault.ms, undefined, { signal: closing.signal });
      } catch {
        return drop(); // the simulator is closing
      }
    }

    let body: Buffer;
    try {
      body = await readBody(req, BODY_LIMIT_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return answer(genesysError(413, 'request.entity.too.large', 'The request body is too large.'));
      return drop(); // the client went away mid-body
    }

    const response = await dispatch(ctx, { method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
    if (fault?.kind === 'drop-after-commit') return drop();
    answer(response);
  }

  const server = createServer((req, res) => {
    // a failure outside the handlers (a write to a closed socket) must not become an unhandled rejection
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  ctx.baseUrl = `http://${urlHost(address)}:${port}`;

  return {
    baseUrl: ctx.baseUrl,
    apiUrl: ctx.baseUrl,
    loginUrl: ctx.baseUrl,
    log,
    exports: () => ctx.exports.all().map((r) => toSimExport(r, clock.now())),
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    expireTokens: () => ctx.tokens.expireAll(),
    expireExport(requestId) {
      const record = ctx.exports.get(requestId);
      if (!record) throw new Error(`expireExport: no export with id ${requestId}`);
      record.expiredManually = true;
    },
    setPermissions(clientId, permissions) {
      const client = ctx.clients.get(clientId);
      if (!client) throw new Error(`setPermissions: no client with id ${clientId}`);
      client.permissions = [...permissions];
    },
    addUser: (u) => void ctx.users.set(u.id, structuredClone(u)),
    close() {
      // idempotent, so a test may close early and its teardown close again
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** a wildcard listen address is reached through loopback; IPv6 needs brackets */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}
