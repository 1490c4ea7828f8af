/**
 * Slack checks: the bot token (auth.test), the workspace, the granted scopes, the approval channel
 * and, in Socket Mode, the app-level token. Nothing here posts a message or changes anything.
 */
import { WebClient, type FetchFunction, type Logger as SlackLogger, LogLevel } from '@slack/web-api';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { fail, messageOf, pass, skip, warn, type AreaCheck } from './doctor-check.js';
import { missingScopes } from './required-scopes.js';

export interface SlackCheckDeps {
  fetch?: FetchFunction;
}

const authTestSchema = z.object({
  user: z.string().optional(),
  user_id: z.string().optional(),
  team: z.string().optional(),
  team_id: z.string().optional(),
  response_metadata: z.object({ scopes: z.array(z.string()).optional() }).optional(),
});

const channelInfoSchema = z.object({
  channel: z.object({ name: z.string().optional(), is_member: z.boolean().optional(), is_archived: z.boolean().optional() }).optional(),
});

const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);
/** answers meaning "this token may not ask", not "the channel is wrong" */
const CANNOT_VERIFY = new Set(['missing_scope', 'unknown_method', 'not_allowed_token_type']);

const SCOPE_FIX = 'Add the scope in the Slack app’s OAuth & Permissions, then reinstall the app and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN.';

export async function checkSlack(config: Config, deps: SlackCheckDeps = {}): Promise<AreaCheck[]> {
  const client = slackClient(config.slack.botToken, config.slack.apiUrl, deps);
  const checks: AreaCheck[] = [];

  let identity: z.infer<typeof authTestSchema>;
  try {
    identity = authTestSchema.parse(await client.auth.test());
  } catch (e) {
    checks.push(tokenFailure(e, config));
    const why = 'skipped: the bot token was not accepted';
    checks.push(skip('workspace', why), skip('bot scopes', why), skip('approval channel', why));
    checks.push(await checkSocketMode(config, deps));
    return checks;
  }

  checks.push(pass('bot token', `valid: bot user @${identity.user ?? '?'} (${identity.user_id ?? '?'}) in workspace “${identity.team ?? '?'}” (${identity.team_id ?? '?'})`));
  checks.push(checkWorkspace(config, identity.team_id));
  checks.push(checkScopes(identity.response_metadata?.scopes));
  checks.push(await checkApprovalChannel(config, client));
  checks.push(await checkSocketMode(config, deps));
  return checks;
}

