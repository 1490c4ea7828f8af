import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-123-abc',
  SLACK_SIGNING_SECRET: 'signing-secret',
  GENESYS_CLIENT_ID: 'client-id',
  GENESYS_CLIENT_SECRET: 'client-secret',
  GDPR_REQUESTERS: 'U0REQUESTER,S0COMPLIANCE',
  GDPR_APPROVERS: 'U0APPROVER',
};

function problemsOf(env: Record<string, string | undefined>) {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

function messageFor(env: Record<string, string | undefined>, variable: string): string {
  const p = problemsOf(env).find((x) => x.variable === variable);
  expect(p, `a problem for ${variable}`).toBeDefined();
  return p!.message;
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c.slack).toMatchObject({ mode: 'http', port: 3000, apiUrl: 'https://slack.com/api/' });
    expect(c.genesys).toMatchObject({
      region: 'mypurecloud.com',
      apiUrl: 'https://api.mypurecloud.com',
      loginUrl: 'https://login.mypurecloud.com',
      maxCallsPerMinute: 120,
    });
    expect(c.store).toEqual({ redisUrl: undefined, redisPrefix: 'gdpr-export:', dataDir: './data' });
    expect(c.policy).toEqual({
      requesters: ['U0REQUESTER', 'S0COMPLIANCE'],
      approvers: ['U0APPROVER'],
      auditors: [],
      requireApproval: true,
      approvalChannel: undefined,
      maxSubjects: 5,
      approvalTtlHours: 72,
    });
    expect(c.poll).toEqual({ intervalSeconds: 60, maxIntervalSeconds: 1800 });
    expect(c.retention).toEqual({ recordDays: 90, auditDays: 400 });
    expect(loadConfig({ ...valid, AUDIT_SIGNING_KEY: 'k'.repeat(32) }).retention.auditSigningKey).toBe('k'.repeat(32));
    expect(c.timelineDelivery).toBe('slack');
    expect(c.timelineLimits).toEqual({
      maxArchiveBytes: 1024 ** 3,
      maxUncompressedBytes: 2 * 1024 ** 3,
      maxArchiveEntries: 250_000,
      maxMessages: 2_000_000,
    });
    expect(c.log.level).toBe('info');
    expect(c.defaultLocale).toBe('en');
  });

  it('reads DEFAULT_LOCALE as a language or a tag naming one', () => {
    expect(loadConfig({ ...valid, DEFAULT_LOCALE: 'fr' }).defaultLocale).toBe('fr');
    expect(loadConfig({ ...valid, DEFAULT_LOCALE: ' FR-fr ' }).defaultLocale).toBe('fr');
    expect(loadConfig({ ...valid, DEFAULT_LOCALE: 'en_GB' }).defaultLocale).toBe('en');
    expect(loadConfig({ ...valid, DEFAULT_LOCALE: '' }).defaultLocale).toBe('en');
  });

  it('derives Genesys hosts from the region and honours overrides', () => {
    expect(loadConfig({ ...valid, GENESYS_REGION: 'mypurecloud.de' }).genesys).toMatchObject({
      apiUrl: 'https://api.mypurecloud.de',
      loginUrl: 'https://login.mypurecloud.de',
    });
    expect(loadConfig({ ...valid, GENESYS_REGION: 'https://api.usw2.pure.cloud/' }).genesys.region).toBe('usw2.pure.cloud');
    const c = loadConfig({ ...valid, GENESYS_API_URL: 'http://127.0.0.1:8787/', GENESYS_LOGIN_URL: 'http://127.0.0.1:8787' });
    expect(c.genesys.apiUrl).toBe('http://127.0.0.1:8787');
    expect(c.genesys.loginUrl).toBe('http://127.0.0.1:8787');
  });

  it('runs in Socket Mode when an app token is set, without a signing secret', () => {
    const c = loadConfig({ ...valid, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(c.slack.mode).toBe('socket');
  });

  it('parses booleans, numbers, lists with spaces and a trailing slash on the Slack API URL', () => {
    const c = loadConfig({
      ...valid,
      GDPR_REQUIRE_APPROVAL: 'false',
      GDPR_APPROVERS: '',
      GDPR_REQUESTERS: ' U0A , W0B ,, S0C ',
      POLL_INTERVAL_SECONDS: '1',
      POLL_MAX_INTERVAL_SECONDS: '1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
    });
    expect(c.policy.requireApproval).toBe(false);
    expect(c.policy.requesters).toEqual(['U0A', 'W0B', 'S0C']);
    expect(c.poll).toEqual({ intervalSeconds: 1, maxIntervalSeconds: 1 });
    expect(c.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(c.store.redisUrl).toBe('redis://127.0.0.1:6379/2');
  });

  it('names every missing required variable in one message', () => {
    const err = (() => {
      try {
        loadConfig({});
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.map((p) => p.variable).sort()).toEqual(
      ['GDPR_APPROVERS', 'GDPR_REQUESTERS', 'GENESYS_CLIENT_ID', 'GENESYS_CLIENT_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].sort(),
    );
    expect(err!.message).toMatch(/^The bot cannot start: 6 configuration problems\./);
    expect(err!.message).toContain('README.md');
    expect(err!.message).not.toMatch(/at .*\.ts:\d+/); // no stack trace in the message
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /must be a bot token starting with xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-wrong', /app-level token starting with xapp-/],
    ['PORT', 'eighty', /whole number/],
    ['PORT', '70000', /at most 65535/],
    ['SLACK_TEAM_ID', 'acme', /workspace ID like T012ABCDEF/],
    ['SLACK_API_URL', 'not a url', /http\(s\) URL/],
    ['GENESYS_REGION', 'mars.example', /must be one of: mypurecloud\.com, .*mypurecloud\.de/],
    ['GENESYS_API_URL', 'ftp://x', /http\(s\) URL/],
    ['GENESYS_LOGIN_URL', 'nope', /http\(s\) URL/],
    ['GENESYS_MAX_CALLS_PER_MINUTE', '0', /at least 1/],
    ['REDIS_URL', 'http://localhost:6379', /redis:\/\/ or rediss:\/\//],
    ['GDPR_REQUESTERS', 'U0OK,alice', /alice is not a Slack user ID/],
    ['GDPR_APPROVERS', '#compliance', /#compliance is not a Slack user ID/],
    ['GDPR_AUDITORS', '@dpo', /@dpo is not a Slack user ID/],
    ['GDPR_REQUIRE_APPROVAL', 'maybe', /true or false/],
    ['GDPR_APPROVAL_CHANNEL', '#gdpr', /channel ID like C012ABCDEF/],
    ['GDPR_MAX_SUBJECTS', '0', /at least 1/],
    ['GDPR_MAX_SUBJECTS', '2.5', /whole number/],
    ['POLL_INTERVAL_SECONDS', '0', /at least 1/],
    ['POLL_MAX_INTERVAL_SECONDS', '0', /at least 1/],
    ['APPROVAL_TTL_HOURS', '-3', /at least 1/],
    ['AUDIT_SIGNING_KEY', 'short', /at least 32 characters/],
    ['RECORD_RETENTION_DAYS', 'ninety', /whole number/],
    ['AUDIT_RETENTION_DAYS', '0', /at least 1/],
    ['DOWNLOAD_LINK_TTL_SECONDS', '5', /at least 30/],
    ['TIMELINE_DELIVERY', 'email', /slack or off/],
    ['DEFAULT_LOCALE', 'de', /must be en or fr/],
    ['DEFAULT_LOCALE', 'english', /must be en or fr/],
    ['TIMELINE_MAX_ARCHIVE_BYTES', '1MB', /whole number/],
    ['TIMELINE_MAX_UNCOMPRESSED_BYTES', '0', /at least 1024/],
    ['TIMELINE_MAX_ARCHIVE_ENTRIES', '0', /at least 1/],
    ['TIMELINE_MAX_MESSAGES', '-1', /at least 1/],
    ['LOG_LEVEL', 'verbose', /fatal, error, warn, info, debug, trace, silent/],
  ])('%s=%s is refused with a fix', (variable, value, expected) => {
    expect(messageFor({ ...valid, [variable]: value }, variable)).toMatch(expected);
  });

  it('requires a signing secret in HTTP mode', () => {
    expect(messageFor({ ...valid, SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET')).toMatch(/HTTP mode.*SLACK_APP_TOKEN/);
  });

  it('requires approvers while approval is required, even when another variable is also wrong', () => {
    const problems = problemsOf({ ...valid, GDPR_APPROVERS: '', PORT: 'x' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['GDPR_APPROVERS', 'PORT']);
    expect(loadConfig({ ...valid, GDPR_APPROVERS: '', GDPR_REQUIRE_APPROVAL: 'false' }).policy.approvers).toEqual([]);
  });

  it('requires the longest poll gap to be at least the first', () => {
    expect(messageFor({ ...valid, POLL_INTERVAL_SECONDS: '120', POLL_MAX_INTERVAL_SECONDS: '60' }, 'POLL_MAX_INTERVAL_SECONDS')).toBe(
      'must be at least POLL_INTERVAL_SECONDS (120)',
    );
  });

  it('serves /metrics on METRICS_PORT when set, which must not be PORT', () => {
    expect(loadConfig(valid).metrics).toEqual({ port: undefined });
    expect(loadConfig({ ...valid, METRICS_PORT: '9100' }).metrics).toEqual({ port: 9100 });
    expect(messageFor({ ...valid, PORT: '3000', METRICS_PORT: '3000' }, 'METRICS_PORT')).toMatch(/^must differ from PORT/);
    expect(messageFor({ ...valid, METRICS_PORT: 'ninety' }, 'METRICS_PORT')).toBe('must be a whole number');
  });

  it('never echoes a secret value in its messages', () => {
    const err = (() => {
      try {
        loadConfig({ ...valid, SLACK_BOT_TOKEN: 'xoxp-very-secret-value', GENESYS_REGION: 'nowhere' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBeDefined();
    expect(err!.message).not.toContain('very-secret-value');
  });
});

describe('DUE_REMINDER_DAYS', () => {
  it('defaults to 7 and 1 days, reads a list largest first without repeats', () => {
    expect(loadConfig(valid).deadlines.reminderDays).toEqual([7, 1]);
    expect(loadConfig({ ...valid, DUE_REMINDER_DAYS: ' 1, 14 ,1' }).deadlines.reminderDays).toEqual([14, 1]);
  });

  it('names what is wrong with a bad list', () => {
    expect(messageFor({ ...valid, DUE_REMINDER_DAYS: '7,soon' }, 'DUE_REMINDER_DAYS')).toMatch(/whole numbers of days from 1 to 30.*\(not: soon\)/);
    expect(messageFor({ ...valid, DUE_REMINDER_DAYS: '0' }, 'DUE_REMINDER_DAYS')).toMatch(/from 1 to 30/);
    expect(messageFor({ ...valid, DUE_REMINDER_DAYS: '1,2,3,4,5,6' }, 'DUE_REMINDER_DAYS')).toMatch(/up to 5/);
  });
});
