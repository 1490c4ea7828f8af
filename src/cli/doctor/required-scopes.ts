/**
 * The bot scopes the app needs, as manifest.yml grants them (a test keeps the two equal). Why each:
 * README "Set up" → "Bot scopes and why".
 */
export const REQUIRED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'im:history',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:write',
  'channels:read',
  'groups:read',
] as const;

/** Required scopes the token lacks, in the order above. */
export function missingScopes(granted: readonly string[]): string[] {
  const have = new Set(granted);
  return REQUIRED_BOT_SCOPES.filter((scope) => !have.has(scope));
}
