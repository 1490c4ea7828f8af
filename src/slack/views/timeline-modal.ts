/**
 * Asks for an optional date range before building a case's conversation timeline.
 * private_metadata carries the case id only; the listener re-checks who may build it.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { InputBlock, ModalView } from './block-kit.js';
import { context, plain, section } from './block-kit.js';
import { TIMELINE_FROM_ACTION, TIMELINE_FROM_BLOCK, TIMELINE_MODAL, TIMELINE_TO_ACTION, TIMELINE_TO_BLOCK } from './block-kit-ids.js';
import { caseIdCode, caseReference, subjectName } from './labels.js';

const NAMES_SHOWN = 10;

function dateInput(blockId: string, actionId: string, label: string, hint: string, reader: Reader): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: { type: 'datepicker', action_id: actionId, placeholder: plain(reader.t.timeline.modal.anyDate(), 150) },
  };
}

export function timelineModal(c: ExportCase, reader: Reader): ModalView {
  const words = reader.t.timeline.modal;
  const names = c.subjects.map((s) => subjectName(s, reader));
  const shown = `${reader.list(names.slice(0, NAMES_SHOWN))}${names.length > NAMES_SHOWN ? ', …' : ''}`;
  return {
    type: 'modal',
    callback_id: TIMELINE_MODAL,
    private_metadata: c.id,
    title: plain(words.title(), 24),
    submit: plain(words.submit(), 24),
    close: plain(words.close(), 24),
    blocks: [
      section(words.intro({ caseId: caseIdCode(c), reference: caseReference(c, reader), people: names.length, names: shown })),
      dateInput(TIMELINE_FROM_BLOCK, TIMELINE_FROM_ACTION, words.from(), words.fromHint(), reader),
      dateInput(TIMELINE_TO_BLOCK, TIMELINE_TO_ACTION, words.to(), words.toHint(), reader),
      context(words.privacy()),
    ],
  };
}

/** Reads the form into a half-open UTC range; an error names the field it concerns. */
export function readTimelineRange(
  values: Record<string, Record<string, { selected_date?: string | null }>>,
  reader: Reader,
): { ok: true; range: { from?: Date; to?: Date } } | { ok: false; errors: Record<string, string> } {
  const day = (block: string, action: string) => values[block]?.[action]?.selected_date ?? undefined;
  const fromDay = day(TIMELINE_FROM_BLOCK, TIMELINE_FROM_ACTION);
  const toDay = day(TIMELINE_TO_BLOCK, TIMELINE_TO_ACTION);
  const from = fromDay ? new Date(`${fromDay}T00:00:00.000Z`) : undefined;
  // "to" is the whole day: the range ends at the next midnight, exclusive
  const to = toDay ? new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000) : undefined;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
    return { ok: false, errors: { [TIMELINE_FROM_BLOCK]: reader.t.timeline.modal.pickWithCalendar() } };
  }
  if (from && to && from >= to) return { ok: false, errors: { [TIMELINE_TO_BLOCK]: reader.t.timeline.modal.endBeforeStart() } };
  return { ok: true, range: { ...(from ? { from } : {}), ...(to ? { to } : {}) } };
}
