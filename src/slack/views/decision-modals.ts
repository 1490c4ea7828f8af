/**
 * The approve and reject dialogs opened from the approval card. private_metadata carries the case
 * id only; the listener re-reads the case and re-checks the approver on submission.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { KnownBlock, ModalView } from './block-kit.js';
import { context, plain, section } from './block-kit.js';
import { listInWords, plural, userMention } from './format.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import { APPROVE_MODAL, NOTE_ACTION, NOTE_BLOCK, REASON_ACTION, REASON_BLOCK, REJECT_MODAL } from './block-kit-ids.js';
import { caseIdCode, caseReference, deadlineLine, legalBasisLabel, subjectName } from './labels.js';

const NAMES_SHOWN = 10;

function summary(c: ExportCase): KnownBlock {
  const names = c.subjects.slice(0, NAMES_SHOWN).map((s) => subjectName(s));
  if (c.subjects.length > NAMES_SHOWN) names.push(`${c.subjects.length - NAMES_SHOWN} more`);
  return section(
    `Case ${caseIdCode(c)} (reference ${caseReference(c)}) from ${userMention(c.requesterId)}: ` +
      `${plural(c.subjects.length, 'person', 'people')} (${listInWords(names)}), ${legalBasisLabel(c)}. ` +
      `${deadlineLine(c) ?? 'No GDPR response deadline'}.`,
  );
}

export function approveModal(c: ExportCase): ModalView {
  return {
    type: 'modal',
    callback_id: APPROVE_MODAL,
    private_metadata: c.id,
    title: plain('Approve export', 24),
    submit: plain('Approve', 24),
    close: plain('Cancel', 24),
    blocks: [
      summary(c),
      section('Approving sends one GDPR export request per person to Genesys Cloud straight away.'),
      {
        type: 'input',
        block_id: NOTE_BLOCK,
        optional: true,
        label: plain('Note for the requester and the audit log'),
        element: {
          type: 'plain_text_input',
          action_id: NOTE_ACTION,
          multiline: true,
          max_length: FIELD_LIMITS.approvalNoteMax,
        },
      },
    ],
  };
}

export function rejectModal(c: ExportCase): ModalView {
  return {
    type: 'modal',
    callback_id: REJECT_MODAL,
    private_metadata: c.id,
    title: plain('Reject export', 24),
    submit: plain('Reject', 24),
    close: plain('Cancel', 24),
    blocks: [
      summary(c),
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plain('Reason'),
        hint: plain('The requester sees this reason, so say what would make the request acceptable.'),
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          min_length: FIELD_LIMITS.rejectReasonMin,
          max_length: FIELD_LIMITS.rejectReasonMax,
        },
      },
      context('Nothing is sent to Genesys Cloud. The requester can submit a new request.'),
    ],
  };
}
