/**
 * The simulator's request log in words. Only method, path and status are used: a query can hold an
 * email address (the subject search) or a link's signature.
 */
import type { SimRequestLogEntry } from '../genesys-simulator/index.js';

const ROUTES: Array<{ method: string; path: RegExp; pattern: string; purpose: string }> = [
  { method: 'POST', path: /^\/oauth\/token$/, pattern: '/oauth/token', purpose: 'log in with client credentials' },
  { method: 'GET', path: /^\/api\/v2\/chats\/settings$/, pattern: '/api/v2/chats/settings', purpose: 'read the chat retention period' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/subjects$/, pattern: '/api/v2/gdpr/subjects', purpose: 'find a person by email' },
  { method: 'POST', path: /^\/api\/v2\/gdpr\/requests$/, pattern: '/api/v2/gdpr/requests', purpose: 'create a GDPR export request' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/requests$/, pattern: '/api/v2/gdpr/requests', purpose: 'list GDPR requests' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/requests\/[^/]+$/, pattern: '/api/v2/gdpr/requests/{id}', purpose: 'check an export’s status' },
  { method: 'GET', path: /^(\/platform)?\/api\/v2\/downloads\/[^/]+$/, pattern: '/api/v2/downloads/{id}', purpose: 'mint a short-lived signed link' },
  { method: 'GET', path: /^\/signed\/[^/]+$/, pattern: '/signed/{id}', purpose: 'download the archive with the signed link' },
];

export interface DescribedCall {
  /** "GET /api/v2/gdpr/requests/{id}" */
  route: string;
  purpose: string;
  status: number | 'dropped';
}

export function describeCall(entry: SimRequestLogEntry): DescribedCall {
  const known = ROUTES.find((r) => r.method === entry.method && r.path.test(entry.path));
  return {
    route: `${entry.method} ${known?.pattern ?? entry.path}`,
    purpose: known?.purpose ?? 'other call',
    status: entry.status,
  };
}

/** One line per run of identical calls: "GET /api/v2/gdpr/subjects ×2 → 200 (find a person by email)". */
export function summariseCalls(entries: readonly SimRequestLogEntry[]): string[] {
  const lines: string[] = [];
  let previous: DescribedCall | undefined;
  let count = 0;
  const flush = () => {
    if (previous) lines.push(`${previous.route}${count > 1 ? ` ×${count}` : ''} → ${previous.status}  (${previous.purpose})`);
  };
  for (const entry of entries) {
    const call = describeCall(entry);
    if (previous && previous.route === call.route && previous.status === call.status) {
      count += 1;
      continue;
    }
    flush();
    previous = call;
    count = 1;
  }
  flush();
  return lines;
}

/** Calls per route over the whole demo, most frequent first. */
export function countCalls(entries: readonly SimRequestLogEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const { route, purpose } = describeCall(entry);
    const key = `${route}  (${purpose})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${String(n).padStart(3)} × ${key}`);
}
