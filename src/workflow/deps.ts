/** What the workflow is built from: its settings and the ports it talks to the world through. */
import type { Logger } from '../logger.js';
import type { Clock, GenesysPort, IdentityPort, MembershipPort, WorkflowStore } from './ports.js';

export interface WorkflowConfig {
  requesters: string[];
  approvers: string[];
  /** read-only oversight (GDPR_AUDITORS); absent or empty: nobody */
  auditors?: string[];
  requireApproval: boolean;
  maxSubjects: number;
  approvalTtlHours: number;
  pollIntervalSeconds: number;
  pollMaxIntervalSeconds: number;
  recordRetentionDays: number;
  auditRetentionDays: number;
  /** AUDIT_SIGNING_KEY: signs the checkpoints audit purges leave (HMAC-SHA256); unsigned when absent */
  auditSigningKey?: string;
  /** days before a DSAR's due date the requester is reminded (DUE_REMINDER_DAYS); default 7 and 1 */
  dueReminderDays?: number[];
  /**
   * Who oversees every case (users and groups), told of overdue cases with the approvers. Empty
   * today: the oversight role (GDPR_AUDITORS) plugs in here.
   */
  oversight?: string[];
}

export interface WorkflowDeps {
  store: WorkflowStore;
  genesys: GenesysPort;
  membership: MembershipPort;
  /** who approvers are in Genesys, to tell a subject typed by email or id; without it only Slack ids match */
  identity?: IdentityPort;
  clock: Clock;
  logger: Logger;
  config: WorkflowConfig;
  /** [0, 1); for poll jitter. Defaults to Math.random */
  random?: () => number;
}