function slackClient(token: string, apiUrl: string, deps: SlackCheckDeps): WebClient {
  return new WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: silentLogger(),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

function tokenFailure(e: unknown, config: Config): AreaCheck {
  const code = slackErrorCode(e);
  if (code && TOKEN_REFUSED.has(code)) {
    return fail(
      'bot token',
      `Slack refused SLACK_BOT_TOKEN (${code}).`,
      'Copy the current Bot User OAuth Token (xoxb-…) from the Slack app’s OAuth & Permissions page into SLACK_BOT_TOKEN; reinstalling the app issues a new one.',
    );
  }
  return fail(
    'bot token',
    `Could not ask Slack who the bot is at ${config.slack.apiUrl}: ${code ?? messageOf(e)}.`,
    'Check the network (proxy, firewall) and SLACK_API_URL (leave it unset for https://slack.com/api/).',
  );
}

function checkWorkspace(config: Config, teamId: string | undefined): AreaCheck {
  if (!config.slack.teamId) return skip('workspace', `SLACK_TEAM_ID is not set: requests from any workspace the app is installed in are accepted (the token belongs to ${teamId ?? 'an unknown workspace'})`);
  if (teamId === config.slack.teamId) return pass('workspace', `the token belongs to ${teamId}, as SLACK_TEAM_ID says`);
  return fail(
    'workspace',
    `the token belongs to workspace ${teamId ?? '(unknown)'}, but SLACK_TEAM_ID is ${config.slack.teamId}: every request would be refused.`,
    'Set SLACK_TEAM_ID to the workspace the app is installed in, or use the bot token of that workspace.',
  );
}

function checkScopes(granted: string[] | undefined): AreaCheck {
  if (!granted) return warn('bot scopes', 'Slack did not report the granted scopes (no x-oauth-scopes header), so they could not be compared.');
  const missing = missingScopes(granted);
  if (missing.length === 0) return pass('bot scopes', `every needed scope is granted (${granted.length} granted)`);
  return fail('bot scopes', `missing: ${missing.join(', ')}`, SCOPE_FIX);
}

async function checkApprovalChannel(config: Config, client: WebClient): Promise<AreaCheck> {
  const channel = config.policy.approvalChannel;
  if (!channel) return skip('approval channel', 'GDPR_APPROVAL_CHANNEL is not set: approval cards go to each approver by DM');
  try {
    const info = channelInfoSchema.parse(await client.conversations.info({ channel }));
    const name = info.channel?.name ? `#${info.channel.name}` : channel;
    if (info.channel?.is_archived) return fail('approval channel', `${name} is archived.`, 'Unarchive it or set GDPR_APPROVAL_CHANNEL to another channel ID.');
    if (info.channel?.is_member === false) {
      return fail('approval channel', `the bot is not a member of ${name}, so it cannot post approval cards there.`, `Invite the bot: type /invite @gdpr-export in ${name}.`);
    }
    return pass('approval channel', `${name} is reachable`);
  } catch (e) {
    const code = slackErrorCode(e);
    if (code && CANNOT_VERIFY.has(code)) {
      return warn(
        'approval channel',
        `cannot verify ${channel} (${code}): reading channel details needs channels:read or groups:read; without them the bot cannot check who is in the channel and sends every approval card by DM.`,
        `Reinstall the app from manifest.yml (it grants both), and make sure the bot was invited to the channel (/invite @gdpr-export).`,
      );
    }
    if (code === 'channel_not_found') {
      return fail(
        'approval channel',
        `Slack knows no channel ${channel} that the bot can see.`,
        'Set GDPR_APPROVAL_CHANNEL to the channel ID (channel details → About, at the bottom), and for a private channel invite the bot first.',
      );
    }
    return warn('approval channel', `cannot verify ${channel}: ${code ?? messageOf(e)}`);
  }
}

async function checkSocketMode(config: Config, deps: SlackCheckDeps): Promise<AreaCheck> {
  if (config.slack.mode !== 'socket' || !config.slack.appToken) {
    return skip('socket mode', 'HTTP mode: Slack sends requests to /slack/events signed with SLACK_SIGNING_SECRET (only a request from Slack can prove the secret)');
  }
  try {
    // Opens nothing: the answer is a one-time WebSocket URL, which we drop without printing.
    await slackClient(config.slack.appToken, config.slack.apiUrl, deps).apps.connections.open();
    return pass('socket mode', 'SLACK_APP_TOKEN can open a Socket Mode connection');
  } catch (e) {
    const code = slackErrorCode(e);
    if (code === 'unknown_method') return warn('socket mode', 'this Slack API does not offer apps.connections.open, so the app token could not be checked.');
    if (code && (TOKEN_REFUSED.has(code) || code === 'not_allowed_token_type' || code === 'missing_scope')) {
      return fail(
        'socket mode',
        `Slack refused SLACK_APP_TOKEN for Socket Mode (${code}).`,
        'Under the Slack app’s Basic Information → App-Level Tokens, create a token with connections:write and put it in SLACK_APP_TOKEN; make sure Socket Mode is enabled.',
      );
    }
    return fail('socket mode', `Socket Mode could not be opened: ${code ?? messageOf(e)}.`, 'Enable Socket Mode in the Slack app settings and check SLACK_APP_TOKEN.');
  }
}

/** Slack's error string (`invalid_auth`, …) for a refused call; undefined for transport failures. */
function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

function silentLogger(): SlackLogger {
  const none = () => undefined;
  return { debug: none, info: none, warn: none, error: none, setLevel: none, getLevel: () => LogLevel.ERROR, setName: none };
}
