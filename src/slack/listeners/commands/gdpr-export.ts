/**
 * `/gdpr-export [@person…|email|genesys-id] | help | status | timeline <case> | cases [filter|case] |
 * audit-export [days]`.
 * Acknowledged at once; refusals are ephemeral and store nothing (a denied requester is audited).
 */
import type { App } from '@slack/bolt';
import { parseCommandText } from '../../command-parser.js';
import { commandRefusalMessage } from '../../messages.js';
import { caseDetailMessage, caseListText, escapeSentence, helpText, statusListMessage, notAllowedText, mentionedPeopleRefusal } from '../../views/index.js';
import { explainFailure, tell, withinBudget, type ListenerDeps, type ReplyTarget } from '../context.js';
import { openExtendModal, openWithdrawModal } from '../actions/deadline.js';
import { sendAuditExport } from '../oversight.js';
import { openRequestModal } from '../request-flow.js';
import { openTimelineModal } from '../timeline-flow.js';
import { refusalText } from '../../catalog/index.js';

/** How long we may spend checking the people named before the trigger id (3 s) is at risk. */
const PEOPLE_CHECK_BUDGET_MS = 1_200;

export function registerGdprExportCommand(app: App, deps: ListenerDeps): void {
  app.command('/gdpr-export', async ({ command, ack, respond, client }) => {
    await ack();
    // Let the event loop ack the commands already waiting before this one's follow-up work.
    await new Promise((resolve) => setImmediate(resolve));
    const userId = command.user_id;
    const reader = await deps.readers.forUser(userId);
    const target: ReplyTarget = { userId, reader, respond, client };
    const parsed = parseCommandText(command.text ?? '', { maxSubjects: deps.config.policy.maxSubjects });
    try {
      switch (parsed.kind) {
        case 'help':
          await tell(target, helpText(deps.config.policy.maxSubjects, reader));
          return;
        case 'status': {
          const mine = await deps.workflow.listMyCasesIfRequester(userId, command.team_id, 20);
          if (!mine.ok) {
            await tell(target, refusalText(mine.refusal, reader));
            return;
          }
          const status = statusListMessage(mine.value, reader);
          await tell(target, status.text, status.blocks);
          return;
        }
        case 'refused':
          deps.metrics.requests.inc({ outcome: `refused_${parsed.reason}` });
          deps.logger.info({ userId, reason: parsed.reason }, 'slash command refused');
          await tell(target, commandRefusalMessage(parsed.reason, parsed.detail, reader));
          return;
        case 'cases': {
          const listed = await deps.workflow.listCasesFor(userId, parsed.filter, command.team_id);
          await tell(target, listed.ok ? caseListText(listed.value, deps.clock.now(), reader) : escapeSentence(refusalText(listed.refusal, reader)));
          return;
        }
        // `status GX-…` and `cases GX-…`: one case, for its requester, an approver or an auditor
        case 'case_status':
        case 'case': {
          const viewed = await deps.workflow.viewCaseFor(userId, parsed.caseId, command.team_id);
          if (!viewed.ok) {
            await tell(target, escapeSentence(refusalText(viewed.refusal, reader)));
            return;
          }
          const detail = caseDetailMessage(viewed.value, reader);
          await tell(target, detail.text, detail.blocks);
          return;
        }
        case 'audit_export':
          await tell(target, await sendAuditExport(client, deps, { userId, reader, days: parsed.days, teamId: command.team_id }));
          return;
        case 'extend':
          await openExtendModal(client, deps, command.trigger_id, parsed.caseId, reader);
          return;
        case 'withdraw':
          await openWithdrawModal(client, deps, command.trigger_id, parsed.caseId, reader);
          return;
        case 'timeline':
          await openTimelineModal(client, deps, { triggerId: command.trigger_id, caseId: parsed.caseId, target, teamId: command.team_id });
          return;
        case 'request': {
          if (!(await deps.workflow.canRequest(userId))) {
            deps.metrics.requests.inc({ outcome: 'denied' });
            await deps.workflow.recordDenied(userId, command.team_id, 'not_requester');
            await tell(target, notAllowedText(reader));
            return;
          }
          const checked = await withinBudget(
            Promise.all(parsed.slackUserIds.map((id) => deps.directory.person(id).then((p) => ({ id, p })))),
            PEOPLE_CHECK_BUDGET_MS,
          );
          if (checked) {
            const refusal = mentionedPeopleRefusal(
              checked.value.map(({ id, p }) => ({ id, exists: p !== undefined, isBot: p?.isBot ?? false, deleted: p?.deleted ?? false })),
              reader,
            );
            if (refusal) {
              deps.metrics.requests.inc({ outcome: 'refused_person' });
              deps.logger.info({ userId }, 'slash command refused: bot, deactivated or unknown person named');
              await tell(target, refusal);
              return;
            }
          }
          await openRequestModal(client, deps, {
            triggerId: command.trigger_id,
            userId,
            initialUserIds: parsed.slackUserIds,
            initialExtraIds: [...parsed.emails, ...parsed.genesysUserIds],
            channelId: command.channel_id,
            reader,
          });
          return;
        }
      }
    } catch (e) {
      await tell(target, explainFailure(e, reader, deps.logger, { userId, step: `command ${parsed.kind}` })).catch(() => undefined);
    }
  });
}
