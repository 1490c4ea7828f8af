/**
 * One zod schema over the environment. The environment is a parameter (tests pass plain objects);
 * a bad configuration becomes one readable message naming every wrong variable and its fix.
 */
import { z } from 'zod';
import { GENESYS_DOMAINS } from './genesys/regions.js';

const SLACK_PRINCIPAL = /^[UWS][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const principalList = (name: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((raw) =>
        (raw ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .superRefine((ids, ctx) => {
        const bad = ids.filter((id) => !SLACK_PRINCIPAL.test(id));
        if (bad.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `${bad.join(', ')} ${bad.length === 1 ? 'is not a' : 'are not'} Slack user ID (U…/W…) or user-group ID (S…). List ${name} as IDs separated by commas, e.g. U012ABCDEF,S0123GROUP`,
          });
        }
      }),
  );

const boundedWhole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const wholeNumber = (dflt: number, min: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(emptyToUndefined, boundedWhole(min, max).default(dflt));
const optionalWholeNumber = (min: number, max: number) => z.preprocess(emptyToUndefined, boundedWhole(min, max).optional());

const bool = (dflt: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default(dflt ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const optionalUrl = () => z.preprocess(emptyToUndefined, httpUrl().optional());
const urlWithDefault = (dflt: string) => z.preprocess(emptyToUndefined, httpUrl().default(dflt));

export const configSchema = z
  .object({
    SLACK_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: 'is required: the bot token (xoxb-…) from the Slack app’s OAuth & Permissions page' })
        .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb-' }),
    ),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().startsWith('xapp-', { error: 'must be an app-level token starting with xapp-' }).optional(),
    ),
    PORT: wholeNumber(3000, 0, 65535),
    /** when set, /metrics is served on this port only (0: any free port) */
    METRICS_PORT: optionalWholeNumber(0, 65535),
    SLACK_TEAM_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[TE][A-Z0-9]{2,}$/, { error: 'must be a Slack workspace ID like T012ABCDEF' })
        .optional(),
    ),
    SLACK_API_URL: urlWithDefault('https://slack.com/api/'),
    GENESYS_REGION: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^(api|login)\./, '').replace(/\/+$/, '') : v),
      z
        .enum(GENESYS_DOMAINS, { error: `must be one of: ${GENESYS_DOMAINS.join(', ')}` })
        .default('mypurecloud.com'),
    ),
    GENESYS_CLIENT_ID: z.preprocess(
      emptyToUndefined,
      z.string({ error: 'is required: the client ID of a Genesys Cloud OAuth client of type Client Credentials' }),
    ),
    GENESYS_CLIENT_SECRET: z.preprocess(
      emptyToUndefined,
      z.string({ error: 'is required: the secret of that OAuth client' }),
    ),
    GENESYS_API_URL: optionalUrl(),
    GENESYS_LOGIN_URL: optionalUrl(),
    GENESYS_MAX_CALLS_PER_MINUTE: wholeNumber(120, 1, 10_000),
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    ),
    REDIS_PREFIX: z.preprocess(emptyToUndefined, z.string().default('gdpr-export:')),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    GDPR_REQUESTERS: principalList('GDPR_REQUESTERS').refine((ids) => ids.length > 0, {
      error: 'is required: who may request exports, as Slack user IDs (U…/W…) or user-group IDs (S…) separated by commas',
    }),
    GDPR_APPROVERS: principalList('GDPR_APPROVERS'),
    /** read-only oversight of every case (DPO, internal audit); optional */
    GDPR_AUDITORS: principalList('GDPR_AUDITORS'),
    GDPR_REQUIRE_APPROVAL: bool(true),
    GDPR_APPROVAL_CHANNEL: z.preprocess(
      emptyToUndefined,
      z.string().regex(CHANNEL_ID, { error: 'must be a channel ID like C012ABCDEF (not a #name)' }).optional(),
    ),
    GDPR_MAX_SUBJECTS: wholeNumber(5, 1, 20),
    POLL_INTERVAL_SECONDS: wholeNumber(60, 1),
    POLL_MAX_INTERVAL_SECONDS: wholeNumber(1800, 1),
    APPROVAL_TTL_HOURS: wholeNumber(72, 1, 24 * 30),
    RECORD_RETENTION_DAYS: wholeNumber(90, 1, 3650),
    DUE_REMINDER_DAYS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('7,1')
        .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
        .superRefine((items, ctx) => {
          const bad = items.filter((d) => !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 30);
          if (bad.length > 0 || items.length > 5) {
            ctx.addIssue({
              code: 'custom',
              message: `must list up to 5 whole numbers of days from 1 to 30, separated by commas, e.g. 7,1${bad.length > 0 ? ` (not: ${bad.join(', ').slice(0, 60)})` : ''}`,
            });
          }
        })
        .transform((items) => [...new Set(items.map(Number))].sort((x, y) => y - x)),
    ),
    AUDIT_RETENTION_DAYS: wholeNumber(400, 1, 3650),
    AUDIT_SIGNING_KEY: z.preprocess(
      emptyToUndefined,
      z.string().min(32, { error: 'must be at least 32 characters (e.g. the output of openssl rand -hex 32)' }).optional(),
    ),
    DOWNLOAD_LINK_TTL_SECONDS: wholeNumber(300, 30, 3600),
    TIMELINE_DELIVERY: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.enum(['slack', 'off'], { error: 'must be slack or off' }).default('slack'),
    ),
    TIMELINE_MAX_ARCHIVE_BYTES: wholeNumber(1024 ** 3, 1024),
    TIMELINE_MAX_UNCOMPRESSED_BYTES: wholeNumber(2 * 1024 ** 3, 1024),
    TIMELINE_MAX_ARCHIVE_ENTRIES: wholeNumber(250_000, 1),
    TIMELINE_MAX_MESSAGES: wholeNumber(2_000_000, 1),
    /** the language of the approval channel, and of a person whose Slack locale is unknown */
    DEFAULT_LOCALE: z.preprocess(
      // a tag such as fr-FR or en_GB names its language
      (v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/^(en|fr)(?:[-_][a-z0-9]+)+$/, '$1') || undefined : v),
      z.enum(['en', 'fr'], { error: 'must be en or fr (the language of the approval channel, and of people whose Slack language is unknown)' }).default('en'),
    ),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'must be one of fatal, error, warn, info, debug, trace, silent',
        })
        .default('info'),
    ),
    LOG_PRETTY: bool(false),
  });

