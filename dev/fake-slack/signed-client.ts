/**
 * Sends requests to a Bolt app in HTTP mode exactly as Slack does: form-encoded bodies with the
 * bare content-type Bolt insists on, signed over the exact bytes sent (platform.md §1).
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { newResponseUrlId, newTriggerId } from './interaction-ids.js';
import { DEFAULT_COMMAND_CHANNEL, DEFAULT_TEAM_ID, FAKE_APP_ID } from './defaults.js';
import { slackTeam } from './interaction-payloads.js';

export { blockActionPayload, viewSubmissionPayload } from './interaction-payloads.js';
export type { ActionContainer, BlockActionInput, ViewSubmissionInput } from './interaction-payloads.js';

/** Any other value, even with "; charset=utf-8", makes Bolt JSON-parse the body and answer 400. */
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const DEFAULT_COMMAND = '/gdpr-export';

export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface SentResult {
  status: number;
  body: string;
  // The app's ack body is free-form JSON (response_action, errors, …).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json?: any;
  ms: number;
  triggerId?: string;
}

export interface CommandInput {
  text: string;
  userId: string;
  teamId?: string;
  channelId?: string;
  command?: string;
  triggerId?: string;
}

export interface SlackSender {
  command(input: CommandInput): Promise<SentResult>;
  interactive(payload: object): Promise<SentResult>;
  /** sends body and headers untouched: for tampered signatures, stale timestamps, odd content-types */
  raw(body: string, headers: Record<string, string>): Promise<SentResult>;
}

export interface SlackSenderOptions {
  /** http://127.0.0.1:PORT/slack/events */
  appUrl: string;
  signingSecret: string;
  /** fake.responseUrlBase */
  responseUrlBase: string;
  teamId?: string;
}

export function createSlackSender(opts: SlackSenderOptions): SlackSender {
  const defaultTeamId = opts.teamId ?? DEFAULT_TEAM_ID;

  async function sendSigned(body: string, triggerId: string | undefined): Promise<SentResult> {
    const result = await postRaw(opts.appUrl, body, { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(opts.signingSecret, body) });
    return triggerId === undefined ? result : { ...result, triggerId };
  }

  return {
    command(input) {
      const fields = slashCommandFields(input, defaultTeamId, opts.responseUrlBase);
      return sendSigned(new URLSearchParams(fields).toString(), fields.trigger_id);
    },

    interactive(payload) {
      const filled = withInteractionIds(payload as Record<string, unknown>, opts.responseUrlBase);
      const triggerId = typeof filled.trigger_id === 'string' ? filled.trigger_id : undefined;
      return sendSigned(`payload=${encodeURIComponent(JSON.stringify(filled))}`, triggerId);
    },

    raw(body, headers) {
      return postRaw(opts.appUrl, body, headers);
    },
  };
}

/** A slash command's fields; field order and encoding follow the bodies Slack sends (fixtures slash_command.*.form.txt). */
export function slashCommandFields(input: CommandInput, defaultTeamId: string, responseUrlBase: string): Record<string, string> & { trigger_id: string } {
  const teamId = input.teamId ?? defaultTeamId;
  const channelId = input.channelId ?? DEFAULT_COMMAND_CHANNEL;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    team_domain: slackTeam(teamId).domain,
    channel_id: channelId,
    channel_name: channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase(),
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: input.command ?? DEFAULT_COMMAND,
    text: input.text,
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: `${responseUrlBase}${newResponseUrlId()}`,
    trigger_id: input.triggerId ?? newTriggerId(input.userId),
  };
}

/**
 * Adds what Slack always sends but a hand-built payload may lack: a trigger id for the clicking
 * user, and for a click on a message a response_url that names that message.
 */
export function withInteractionIds(payload: Record<string, unknown>, responseUrlBase: string): Record<string, unknown> {
  const filled = { ...payload };
  const userId = (payload.user as { id?: unknown } | undefined)?.id;
  if (filled.trigger_id === undefined && filled.type !== 'view_closed' && typeof userId === 'string') {
    filled.trigger_id = newTriggerId(userId);
  }
  const container = payload.container as { type?: unknown; channel_id?: unknown; message_ts?: unknown } | undefined;
  if (filled.type === 'block_actions' && filled.response_url === undefined && container?.type === 'message') {
    const message = { channelId: String(container.channel_id), messageTs: String(container.message_ts) };
    filled.response_url = `${responseUrlBase}${newResponseUrlId(message)}`;
  }
  return filled;
}

function postRaw(appUrl: string, body: string, headers: Record<string, string>): Promise<SentResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(appUrl, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const result: SentResult = { status: res.statusCode ?? 0, body: text, ms: Math.round(performance.now() - started) };
        const json = parseJson(text);
        if (json !== undefined) result.json = json;
        resolve(result);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
