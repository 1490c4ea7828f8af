/** chat.postMessage, chat.update, chat.postEphemeral: messages the bot writes, kept as channel state. */
import { checkMessageBlocks, hasText, missingTextWarning } from './block-checks.js';
import type { MethodHandler, MethodResult, SlackArgs } from './method-result.js';
import { fail, isRecord, stringArg, succeed } from './method-result.js';
import type { StoredMessage, Workspace } from './workspace.js';
import { isUserId } from './workspace.js';

export function createChatMethods(ws: Workspace): Record<string, MethodHandler> {
  return {
    'chat.postMessage': (args) => {
      const channel = resolvePostChannel(ws, stringArg(args, 'channel'));
      if (typeof channel !== 'string') return channel;
      const refused = checkMessageArgs(args);
      if (refused) return refused;
      const message: StoredMessage = {
        channel,
        ts: ws.nextTs(),
        user: ws.identity.botUserId,
        ...messageContent(args),
      };
      const threadTs = stringArg(args, 'thread_ts');
      if (threadTs) message.thread_ts = threadTs;
      ws.messages.push(message);
      return succeed({ channel, ts: message.ts, message: toApiMessage(ws, message, true) }, missingTextWarning(args));
    },

    'chat.update': (args) => {
      const channel = stringArg(args, 'channel');
      if (!channel || !ws.conversations.has(channel)) return fail('channel_not_found');
      const message = ws.findMessage(channel, stringArg(args, 'ts') ?? '');
      if (!message) return fail('message_not_found');
      const refused = checkMessageArgs(args);
      if (refused) return refused;
      // Slack keeps fields the update leaves out (blocks, metadata) and replaces the rest.
      Object.assign(message, messageContent(args), { edited: { user: ws.identity.botUserId, ts: ws.nextTs() } });
      return succeed({ channel, ts: message.ts, text: message.text ?? '', message: toApiMessage(ws, message, true) }, missingTextWarning(args));
    },

    'chat.postEphemeral': (args) => {
      const channel = resolvePostChannel(ws, stringArg(args, 'channel'));
      if (typeof channel !== 'string') return channel;
      const user = stringArg(args, 'user');
      if (!user || !ws.users.has(user)) return fail('user_not_found');
      const refused = checkMessageArgs(args);
      if (refused) return refused;
      return succeed({ message_ts: ws.nextTs() }, missingTextWarning(args));
    },
  };
}

/**
 * Bolt's docs post to a user id to DM that person (platform.md §5); Slack then answers with the
 * D… channel. Other ids must be a channel the bot is in or a DM it opened.
 */
export function resolvePostChannel(ws: Workspace, channel: string | undefined): string | MethodResult {
  if (!channel) return fail('channel_not_found');
  if (isUserId(channel)) {
    const user = ws.users.get(channel);
    if (!user) return fail('channel_not_found');
    if (user.deleted) return fail('user_disabled');
    if (user.is_bot) return fail('cannot_dm_bot');
    return ws.openDm(channel);
  }
  return ws.conversations.has(channel) ? channel : fail('channel_not_found');
}

function checkMessageArgs(args: SlackArgs): MethodResult | undefined {
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  if (!hasText(args) && !hasBlocks && args.attachments === undefined) return fail('no_text');
  if (args.metadata !== undefined && !isValidMetadata(args.metadata)) return fail('invalid_metadata_format');
  return checkMessageBlocks(args);
}

function isValidMetadata(metadata: unknown): boolean {
  return isRecord(metadata) && typeof metadata.event_type === 'string' && metadata.event_type !== '' && isRecord(metadata.event_payload);
}

function messageContent(args: SlackArgs): Partial<StoredMessage> {
  const content: Partial<StoredMessage> = {};
  if (typeof args.text === 'string') content.text = args.text;
  if (Array.isArray(args.blocks)) content.blocks = args.blocks;
  if (args.metadata !== undefined) content.metadata = args.metadata;
  return content;
}

/** The message as the Web API shows it; metadata only where the caller asked for it. */
export function toApiMessage(ws: Workspace, m: StoredMessage, withMetadata: boolean): Record<string, unknown> {
  return {
    type: 'message',
    text: m.text ?? '',
    user: m.user,
    bot_id: ws.identity.botId,
    app_id: ws.identity.appId,
    team: ws.identity.teamId,
    ts: m.ts,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.files ? { files: m.files } : {}),
    ...(m.edited ? { edited: m.edited } : {}),
    ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
  };
}
