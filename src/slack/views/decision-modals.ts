/**
 * The approve and reject dialogs opened from the approval card. private_metadata carries the case
 * id only; the listener re-reads the case and re-checks the approver on submission.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { KnownBlock, ModalView } from './block-kit.js';
import { context, plain, section } from './block-kit.js';
import { userMention } from './format.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import { APPROVE_MODAL, NOTE_ACTION, NOTE_BLOCK, REASON_ACTION, REASON_BLOCK, REJECT_MODAL } from './block-kit-ids.js';
import { caseIdCode, caseReference, deadlineLine, legalBasisLabel, subjectName } from './labels.js';

const NAMES_SHOWN = 10;

function summary(c: ExportCase, reader: Reader): KnownBlock {
  const names = c.subjects.slice(0, NAMES_SHOWN).map((s) => subjectName(s, reader));
  if (c.subjects.length > NAMES_SHOWN) names.push(reader.t.card.moreNames({ count: c.subjects.length - NAMES_SHOWN }));
  return section(
    reader.t.card.summary({
      caseId: caseIdCode(c),
      reference: caseReference(c, reader),
      requester: userMention(c.requesterId),
      people: c.subjects.length,
      names: reader.list(names),
      basis: legalBasisLabel(c, reader),
      deadline: deadlineLine(c, reader),
    }),
  );
}

export function approveModal(c: ExportCase, reader: Reader): ModalView {
  const words = reader.t.card;
  return {
    type: 'modal',
    callback_id: APPROVE_MODAL,
    private_metadata: c.id,
    title: plain(words.approveTitle(), 24),
    submit: plain(words.approveSubmit(), 24),
    close: plain(words.cancel(), 24),
    blocks: [
      summary(c, reader),
      section(words.approveEffect()),
      {
        type: 'input',
        block_id: NOTE_BLOCK,
        optional: true,
        label: plain(words.noteLabel()),
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

export function rejectModal(c: ExportCase, reader: Reader): ModalView {
  const words = reader.t.card;
  return {
    type: 'modal',
    callback_id: REJECT_MODAL,
    private_metadata: c.id,
    title: plain(words.rejectTitle(), 24),
    submit: plain(words.rejectSubmit(), 24),
    close: plain(words.cancel(), 24),
    blocks: [
      summary(c, reader),
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plain(words.reasonLabel()),
        hint: plain(words.reasonHint()),
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          min_length: FIELD_LIMITS.rejectReasonMin,
          max_length: FIELD_LIMITS.rejectReasonMax,
        },
      },
      context(words.rejectEffect()),
    ],
  };
}
