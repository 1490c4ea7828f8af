/** The route table: method + path pattern → handler. `:name` segments become params. */
import type { SimContext } from './context.js';
import type { SimRequest, SimResponse } from './http-io.js';
import { getChatSettings } from './routes/chat-settings.js';
import { resolveDownload } from './routes/downloads.js';
import { createGdprRequest, getGdprRequest, listGdprRequests } from './routes/gdpr-requests.js';
import { searchGdprSubjects } from './routes/gdpr-subjects.js';
import { issueToken } from './routes/oauth-token.js';
import { serveSignedDownload } from './routes/signed-download.js';
import { getUser } from './routes/users.js';

export type Handler = (req: SimRequest, ctx: SimContext) => Promise<SimResponse>;

interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/oauth/token', handler: issueToken },
  { method: 'POST', pattern: '/api/v2/gdpr/requests', handler: createGdprRequest },
  { method: 'GET', pattern: '/api/v2/gdpr/requests', handler: listGdprRequests },
  { method: 'GET', pattern: '/api/v2/gdpr/requests/:requestId', handler: getGdprRequest },
  { method: 'GET', pattern: '/api/v2/gdpr/subjects', handler: searchGdprSubjects },
  { method: 'GET', pattern: '/api/v2/downloads/:downloadId', handler: resolveDownload },
  { method: 'GET', pattern: '/platform/api/v2/downloads/:downloadId', handler: resolveDownload },
  { method: 'GET', pattern: '/api/v2/chats/settings', handler: getChatSettings },
  { method: 'GET', pattern: '/api/v2/users/:userId', handler: getUser },
  { method: 'GET', pattern: '/signed/:downloadId', handler: serveSignedDownload },
];

export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** HEAD is answered like GET (without the body) */
export function findRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const effective = method === 'HEAD' ? 'GET' : method;
  let pathKnown = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === effective) return { kind: 'found', handler: route.handler, params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
