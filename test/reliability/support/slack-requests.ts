/**
 * Slack requests built byte for byte, so a test can sign them (or not) as it likes, send the same
 * bytes twice, and match the bot's answer to the request that caused it: each request carries its
 * own response_url and trigger id, and the fake Slack records both.
 */
import { randomBytes } from 'node:crypto';
import {
  blockActionPayload,
  newResponseUrlId,
  newTriggerId,
  signSlackRequest,
  type FakeSlack,
  type RecordedCall,
  type SentResult,
  type SlackSender,
} from '../../../dev/fake-slack/index.js';
import { TEAM } from '../../e2e/harness.js';

export const FORM = 'application/x-www-form-urlencoded';

export interface SlackEnd {
  fake: FakeSlack;
  sender: SlackSender;
  signingSecret: string;
}

export function commandForm(input: { text: string; userId: string; teamId?: string; responseUrl: string; triggerId: string; channelId?: string }): string {
  const teamId = input.teamId ?? TEAM;
  const channelId = input.channelId ?? 'C0GENERAL';
  return new URLSearchParams({
    token: 'fake-verification-token',
    team_id: teamId,
    team_domain: `fake-${teamId.toLowerCase()}`,
    channel_id: channelId,
    channel_name: channelId.toLowerCase(),
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: '/gdpr-export',
    text: input.text,
    api_app_id: 'A0FAKESLACK',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

export function interactiveForm(payload: object): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function signedHeaders(secret: string, body: string, timestamp?: number): Record<string, string> {
  return { 'content-type': FORM, ...signSlackRequest(secret, body, timestamp) };
}

/** What the person saw: an ephemeral reply (response_url), a modal opened for their trigger, or nothing yet. */
export interface Outcome {
  res: SentResult;
  reply?: string;
  replyCall?: RecordedCall;
  opened?: RecordedCall;
}

/** waits until the reply or the modal of this request shows up in the fake, or `ms` pass */
async function outcomeOf(end: SlackEnd, res: SentResult, responseUrl: string | undefined, triggerId: string | undefined, ms: number): Promise<Outcome> {
  const deadline = Date.now() + ms;
  for (;;) {
    const replyCall = responseUrl ? end.fake.callsTo('response_url').find((c) => c.args.response_url === responseUrl) : undefined;
    const opened = triggerId ? end.fake.callsTo('views.open').find((c) => c.args.trigger_id === triggerId) : undefined;
    if (replyCall || opened || Date.now() > deadline) {
      return { res, ...(replyCall ? { replyCall, reply: String(replyCall.args.text ?? '') } : {}), ...(opened ? { opened } : {}) };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A signed slash command; resolves once the person got a reply or a modal (or after `waitMs`). */
export async function sendCommand(end: SlackEnd, userId: string, text: string, opts: { teamId?: string; waitMs?: number } = {}): Promise<Outcome> {
  const responseUrl = `${end.fake.responseUrlBase}${newResponseUrlId()}`;
  const triggerId = newTriggerId(userId);
  const body = commandForm({ text, userId, teamId: opts.teamId, responseUrl, triggerId });
  const res = await end.sender.raw(body, signedHeaders(end.signingSecret, body));
  return outcomeOf(end, res, responseUrl, triggerId, res.status === 200 ? (opts.waitMs ?? 10_000) : 0);
}

/** A signed button click on a message; resolves once the person got a reply or a modal (or after `waitMs`). */
export async function sendClick(
  end: SlackEnd,
  userId: string,
  actionId: string,
  value: string,
  opts: { teamId?: string; waitMs?: number; channelId?: string; messageTs?: string } = {},
): Promise<Outcome> {
  const channelId = opts.channelId ?? 'C0GENERAL';
  // a real message's ts makes the click come from that message (e.g. another case's card)
  const messageTs = opts.messageTs ?? `17000${randomBytes(3).readUIntBE(0, 3)}.000100`;
  const responseUrl = `${end.fake.responseUrlBase}${newResponseUrlId({ channelId, messageTs })}`;
  const triggerId = newTriggerId(userId);
  const payload = blockActionPayload({ userId, teamId: opts.teamId ?? TEAM, actionId, value, triggerId, responseUrl, container: { type: 'message', channelId, messageTs } });
  const body = interactiveForm(payload);
  const res = await end.sender.raw(body, signedHeaders(end.signingSecret, body));
  return outcomeOf(end, res, responseUrl, triggerId, res.status === 200 ? (opts.waitMs ?? 10_000) : 0);
}
