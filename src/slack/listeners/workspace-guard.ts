/**
 * With SLACK_TEAM_ID set, requests from any other workspace are refused before any listener runs,
 * and the attempt is audited.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { refusalModal } from '../views/index.js';
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
      // A slash command shows the ack body; a form is replaced by the refusal instead of closing
      // as if accepted; a button click just needs the ack.
      const ack = args.ack as (r?: unknown) => Promise<void>;
      if ('command' in args) await ack({ response_type: 'ephemeral', text });
      else if ((body as { type?: string }).type === 'view_submission') await ack({ response_action: 'update', view: refusalModal('GDPR chat export', text) });
      else await ack();
    }
  };
}
