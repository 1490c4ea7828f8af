/**
 * Extending a DSAR's deadline: the "Extend deadline" button (or `/gdpr-export extend GX-…`) opens
 * the dialog; its submission asks the workflow, which decides who may and whether it still can.
 */
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { escapeSentence, extendModal, refusalModal } from '../../views/index.js';
import { EXTEND_DEADLINE, EXTEND_MODAL, EXTEND_MONTHS_ACTION, EXTEND_MONTHS_BLOCK, EXTEND_REASON_ACTION, EXTEND_REASON_BLOCK } from '../../views/ids.js';
import { explainFailure, onButton, type ListenerDeps } from '../context.js';

export async function openExtendModal(client: WebClient, deps: ListenerDeps, triggerId: string, caseId: string): Promise<void> {
  const c = await deps.workflow.getCase(caseId);
  const view = c ? extendModal(c) : refusalModal('Extend GDPR deadline', `There is no export request ${caseId}.`);
  await client.views.open({ trigger_id: triggerId, view });
}

export function registerDeadlineActions(app: App, deps: ListenerDeps): void {
  onButton(app, deps, EXTEND_DEADLINE, 'extend deadline button', async ({ body, value, client }) => {
    await openExtendModal(client, deps, body.trigger_id, value ?? '');
  });

  app.view<ViewSubmitAction>(EXTEND_MODAL, async ({ ack, body, view }) => {
    const actor = body.user.id;
    const caseId = view.private_metadata;
    const months = Number(view.state.values[EXTEND_MONTHS_BLOCK]?.[EXTEND_MONTHS_ACTION]?.selected_option?.value ?? NaN);
    const reason = view.state.values[EXTEND_REASON_BLOCK]?.[EXTEND_REASON_ACTION]?.value ?? '';
    if (reason.trim().length === 0) {
      await ack({ response_action: 'errors', errors: { [EXTEND_REASON_BLOCK]: 'Give the reason for the extension: the data subject must be told it.' } });
      return;
    }
    try {
      const result = await deps.workflow.extendDeadline(caseId, actor, months, reason);
      if (result.ok) {
        await ack();
        return;
      }
      deps.logger.info({ actor, caseId, refusal: result.refusal.code }, 'deadline extension refused');
      const block = result.refusal.code === 'invalid_request' ? EXTEND_MONTHS_BLOCK : EXTEND_REASON_BLOCK;
      await ack({ response_action: 'errors', errors: { [block]: escapeSentence(result.refusal.message) } });
    } catch (e) {
      await ack({ response_action: 'errors', errors: { [EXTEND_REASON_BLOCK]: explainFailure(e, deps.logger, { actor, caseId, step: 'extend deadline' }) } });
    }
  });
}
