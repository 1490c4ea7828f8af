/** Public entry of the Genesys Cloud GDPR API simulator (see README.md). */
export type {
  GenesysSimulator,
  SimClient,
  SimExport,
  SimFault,
  SimMatch,
  SimRequestLogEntry,
  SimulatorOptions,
  SimUser,
} from './types.js';
export { startGenesysSimulator, DEFAULT_SIM_CLIENT } from './server.js';
export { buildExportArchive, formatRealtimeMessages, archiveFileName, REALTIME_MESSAGES_ENTRY } from './archive.js';
export type { ExportArchiveInput } from './archive.js';
export { defaultSimUsers } from './default-users.js';
