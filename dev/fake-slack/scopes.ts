/**
 * Which bot scope each method needs (platform.md §5). The fake grants what manifest.yml grants, so
 * a method the bot calls without its scope fails in tests as it would after a real install.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { SlackArgs } from './method-result.js';
import { stringArg } from './method-result.js';

/** The bot scopes manifest.yml asks for: what an installed app really holds. */
export function manifestBotScopes(manifestUrl = new URL('../../manifest.yml', import.meta.url)): string[] {
  const manifest = parse(readFileSync(manifestUrl, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const bot = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(bot) || !bot.every((s) => typeof s === 'string')) throw new Error('manifest.yml has no oauth_config.scopes.bot list');
  return bot;
}

/** The fake's default grant; tests narrow it to prove a missing scope is reported. */
export const DEFAULT_SCOPES: readonly string[] = manifestBotScopes();

const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'usergroups.users.list': 'usergroups:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'files.delete': 'files:write',
};

const HISTORY_SCOPES: Record<string, string> = { C: 'channels:history', G: 'groups:history', D: 'im:history' };
/** conversations.members: public channels need channels:read, private ones groups:read */
const MEMBERS_SCOPES: Record<string, string> = { C: 'channels:read', G: 'groups:read' };

export function scopeNeeded(method: string, args: SlackArgs): string | undefined {
  if (method === 'conversations.history' || method === 'conversations.replies') return HISTORY_SCOPES[(stringArg(args, 'channel') ?? '').charAt(0)];
  if (method === 'conversations.members') return MEMBERS_SCOPES[(stringArg(args, 'channel') ?? '').charAt(0)] ?? 'channels:read';
  return METHOD_SCOPES[method];
}
