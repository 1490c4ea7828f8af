/** The configuration check: the same `loadConfig` the bot starts with, one failure per problem. */
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { fail, messageOf, pass, type AreaCheck } from './doctor-check.js';

export type ConfigOutcome = { config: Config; checks: AreaCheck[] } | { config: undefined; checks: AreaCheck[] };

export function checkConfig(env: Record<string, string | undefined>): ConfigOutcome {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) {
      return { config: undefined, checks: [fail('configuration', messageOf(e), 'Fix the environment and run the doctor again.')] };
    }
    return {
      config: undefined,
      checks: e.problems.map((p) =>
        fail(p.variable, p.message, `Set ${p.variable} as described (see the configuration table in README.md), then run the doctor again.`),
      ),
    };
  }
  return { config, checks: [pass('environment', summarise(config))] };
}

function summarise(c: Config): string {
  const slack = c.slack.mode === 'socket' ? 'Slack in Socket Mode' : 'Slack in HTTP mode';
  const store = c.store.redisUrl ? 'Redis store' : `embedded store in ${c.store.dataDir}`;
  const approval = c.policy.requireApproval
    ? `approval by ${c.policy.approvers.length} configured approver id(s)${c.policy.approvalChannel ? ` in ${c.policy.approvalChannel}` : ' by DM'}`
    : 'no approval step (GDPR_REQUIRE_APPROVAL=false)';
  return `valid: ${slack}, ${store}, ${c.policy.requesters.length} requester id(s), ${approval}`;
}
