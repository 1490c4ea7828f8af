/**
 * Asks for an optional date range before building a case's conversation timeline.
 * private_metadata carries the case id only; the listener re-checks who may build it.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { InputBlock, ModalView } from './block-kit.js';
import { context, plain, section } from './block-kit.js';
import { listInWords, plural } from './format.js';
import { TIMELINE_FROM_ACTION, TIMELINE_FROM_BLOCK, TIMELINE_MODAL, TIMELINE_TO_ACTION, TIMELINE_TO_BLOCK } from './block-kit-ids.js';
import { caseIdCode, caseReference, subjectName } from './labels.js';

function dateInput(blockId: string, actionId: string, label: string, hint: string): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: { type: 'datepicker', action_id: actionId, placeholder: plain('Any date', 150) },
  };
}

export function timelineModal(c: ExportCase): ModalView {
  const names = c.subjects.map((s) => subjectName(s));
  return {
    type: 'modal',
    callback_id: TIMELINE_MODAL,
    private_metadata: c.id,
    title: plain('Conversation timeline', 24),
    submit: plain('Build timeline', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        `Merge the exports of case ${caseIdCode(c)} (reference ${caseReference(c)}) into one chronological conversation: ` +
          `${plural(names.length, 'person', 'people')} (${listInWords(names.slice(0, 10))}${names.length > 10 ? ', …' : ''}).`,
      ),
      dateInput(TIMELINE_FROM_BLOCK, TIMELINE_FROM_ACTION, 'From', 'Messages on or after this day (UTC). Leave empty for all.'),
      dateInput(TIMELINE_TO_BLOCK, TIMELINE_TO_ACTION, 'To', 'Messages up to the end of this day (UTC). Leave empty for all.'),
      context(
        'You get a CSV and a readable HTML file in your DM with the bot. They hold personal data: handle them under the case’s legal basis.',
      ),
    ],
  };
}

/** Reads the form into a half-open UTC range; an error names the field it concerns. */
export function readTimelineRange(
  values: Record<string, Record<string, { selected_date?: string | null }>>,
): { ok: true; range: { from?: Date; to?: Date } } | { ok: false; errors: Record<string, string> } {
  const day = (block: string, action: string) => values[block]?.[action]?.selected_date ?? undefined;
  const fromDay = day(TIMELINE_FROM_BLOCK, TIMELINE_FROM_ACTION);
  const toDay = day(TIMELINE_TO_BLOCK, TIMELINE_TO_ACTION);
  const from = fromDay ? new Date(`${fromDay}T00:00:00.000Z`) : undefined;
  // "to" is the whole day: the range ends at the next midnight, exclusive
  const to = toDay ? new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000) : undefined;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
    return { ok: false, errors: { [TIMELINE_FROM_BLOCK]: 'Pick dates with the calendar.' } };
  }
  if (from && to && from >= to) return { ok: false, errors: { [TIMELINE_TO_BLOCK]: 'The end date must be on or after the start date.' } };
  return { ok: true, range: { ...(from ? { from } : {}), ...(to ? { to } : {}) } };
}