type Problem = { variable: string; message: string };

/**
 * Rules that span variables. They run on each variable parsed on its own, so a typo elsewhere does
 * not hide them: the person sees every problem in one go.
 */
function crossFieldProblems(env: Record<string, string | undefined>): Problem[] {
  const field = <K extends keyof typeof configSchema.shape>(name: K) => {
    const r = configSchema.shape[name].safeParse(env[name]);
    return r.success ? (r.data as z.output<(typeof configSchema.shape)[K]>) : undefined;
  };
  const problems: Problem[] = [];
  if (!field('SLACK_APP_TOKEN') && !field('SLACK_SIGNING_SECRET') && !env.SLACK_APP_TOKEN) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'is required in HTTP mode: copy the Signing Secret from the Slack app’s Basic Information page, or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode',
    });
  }
  const approvers = field('GDPR_APPROVERS');
  if (field('GDPR_REQUIRE_APPROVAL') !== false && approvers !== undefined && approvers.length === 0) {
    problems.push({
      variable: 'GDPR_APPROVERS',
      message:
        'is required while GDPR_REQUIRE_APPROVAL is true: list who may approve (Slack user or user-group IDs), or set GDPR_REQUIRE_APPROVAL=false',
    });
  }
  const metricsPort = field('METRICS_PORT');
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === field('PORT')) {
    problems.push({ variable: 'METRICS_PORT', message: 'must differ from PORT: it serves /metrics apart from the Slack endpoint' });
  }
  const interval = field('POLL_INTERVAL_SECONDS');
  const max = field('POLL_MAX_INTERVAL_SECONDS');
  if (interval !== undefined && max !== undefined && max < interval) {
    problems.push({ variable: 'POLL_MAX_INTERVAL_SECONDS', message: `must be at least POLL_INTERVAL_SECONDS (${interval})` });
  }
  return problems;
}

