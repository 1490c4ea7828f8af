/**
 * Who and what the benchmarks run with: Slack identities, a configuration built by the real schema
 * (so defaults such as POLL_INTERVAL_SECONDS are the shipped ones), and the workflow's small ports.
 */
import { DEFAULT_BOT_TOKEN, DEFAULT_TEAM_ID } from '../../dev/fake-slack/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { ExportCase, Notification } from '../../src/workflow/model.js';
import type { Clock, MembershipPort, NotifierPort } from '../../src/workflow/ports.js';

export const TEAM = DEFAULT_TEAM_ID;
export const REQUESTER = 'U0REQUESTER';
export const APPROVER = 'U0APPROVER';
export const ALICE = 'U0ALICE';
export const SIGNING_SECRET = 'bench-signing-secret';
export const SIM_CLIENT = { id: 'sim-client', secret: 'sim-secret' } as const;

export const silentLogger = createLogger({ level: 'silent' });

/** The environment a bench passes to loadConfig: required settings, everything else at its default. */
export function benchEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    GENESYS_CLIENT_ID: SIM_CLIENT.id,
    GENESYS_CLIENT_SECRET: SIM_CLIENT.secret,
    GDPR_REQUESTERS: REQUESTER,
    GDPR_APPROVERS: APPROVER,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

export function benchConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(benchEnv(overrides));
}

/**
 * The bot's configuration against the remote fakes and a Redis prefix of its own. The Genesys
 * budget is out of the way: a command's follow-up (the retention period) calls Genesys once, and a
 * budget this load exhausts would only delay that follow-up.
 */
export function configAgainstFakes(fakes: { slackUrl: string; simApiUrl: string; simLoginUrl: string }, redisUrl: string, prefix: string): Config {
  return benchConfig({
    PORT: '0',
    SLACK_API_URL: fakes.slackUrl,
    SLACK_TEAM_ID: TEAM,
    GENESYS_API_URL: fakes.simApiUrl,
    GENESYS_LOGIN_URL: fakes.simLoginUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    GENESYS_MAX_CALLS_PER_MINUTE: '10000',
  });
}

/** Membership by plain user ids (no groups): what the workflow asks Slack for, answered locally. */
export const staticMembership: MembershipPort = {
  isMember: async (userId, ids) => ids.includes(userId),
  expand: async (ids) => [...ids],
};

export interface Delivery {
  kind: Notification['kind'];
  caseId: string;
  subjectId?: string;
  /** on the benchmark's clock */
  at: number;
}

/** Records every delivery and when it happened; never fails. */
export class RecordingNotifier implements NotifierPort {
  readonly delivered: Delivery[] = [];

  constructor(private readonly clock: Clock) {}

  async deliver(n: Notification, _c: ExportCase): Promise<void> {
    this.delivered.push({ kind: n.kind, caseId: n.caseId, subjectId: n.subjectId, at: this.clock.now().getTime() });
  }

  first(kind: Notification['kind']): Delivery | undefined {
    return this.delivered.find((d) => d.kind === kind);
  }
}
