/**
 * With SLACK_TEAM_ID set, requests from any other workspace are refused before any listener runs,
 * and the attempt is audited. Both the payload's workspace and the acting user's must match: in a
 * Slack Connect channel the payload names the channel's workspace while `user.team_id` names the
 * guest's own. An Enterprise Grid id (E…) is matched against every enterprise id the payload
 * carries, whatever its kind (command, button, form, event).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { refusalModal } from '../views/index.js';
import type { ListenerDeps } from './context.js';

/** The fields of Slack's payloads that say where a request comes from (platform.md; fixtures). */
interface WorkspaceFields {
  type?: string;
  /** commands, events */
  team_id?: string;
  /** commands, events (top level) */
  enterprise_id?: string;
  /** block_actions, view_submission; null for an org-wide install */
  team?: { id?: string; enterprise_id?: string } | null;
  enterprise?: { id?: string } | null;
  /** block_actions, view_submission: the acting user and their own workspace */
  user?: { id?: string; team_id?: string };
  user_id?: string;
  /** a command or event by a user of another workspace in a shared channel */
  user_team?: string;
  /** events */
  authorizations?: Array<{ team_id?: string | null; enterprise_id?: string | null }>;
  event?: { user?: unknown; user_team?: string };
}

export interface RequestOrigin {
  /** workspace ids the payload names for itself */
  teams: string[];
  /** the acting user's own workspace, when the payload says */
  userTeams: string[];
  /** every Enterprise Grid id the payload names */
  enterprises: string[];
}

const present = (...values: Array<string | null | undefined>): string[] => values.filter((v): v is string => typeof v === 'string' && v !== '');

export function requestOrigin(body: WorkspaceFields): RequestOrigin {
  const auth = body.authorizations?.[0];
  return {
    teams: present(body.team_id, body.team?.id, auth?.team_id),
    userTeams: present(body.user?.team_id, body.user_team, body.event?.user_team),
    enterprises: present(body.enterprise?.id, body.team?.enterprise_id, body.enterprise_id, auth?.enterprise_id),
  };
}

/**
 * A workspace id (T…) must be the only workspace the payload and its user name; an Enterprise
 * Grid id (E…) the only enterprise. Silence is no match: a payload naming none is refused.
 */
export function isFromAllowedWorkspace(allowed: string, origin: RequestOrigin): boolean {
  if (allowed.startsWith('E')) {
    // a user's own workspace (T…) cannot be checked against the org id; an org id can
    const foreignOrg = origin.userTeams.some((t) => t.startsWith('E') && t !== allowed);
    return origin.enterprises.length > 0 && origin.enterprises.every((e) => e === allowed) && !foreignOrg;
  }
  const named = [...origin.teams, ...origin.userTeams];
  return named.length > 0 && named.every((t) => t === allowed);
}

export function workspaceGuard(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  const allowed = deps.config.slack.teamId;
  return async (args) => {
    if (!allowed) return args.next();
    const body = args.body as WorkspaceFields;
    const origin = requestOrigin(body);
    if (isFromAllowedWorkspace(allowed, origin)) return args.next();

    const eventUser = typeof body.event?.user === 'string' ? body.event.user : undefined;
    const userId = body.user_id ?? body.user?.id ?? eventUser ?? 'unknown';
    const teamId = origin.userTeams.find((t) => t !== allowed) ?? origin.teams.find((t) => t !== allowed) ?? origin.teams[0];
    deps.logger.warn({ userId, teamId, enterpriseId: origin.enterprises[0] }, 'request from another workspace refused');
    await deps.workflow.recordDenied(userId, teamId, 'other_workspace').catch(() => undefined);
    // The workspace's own language, not the person's: asking Slack who a foreign user is would
    // cost a call per refused request, before an ack due within 3 seconds.
    const channelReader = deps.readers.forChannel();
    const words = channelReader.t.workspace;
    const text = words.otherWorkspace();
    if ('ack' in args && typeof args.ack === 'function') {
      // A slash command shows the ack body; a form is replaced by the refusal instead of closing
      // as if accepted; a button click just needs the ack.
      const ack = args.ack as (r?: unknown) => Promise<void>;
      if ('command' in args) await ack({ response_type: 'ephemeral', text });
      else if (body.type === 'view_submission') await ack({ response_action: 'update', view: refusalModal(words.refusalTitle(), text, channelReader) });
      else await ack();
    }
  };
}
