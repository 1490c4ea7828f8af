/** Shared helpers for the simulator tests: a hand-driven clock, tokens, API calls and unzipping. */
import yauzl from 'yauzl';
import type { GenesysSimulator } from '../../dev/genesys-simulator/index.js';

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2025-06-01T12:00:00.000Z')): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export function requestToken(sim: GenesysSimulator, id = 'sim-client', secret = 'sim-secret', body = 'grant_type=client_credentials') {
  return fetch(`${sim.loginUrl}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: basic(id, secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function getToken(sim: GenesysSimulator, id = 'sim-client', secret = 'sim-secret'): Promise<string> {
  const res = await requestToken(sim, id, secret);
  if (res.status !== 200) throw new Error(`token request answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function apiGet(sim: GenesysSimulator, token: string | undefined, pathAndQuery: string, init: RequestInit = {}) {
  return fetch(`${sim.apiUrl}${pathAndQuery}`, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
}

export function createExport(sim: GenesysSimulator, token: string, body: unknown, query = '') {
  return fetch(`${sim.apiUrl}/api/v2/gdpr/requests${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface GdprRequestJson {
  id: string;
  status: string;
  requestType: string;
  createdDate: string;
  subject: { userId: string; name?: string };
  createdBy: { id: string; name?: string };
  resultsUrl?: string;
  resultsUrls?: string[];
  selfUri: string;
}

export async function exportFor(sim: GenesysSimulator, token: string, userId: string): Promise<GdprRequestJson> {
  const res = await createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId } });
  if (res.status !== 200) throw new Error(`export creation answered ${res.status}`);
  return (await res.json()) as GdprRequestJson;
}

export interface GenesysErrorJson {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: Array<{ errorCode?: string; fieldName?: string }>;
  errors: unknown[];
}

/** every entry of a ZIP, decoded as UTF-8, in archive order */
export function unzipEntries(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('no zip file'));
      const entries = new Map<string, string>();
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}
