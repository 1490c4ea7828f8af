/**
 * The operator's HTTP routes: /healthz (alive, and which version), /readyz (store and Genesys
 * token usable) and /metrics (Prometheus). They are Bolt-style custom routes, so the same list is
 * served by Bolt's HTTP receiver or, in Socket Mode or on METRICS_PORT, by a small server of ours.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../metrics.js';
import type { WorkflowStore } from '../workflow/ports.js';

/** what /readyz asks of the Genesys client */
export interface GenesysReadiness {
  tokenUsable(): boolean;
  verifyCredentials(): Promise<unknown>;
}

export interface OpsRoutesOptions {
  version: string;
  /** false until the app has started, and again once it stops */
  isStarted: () => boolean;
  store: Pick<WorkflowStore, 'ping'>;
  genesys: GenesysReadiness;
  metrics: Pick<Metrics, 'registry'>;
}

export interface OpsRoutes {
  /** /healthz and /readyz */
  health: CustomRoute[];
  /** /metrics */
  metrics: CustomRoute[];
}

export function opsRoutes(options: OpsRoutesOptions): OpsRoutes {
  const { version, isStarted, store, genesys, metrics } = options;
  return {
    health: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          const started = isStarted();
          respond(res, started ? 200 : 503, JSON.stringify({ status: started ? 'ok' : 'starting', version }), 'application/json');
        },
      },
      {
        path: '/readyz',
        method: ['GET'],
        handler: (_req, res) => {
          void readiness(store, genesys).then(({ ok, checks }) => {
            const ready = ok && isStarted();
            respond(res, ready ? 200 : 503, JSON.stringify({ ready, checks }), 'application/json');
          });
        },
      },
    ],
    metrics: [
      {
        path: '/metrics',
        method: ['GET'],
        handler: (_req, res) => {
          void metrics.registry.metrics().then((body) => respond(res, 200, body, metrics.registry.contentType));
        },
      },
    ],
  };
}

async function readiness(store: Pick<WorkflowStore, 'ping'>, genesys: GenesysReadiness) {
  const storeOk = await store.ping().catch(() => false);
  let genesysOk = genesys.tokenUsable();
  if (!genesysOk) genesysOk = await genesys.verifyCredentials().then(() => true, () => false);
  return { ok: storeOk && genesysOk, checks: { store: storeOk, genesysToken: genesysOk } };
}

/** A plain HTTP server for Bolt-style custom routes (exact path and method), listening on port. */
export async function listenForRoutes(routes: CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? 'GET'));
    if (route) return void route.handler(Object.assign(req, { params: {} }), res);
    respond(res, 404, 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Closes a server and the connections it holds; a server that never listened is fine. */
export function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function respond(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
