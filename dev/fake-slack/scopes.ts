/** Which bot scope each method needs (platform.md §5), so a manifest missing one fails in tests. */
import type { SlackArgs } from './method-result.js';
import { stringArg } from './method-result.js';

/** Everything the bot's methods need; tests narrow it to prove a missing scope is reported. */
export const DEFAULT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'channels:history',
  'groups:history',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:write',
  'channels:read',
  'groups:read',
];

const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'usergroups.users.list': 'usergroups:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

const HISTORY_SCOPES: Record<string, string> = { C: 'channels:history', G: 'groups:history', D: 'im:history' };
/** conversations.members: public channels need channels:read, private ones groups:read */
const MEMBERS_SCOPES: Record<string, string> = { C: 'channels:read', G: 'groups:read' };

export function scopeNeeded(method: string, args: SlackArgs): string | undefined {
  if (method === 'conversations.history' || method === 'conversations.replies') return HISTORY_SCOPES[(stringArg(args, 'channel') ?? '').charAt(0)];
  if (method === 'conversations.members') return MEMBERS_SCOPES[(stringArg(args, 'channel') ?? '').charAt(0)] ?? 'channels:read';
  return METHOD_SCOPES[method];
}
