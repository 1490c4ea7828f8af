/** conversations.open, conversations.history, conversations.replies and conversations.members. */
import type { MethodHandler } from './method-result.js';
import { booleanArg, fail, integerArg, invalidArguments, stringArg, succeed } from './method-result.js';
import { toApiMessage } from './chat-methods.js';
import type { Workspace } from './workspace.js';

export function createConversationMethods(ws: Workspace): Record<string, MethodHandler> {
  return {
    'conversations.open': (args) => {
      const ids = (stringArg(args, 'users') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.length === 0) return fail('users_list_not_supplied');
      // Group DMs are not something the bot does, so the fake does not model them.
      if (ids.length > 1) return invalidArguments('[ERROR] the fake Slack opens DMs with one user only; group DMs are not modelled');
      const userId = ids[0] as string;
      const user = ws.users.get(userId);
      if (!user) return fail('user_not_found');
      if (user.deleted) return fail('user_disabled');
      if (user.is_bot) return fail('cannot_dm_bot');
      const alreadyOpen = ws.dmOf(userId) !== undefined;
      return succeed({ channel: { id: ws.openDm(userId) }, ...(alreadyOpen ? { no_op: true, already_open: true } : {}) });
    },

    'conversations.history': (args) => {
      const channel = stringArg(args, 'channel');
      if (!channel || !ws.conversations.has(channel)) return fail('channel_not_found');
      const limit = Math.min(Math.max(integerArg(args, 'limit') ?? 100, 1), 999);
      const offset = Number(stringArg(args, 'cursor') ?? '0') || 0;
      // History lists top-level messages only; thread replies live in conversations.replies.
      const newestFirst = ws.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)).reverse();
      const page = newestFirst.slice(offset, offset + limit);
      const hasMore = offset + limit < newestFirst.length;
      const withMetadata = booleanArg(args, 'include_all_metadata');
      return succeed({
        messages: page.map((m) => toApiMessage(ws, m, withMetadata)),
        has_more: hasMore,
        response_metadata: { next_cursor: hasMore ? String(offset + limit) : '' },
      });
    },

    // Member user ids, paged by cursor like Slack (default 100 a page).
    'conversations.members': (args) => {
      const channel = stringArg(args, 'channel');
      if (!channel || !ws.conversations.has(channel)) return fail('channel_not_found');
      const members = ws.channelMembers.get(channel) ?? [];
      const limit = Math.min(Math.max(integerArg(args, 'limit') ?? 100, 1), 1000);
      const offset = Number(stringArg(args, 'cursor') ?? '0') || 0;
      const hasMore = offset + limit < members.length;
      return succeed({ members: members.slice(offset, offset + limit), response_metadata: { next_cursor: hasMore ? String(offset + limit) : '' } });
    },

    // The parent first, then its replies, oldest first (as Slack answers it).
    'conversations.replies': (args) => {
      const channel = stringArg(args, 'channel');
      const ts = stringArg(args, 'ts');
      if (!channel || !ws.conversations.has(channel)) return fail('channel_not_found');
      if (!ts) return invalidArguments('[ERROR] missing required field: ts');
      const thread = ws.messages.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts));
      if (!thread.some((m) => m.ts === ts)) return fail('thread_not_found');
      const limit = Math.min(Math.max(integerArg(args, 'limit') ?? 1000, 1), 1000);
      const withMetadata = booleanArg(args, 'include_all_metadata');
      return succeed({ messages: thread.slice(0, limit).map((m) => toApiMessage(ws, m, withMetadata)), has_more: thread.length > limit });
    },
  };
}
