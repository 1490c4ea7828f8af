/** What the worker's steps share: the ports, the settings, and an audit writer. */
import type { Logger } from '../logger.js';
import type { AuditDraft } from './audit.js';
import type { PollSchedule } from './backoff.js';
import type { WorkflowConfig } from './deps.js';
import type { Clock, GenesysPort, WorkflowStore } from './ports.js';

export interface StepContext {
  store: WorkflowStore;
  genesys: GenesysPort;
  clock: Clock;
  logger: Logger;
  config: WorkflowConfig;
  random: () => number;
  audit(entry: AuditDraft): Promise<void>;
}

export function pollSchedule(config: WorkflowConfig): PollSchedule {
  return { intervalSeconds: config.pollIntervalSeconds, maxIntervalSeconds: config.pollMaxIntervalSeconds };
}

/** What a log line may say about an error: codes for ours, name and message for anything else. */
export function errorForLog(e: unknown): Record<string, unknown> {
  if (hasToLog(e)) return e.toLog();
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { value: String(e) };
}

function hasToLog(e: unknown): e is { toLog(): Record<string, unknown> } {
  return e !== null && typeof e === 'object' && 'toLog' in e && typeof e.toLog === 'function';
}
