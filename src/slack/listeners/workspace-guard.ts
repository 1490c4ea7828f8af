/**
 * With SLACK_TEAM_ID set, requests from any other workspace are refused before any listener runs,
 * and the attempt is audited.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerDeps } from './context.js';

export function workspaceGuard(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  const allowed = deps.config.slack.teamId;
  return async (args) => {
    if (!allowed) return args.next();
    const body = args.body as { team_id?: string; team?: { id?: string } | null; user?: { id?: string; team_id?: string }; user_id?: string; enterprise_id?: string };
    const teamId = body.team_id ?? body.team?.id ?? body.user?.team_id;
    if (teamId === allowed || body.enterprise_id === allowed) return args.next();

    const userId = body.user_id ?? body.user?.id ?? 'unknown';
    deps.logger.warn({ userId, teamId }, 'request from another workspace refused');
    await deps.workflow.recordDenied(userId, teamId, 'other_workspace').catch(() => undefined);
    const text = 'This GDPR export bot serves another Slack workspace, so it cannot take requests from here.';
    if ('ack' in args && typeof args.ack === 'function') {
      // A slash command shows the ack body to the person; interactive payloads just need the ack.
      const isCommand = 'command' in args;
      await (args.ack as (r?: unknown) => Promise<void>)(isCommand ? { response_type: 'ephemeral', text } : undefined);
    }
  };
}
