/** The simulator's public contract. Other engineers code against exactly these shapes. */

export interface SimUser {
  id: string;
  name?: string;
  email: string;
  messages?: Array<{ created: string; text: string }>;
}

/** e.g. permissions ['gdpr:request:add','gdpr:request:view','gdpr:subject:view','chat:setting:view'] */
export interface SimClient {
  id: string;
  secret: string;
  permissions: string[];
}

/** path is matched against the pathname (no query) */
export interface SimMatch {
  method?: string;
  path?: string | RegExp;
}

/** `times` defaults to 1; pass Infinity for "every matching request until clearFaults()". */
export type SimFault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number; times?: number; match?: SimMatch }
  | { kind: 'delay'; ms: number; times?: number; match?: SimMatch }
  /** destroy the socket without answering */
  | { kind: 'drop'; times?: number; match?: SimMatch }
  /** do the work (e.g. create the export), then destroy the socket: a lost answer */
  | { kind: 'drop-after-commit'; times?: number; match?: SimMatch };

export interface SimRequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** the query as received, except `sig` (a signed link's credential), which reads '[redacted]' */
  query: Record<string, string>;
  status: number | 'dropped';
  clientId?: string;
}

export interface SimExport {
  id: string;
  userId: string;
  clientId: string;
  createdAt: number;
  status: string;
  /** empty until the export is COMPLETED, as in the API */
  downloadIds: string[];
}

export interface SimulatorOptions {
  /** default 0 (ephemeral) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** default: defaultSimUsers() */
  users?: SimUser[];
  /** default: one client 'sim-client'/'sim-secret' with all four permissions */
  clients?: SimClient[];
  /** ms; default Date.now. Tests pass a controllable clock */
  clock?: { now(): number };
  /** default 86400 */
  tokenLifetimeSeconds?: number;
  /** creation → COMPLETED; default 5 min */
  exportDurationMs?: number | ((userId: string) => number);
  /** exports for these end in ERROR instead of COMPLETED */
  failUserIds?: string[];
  /** >1 → resultsUrls has several entries; default 1 */
  archivesPerExport?: number | ((userId: string) => number);
  /** after completion, downloads answer 404 after this; default 30 days */
  exportExpiryMs?: number;
  /** lifetime of minted signed links; default 60 s */
  signedUrlTtlMs?: number;
  /** override archive bytes (malformed-archive tests); undefined → the normal archive */
  archive?: (exp: SimExport, index: number) => Buffer | undefined;
  /** /api/v2/chats/settings messageRetentionPeriodDays, default 3650; older messages are left out of archives */
  retentionDays?: number;
  /** called after each request is logged (main.ts prints them) */
  onRequest?: (entry: SimRequestLogEntry) => void;
}

export interface GenesysSimulator {
  /** http://127.0.0.1:PORT — serves BOTH the API (/api/v2/...) and the login (/oauth/token) */
  readonly baseUrl: string;
  readonly apiUrl: string;
  readonly loginUrl: string;
  readonly log: SimRequestLogEntry[];
  /** current state (statuses computed from the clock), oldest first */
  exports(): SimExport[];
  /** faults apply in order to matching requests; `times` default 1 */
  inject(fault: SimFault): void;
  clearFaults(): void;
  /** every issued token now gets 401 */
  expireTokens(): void;
  /** its downloads now 404 */
  expireExport(requestId: string): void;
  setPermissions(clientId: string, permissions: string[]): void;
  addUser(u: SimUser): void;
  close(): Promise<void>;
}
