/**
 * The simulator's request log in words. Only method, path and status are used: a query can hold an
 * email address (the subject search) or a link's signature.
 */
import type { SimRequestLogEntry } from '../genesys-simulator/index.js';
import type { CallPurpose } from './demo-words.js';

/** What each kind of call is for, in the transcript's language. */
export type CallPurposes = Record<CallPurpose, string>;

const ROUTES: Array<{ method: string; path: RegExp; pattern: string; purpose: CallPurpose }> = [
  { method: 'POST', path: /^\/oauth\/token$/, pattern: '/oauth/token', purpose: 'login' },
  { method: 'GET', path: /^\/api\/v2\/chats\/settings$/, pattern: '/api/v2/chats/settings', purpose: 'retention' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/subjects$/, pattern: '/api/v2/gdpr/subjects', purpose: 'findPerson' },
  { method: 'POST', path: /^\/api\/v2\/gdpr\/requests$/, pattern: '/api/v2/gdpr/requests', purpose: 'createExport' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/requests$/, pattern: '/api/v2/gdpr/requests', purpose: 'listExports' },
  { method: 'GET', path: /^\/api\/v2\/gdpr\/requests\/[^/]+$/, pattern: '/api/v2/gdpr/requests/{id}', purpose: 'checkStatus' },
  { method: 'GET', path: /^(\/platform)?\/api\/v2\/downloads\/[^/]+$/, pattern: '/api/v2/downloads/{id}', purpose: 'mintLink' },
  { method: 'GET', path: /^\/signed\/[^/]+$/, pattern: '/signed/{id}', purpose: 'download' },
];

export interface DescribedCall {
  /** "GET /api/v2/gdpr/requests/{id}" */
  route: string;
  purpose: string;
  status: number | 'dropped';
}

export function describeCall(entry: SimRequestLogEntry, purposes: CallPurposes): DescribedCall {
  const known = ROUTES.find((r) => r.method === entry.method && r.path.test(entry.path));
  return {
    route: `${entry.method} ${known?.pattern ?? entry.path}`,
    purpose: purposes[known?.purpose ?? 'other'],
    status: entry.status,
  };
}

/** One line per run of identical calls: "GET /api/v2/gdpr/subjects ×2 → 200 (find a person by email)". */
export function summariseCalls(entries: readonly SimRequestLogEntry[], purposes: CallPurposes): string[] {
  const lines: string[] = [];
  let previous: DescribedCall | undefined;
  let count = 0;
  const flush = () => {
    if (previous) lines.push(`${previous.route}${count > 1 ? ` ×${count}` : ''} → ${previous.status}  (${previous.purpose})`);
  };
  for (const entry of entries) {
    const call = describeCall(entry, purposes);
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
export function countCalls(entries: readonly SimRequestLogEntry[], purposes: CallPurposes): string[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const { route, purpose } = describeCall(entry, purposes);
    const key = `${route}  (${purpose})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${String(n).padStart(3)} × ${key}`);
}
