/** What every route handler may read: the simulator's state and its resolved settings. */
import type { TokenRegistry } from './auth.js';
import type { ExportRegistry } from './export-registry.js';
import type { UrlSigner } from './signed-url.js';
import type { SimClient, SimExport, SimUser } from './types.js';

export interface SimSettings {
  exportDurationMs(userId: string): number;
  archivesPerExport(userId: string): number;
  failUserIds: ReadonlySet<string>;
  exportExpiryMs: number;
  retentionDays: number;
  archiveOverride?: (exp: SimExport, index: number) => Buffer | undefined;
}

export interface SimContext {
  readonly clock: { now(): number };
  /** known once the server listens; read at request time */
  baseUrl: string;
  /** by id, in insertion order (two users may share an email, never an id) */
  readonly users: Map<string, SimUser>;
  readonly clients: Map<string, SimClient>;
  readonly tokens: TokenRegistry;
  readonly exports: ExportRegistry;
  readonly signer: UrlSigner;
  readonly settings: SimSettings;
  /** archives are built once per download id, so repeated and ranged downloads see the same bytes */
  readonly archiveCache: Map<string, Promise<Buffer>>;
}
