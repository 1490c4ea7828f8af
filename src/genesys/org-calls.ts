/**
 * Reads of the org around the GDPR API, over the one call helper: a user's name and the chat
 * retention setting. Both need optional permissions, so their absence is an answer, not a failure.
 */
import { isGenesysError } from '../workflow/genesys-error.js';
import type { ApiCaller } from './api-caller.js';
import { chatSettingsSchema, userSchema } from './models.js';

export function readUser(api: ApiCaller, userId: string) {
  return api.call({ operation: 'getUserName', method: 'GET', path: `/api/v2/users/${encodeURIComponent(userId)}`, schema: userSchema });
}

export function readChatSettings(api: ApiCaller) {
  return api.call({ operation: 'getChatRetentionDays', method: 'GET', path: '/api/v2/chats/settings', schema: chatSettingsSchema });
}

export async function getChatRetentionDays(api: ApiCaller): Promise<number | undefined> {
  try {
    return (await readChatSettings(api)).messageRetentionPeriodDays;
  } catch (e) {
    if (isGenesysError(e) && e.code === 'permission_missing') {
      api.logger.info({ permission: e.permission }, 'chat retention unknown: the OAuth client may not read chat settings');
      return undefined;
    }
    throw e;
  }
}

export async function getUserName(api: ApiCaller, userId: string): Promise<string | undefined> {
  try {
    return (await readUser(api, userId)).name?.trim() || undefined;
  } catch (e) {
    // optional permission; an unknown id may still be a deleted user whose chat can be exported
    if (isGenesysError(e) && (e.code === 'permission_missing' || e.code === 'not_found')) {
      api.logger.info({ code: e.code, permission: e.permission }, 'Genesys user name unknown');
      return undefined;
    }
    throw e;
  }
}