type RawConfig = z.output<typeof configSchema>;

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    mode: 'http' | 'socket';
    port: number;
    teamId?: string;
    apiUrl: string;
  };
  genesys: {
    region: string;
    clientId: string;
    clientSecret: string;
    apiUrl: string;
    loginUrl: string;
    maxCallsPerMinute: number;
  };
  store: { redisUrl?: string; redisPrefix: string; dataDir: string };
  policy: {
    requesters: string[];
    approvers: string[];
    /** see every case and export the audit trail from Slack; no other power */
    auditors: string[];
    requireApproval: boolean;
    approvalChannel?: string;
    maxSubjects: number;
    approvalTtlHours: number;
  };
  poll: { intervalSeconds: number; maxIntervalSeconds: number };
  /** auditSigningKey: HMAC key for the checkpoints audit purges leave (absent: unsigned) */
  retention: { recordDays: number; auditDays: number; auditSigningKey?: string };
  /** days before a DSAR's GDPR due date the requester is reminded, largest first */
  deadlines: { reminderDays: number[] };
  downloadLinkTtlSeconds: number;
  timelineDelivery: 'slack' | 'off';
  timelineLimits: { maxArchiveBytes: number; maxUncompressedBytes: number; maxArchiveEntries: number; maxMessages: number };
  /** the approval channel's language, and the fallback for a person whose Slack locale is unknown */
  defaultLocale: 'en' | 'fr';
  log: { level: string; pretty: boolean };
  /** `port`: /metrics on its own server (absent: on the main port) */
  metrics: { port?: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(formatProblems(problems));
  }
}

function formatProblems(problems: Array<{ variable: string; message: string }>): string {
  const lines = problems.map((p) => `  - ${p.variable} ${p.message}`);
  return [
    `The bot cannot start: ${problems.length} configuration ${problems.length === 1 ? 'problem' : 'problems'}.`,
    ...lines,
    'Set these environment variables (see the configuration table in README.md) and start again.',
  ].join('\n');
}

/** Parses the environment, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const fieldProblems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'configuration'), message: issue.message }));
  const problems = dedupe([...fieldProblems, ...crossFieldProblems(env)]);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

function dedupe(problems: Problem[]) {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.variable}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toConfig(c: RawConfig): Config {
  return {
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      mode: c.SLACK_APP_TOKEN ? 'socket' : 'http',
      port: c.PORT,
      teamId: c.SLACK_TEAM_ID,
      apiUrl: c.SLACK_API_URL.endsWith('/') ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`,
    },
    genesys: {
      region: c.GENESYS_REGION,
      clientId: c.GENESYS_CLIENT_ID,
      clientSecret: c.GENESYS_CLIENT_SECRET,
      apiUrl: stripSlash(c.GENESYS_API_URL ?? `https://api.${c.GENESYS_REGION}`),
      loginUrl: stripSlash(c.GENESYS_LOGIN_URL ?? `https://login.${c.GENESYS_REGION}`),
      maxCallsPerMinute: c.GENESYS_MAX_CALLS_PER_MINUTE,
    },
    store: { redisUrl: c.REDIS_URL, redisPrefix: c.REDIS_PREFIX, dataDir: c.DATA_DIR },
    policy: {
      requesters: c.GDPR_REQUESTERS,
      approvers: c.GDPR_APPROVERS,
      auditors: c.GDPR_AUDITORS,
      requireApproval: c.GDPR_REQUIRE_APPROVAL,
      approvalChannel: c.GDPR_APPROVAL_CHANNEL,
      maxSubjects: c.GDPR_MAX_SUBJECTS,
      approvalTtlHours: c.APPROVAL_TTL_HOURS,
    },
    poll: { intervalSeconds: c.POLL_INTERVAL_SECONDS, maxIntervalSeconds: c.POLL_MAX_INTERVAL_SECONDS },
    retention: { recordDays: c.RECORD_RETENTION_DAYS, auditDays: c.AUDIT_RETENTION_DAYS, auditSigningKey: c.AUDIT_SIGNING_KEY },
    deadlines: { reminderDays: c.DUE_REMINDER_DAYS },
    downloadLinkTtlSeconds: c.DOWNLOAD_LINK_TTL_SECONDS,
    timelineDelivery: c.TIMELINE_DELIVERY,
    timelineLimits: {
      maxArchiveBytes: c.TIMELINE_MAX_ARCHIVE_BYTES,
      maxUncompressedBytes: c.TIMELINE_MAX_UNCOMPRESSED_BYTES,
      maxArchiveEntries: c.TIMELINE_MAX_ARCHIVE_ENTRIES,
      maxMessages: c.TIMELINE_MAX_MESSAGES,
    },
    defaultLocale: c.DEFAULT_LOCALE,
    log: { level: c.LOG_LEVEL, pretty: c.LOG_PRETTY },
    metrics: { port: c.METRICS_PORT },
  };
}

function stripSlash(u: string): string {
  return u.replace(/\/+$/, '');
}
