/**
 * GDPR auditors in Slack: the Home tab's filter and audit-export button, and the audit export
 * delivered to their DM (`/gdpr-export audit-export [days]` too). Who may see what is decided by
 * the workflow (canOversee, listCasesFor, exportAuditFor); this file only parses and renders.
 */
import type { App, BlockStaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isCaseListFilter } from '../../workflow/oversight.js';
import { auditExportComment, auditExportFileTitle, auditExportSentText, escapeSentence } from '../views/index.js';
import { EXPORT_AUDIT, OVERSIGHT_FILTER } from '../views/block-kit-ids.js';
import { explainFailure, onButton, tell, type ListenerDeps } from './context.js';
import { publishHome } from './events/app-home.js';
import { refusalText, type Reader } from '../catalog/index.js';

/** Builds the CSV and uploads it privately into the auditor's DM; resolves what to tell them. */
export async function sendAuditExport(client: WebClient, deps: ListenerDeps, input: { userId: string; reader: Reader; days: number; teamId?: string }): Promise<string> {
  const exported = await deps.workflow.exportAuditFor(input.userId, input.days, input.teamId);
  if (!exported.ok) {
    deps.logger.info({ userId: input.userId, code: exported.refusal.code }, 'audit export refused');
    return escapeSentence(refusalText(exported.refusal, input.reader));
  }
  const { csv, entries, since, until } = exported.value;
  const dm = await client.conversations.open({ users: input.userId });
  const channelId = dm.channel?.id ?? input.userId;
  await client.filesUploadV2({
    channel_id: channelId,
    initial_comment: auditExportComment({ entries, days: input.days, since, until }, input.reader),
    file_uploads: [
      {
        file: Buffer.from(csv, 'utf8'),
        filename: `gdpr-export-audit-${until.toISOString().slice(0, 10)}-${input.days}d.csv`,
        title: auditExportFileTitle(input.days, input.reader),
      },
    ],
  });
  deps.logger.info({ userId: input.userId, days: input.days, entries }, 'audit export delivered');
  return auditExportSentText(entries, input.reader);
}

export function registerOversightActions(app: App, deps: ListenerDeps): void {
  app.action<BlockStaticSelectAction>(OVERSIGHT_FILTER, async ({ ack, body, action, client }) => {
    await ack();
    const userId = body.user.id;
    const chosen = action.selected_option?.value;
    try {
      if (!isCaseListFilter(chosen)) {
        await deps.workflow.recordDenied(userId, body.team?.id, 'oversight_filter:bad_value');
        return;
      }
      await publishHome(client, deps, userId, chosen);
    } catch (e) {
      deps.logger.warn({ userId, err: (e as Error).message }, 'could not show the oversight listing');
    }
  });

  onButton(app, deps, EXPORT_AUDIT, 'audit export', async ({ body, value, userId, client, target, reader }) => {
    const days = Number(value);
    try {
      await tell(target, await sendAuditExport(client, deps, { userId, reader, days: Number.isInteger(days) ? days : NaN, teamId: body.team?.id }));
    } catch (e) {
      await tell(target, explainFailure(e, reader, deps.logger, { userId, step: 'audit export' }));
    }
  });
}
