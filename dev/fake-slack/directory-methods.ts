/** auth.test, users.info, usergroups.users.list: who the bot is and who the people are. */
import type { MethodHandler } from './method-result.js';
import { booleanArg, fail, stringArg, succeed } from './method-result.js';
import type { FakeSlackUser, Workspace } from './workspace.js';

export function createDirectoryMethods(ws: Workspace): Record<string, MethodHandler> {
  const { teamId, botUserId, botId } = ws.identity;
  return {
    'auth.test': () =>
      succeed({
        url: `https://fake-${teamId.toLowerCase()}.slack.com/`,
        team: 'Fake Slack',
        user: 'gdpr-export',
        team_id: teamId,
        user_id: botUserId,
        bot_id: botId,
        is_enterprise_install: false,
      }),

    'users.info': (args) => {
      const user = ws.users.get(stringArg(args, 'user') ?? '');
      if (!user) return fail('user_not_found');
      // Slack leaves the email out unless the app has users:read.email (platform.md §5).
      const apiUser = toApiUser(user, teamId, ws.identity.scopes.includes('users:read.email'));
      // Slack sends the locale only when asked (include_locale)
      return succeed({ user: booleanArg(args, 'include_locale') ? { ...apiUser, locale: user.locale ?? 'en-US' } : apiUser });
    },

    'usergroups.users.list': (args) => {
      const members = ws.usergroups.get(stringArg(args, 'usergroup') ?? '');
      if (!members) return fail('no_such_subteam');
      return succeed({ users: [...members] });
    },
  };
}

function toApiUser(user: FakeSlackUser, defaultTeamId: string, withEmail: boolean): Record<string, unknown> {
  const realName = user.real_name ?? user.name;
  return {
    id: user.id,
    team_id: user.team_id ?? defaultTeamId,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/Amsterdam',
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    is_admin: false,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.name,
      display_name_normalized: user.name,
      ...(withEmail && user.email ? { email: user.email } : {}),
    },
  };
}
