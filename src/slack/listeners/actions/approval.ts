/**
 * Approve and Reject buttons open a confirmation modal; the modal's submission decides. The workflow
 * checks who may decide at the click (quick feedback) and again when deciding (first decision wins),
 * whatever case id the button value or the modal's private_metadata carries.
 */
import type { AckFn, App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { approveModal, rejectModal } from '../../views/index.js';
import { APPROVE_CASE, APPROVE_MODAL, NOTE_ACTION, NOTE_BLOCK, REASON_ACTION, REASON_BLOCK, REJECT_CASE, REJECT_MODAL } from '../../views/block-kit-ids.js';
import { explainFailure, onButton, tell, type ListenerDeps } from '../context.js';
import { refusalText } from '../../catalog/index.js';
import type { Refusal } from '../../../workflow/result.js';

export function registerApprovalActions(app: App, deps: ListenerDeps): void {
  for (const [actionId, decision] of [
    [APPROVE_CASE, 'approve'],
    [REJECT_CASE, 'reject'],
  ] as const) {
    onButton(app, deps, actionId, `${decision} button`, async ({ body, value, client, userId, target, reader }) => {
      const checked = await deps.workflow.checkDecider(value ?? '', userId, 'open', body.team?.id);
      if (!checked.ok) {
        await tell(target, refusalText(checked.refusal, reader));
        return;
      }
      const c = checked.value;
      if (c.state !== 'awaiting_approval') {
        await tell(target, reader.t.card.alreadyDecided({ id: c.id }));
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: decision === 'approve' ? approveModal(c, reader) : rejectModal(c, reader) });
    });
  }

  app.view<ViewSubmitAction>(APPROVE_MODAL, async ({ ack, body, view }) => {
    const note = view.state.values[NOTE_BLOCK]?.[NOTE_ACTION]?.value?.trim() || undefined;
    await decide(deps, ack, body.user.id, view.private_metadata, NOTE_BLOCK, (caseId, actor) => deps.workflow.approve(caseId, actor, note));
  });

  app.view<ViewSubmitAction>(REJECT_MODAL, async ({ ack, body, view }) => {
    const reason = view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value?.trim() ?? '';
    if (reason.length === 0) {
      const reader = await deps.readers.forUser(body.user.id);
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: reader.t.card.reasonRequired() } });
      return;
    }
    await decide(deps, ack, body.user.id, view.private_metadata, REASON_BLOCK, (caseId, actor) => deps.workflow.reject(caseId, actor, reason));
  });
}


async function decide(
  deps: ListenerDeps,
  ack: AckFn<ViewResponseAction>,
  actor: string,
  caseId: string,
  errorBlock: string,
  run: (caseId: string, actor: string) => Promise<{ ok: true } | { ok: false; refusal: Refusal }>,
): Promise<void> {
  const reader = await deps.readers.forUser(actor);
  try {
    const result = await run(caseId, actor);
    if (result.ok) {
      await ack();
      return;
    }
    deps.logger.info({ actor, caseId, refusal: result.refusal.code }, 'decision refused');
    await ack({ response_action: 'errors', errors: { [errorBlock]: refusalText(result.refusal, reader) } });
  } catch (e) {
    await ack({ response_action: 'errors', errors: { [errorBlock]: explainFailure(e, reader, deps.logger, { actor, caseId, step: 'decision' }) } });
  }
}
