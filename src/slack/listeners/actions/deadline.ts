/**
 * Extending a DSAR's deadline: the "Extend deadline" button (or `/gdpr-export extend GX-…`) opens
 * the dialog; its submission asks the workflow, which decides who may and whether it still can.
 */
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ExportCase } from '../../../workflow/model.js';
import { inlineCode } from '../../views/format.js';
import { escapeSentence, extendModal, refusalModal, withdrawModal } from '../../views/index.js';
import {
  EXTEND_DEADLINE,
  EXTEND_MODAL,
  EXTEND_MONTHS_ACTION,
  EXTEND_MONTHS_BLOCK,
  EXTEND_REASON_ACTION,
  EXTEND_REASON_BLOCK,
  WITHDRAW_CASE,
  WITHDRAW_MODAL,
  WITHDRAW_NOTE_ACTION,
  WITHDRAW_NOTE_BLOCK,
  WITHDRAW_REASON_ACTION,
  WITHDRAW_REASON_BLOCK,
} from '../../views/block-kit-ids.js';
import { explainFailure, onButton, type ListenerDeps } from '../context.js';
import { refusalText, type Reader } from '../../catalog/index.js';

/** A dialog about one case, and its title should the case not exist. */
interface CaseModal {
  title: (reader: Reader) => string;
  build: (c: ExportCase, reader: Reader) => View;
}

const EXTEND: CaseModal = { title: (reader) => reader.t.deadline.extendTitle(), build: extendModal };
const WITHDRAW: CaseModal = { title: (reader) => reader.t.deadline.withdrawTitle(), build: withdrawModal };

/** Opens a dialog about one case for `reader`; the workflow re-checks who may act when it is submitted. */
async function openCaseModal(client: WebClient, deps: ListenerDeps, triggerId: string, caseId: string, reader: Reader, modal: CaseModal): Promise<void> {
  const c = await deps.workflow.getCase(caseId);
  const view = c ? modal.build(c, reader) : refusalModal(modal.title(reader), reader.t.deadline.noSuchCase({ caseId: inlineCode(caseId, 40) }), reader);
  await client.views.open({ trigger_id: triggerId, view });
}

export function openExtendModal(client: WebClient, deps: ListenerDeps, triggerId: string, caseId: string, reader: Reader): Promise<void> {
  return openCaseModal(client, deps, triggerId, caseId, reader, EXTEND);
}

export function openWithdrawModal(client: WebClient, deps: ListenerDeps, triggerId: string, caseId: string, reader: Reader): Promise<void> {
  return openCaseModal(client, deps, triggerId, caseId, reader, WITHDRAW);
}

export function registerDeadlineActions(app: App, deps: ListenerDeps): void {
  onButton(app, deps, WITHDRAW_CASE, 'withdraw button', async ({ body, value, client, reader }) => {
    await openWithdrawModal(client, deps, body.trigger_id, value ?? '', reader);
  });

  app.view<ViewSubmitAction>(WITHDRAW_MODAL, async ({ ack, body, view }) => {
    const actor = body.user.id;
    const caseId = view.private_metadata;
    const reason = view.state.values[WITHDRAW_REASON_BLOCK]?.[WITHDRAW_REASON_ACTION]?.selected_option?.value ?? '';
    const note = view.state.values[WITHDRAW_NOTE_BLOCK]?.[WITHDRAW_NOTE_ACTION]?.value ?? undefined;
    const reader = await deps.readers.forUser(actor);
    try {
      const result = await deps.workflow.withdraw(caseId, actor, reason, note);
      if (result.ok) {
        await ack();
        return;
      }
      deps.logger.info({ actor, caseId, refusal: result.refusal.code }, 'withdrawal refused');
      await ack({ response_action: 'errors', errors: { [WITHDRAW_REASON_BLOCK]: escapeSentence(refusalText(result.refusal, reader)) } });
    } catch (e) {
      await ack({ response_action: 'errors', errors: { [WITHDRAW_REASON_BLOCK]: explainFailure(e, reader, deps.logger, { actor, caseId, step: 'withdraw' }) } });
    }
  });

  onButton(app, deps, EXTEND_DEADLINE, 'extend deadline button', async ({ body, value, client, reader }) => {
    await openExtendModal(client, deps, body.trigger_id, value ?? '', reader);
  });

  app.view<ViewSubmitAction>(EXTEND_MODAL, async ({ ack, body, view }) => {
    const actor = body.user.id;
    const caseId = view.private_metadata;
    const months = Number(view.state.values[EXTEND_MONTHS_BLOCK]?.[EXTEND_MONTHS_ACTION]?.selected_option?.value ?? NaN);
    const reason = view.state.values[EXTEND_REASON_BLOCK]?.[EXTEND_REASON_ACTION]?.value ?? '';
    const reader = await deps.readers.forUser(actor);
    if (reason.trim().length === 0) {
      await ack({ response_action: 'errors', errors: { [EXTEND_REASON_BLOCK]: reader.t.deadline.extendReasonRequired() } });
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
      await ack({ response_action: 'errors', errors: { [block]: escapeSentence(refusalText(result.refusal, reader)) } });
    } catch (e) {
      await ack({ response_action: 'errors', errors: { [EXTEND_REASON_BLOCK]: explainFailure(e, reader, deps.logger, { actor, caseId, step: 'extend deadline' }) } });
    }
  });
}
