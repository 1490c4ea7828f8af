import { describe, expect, it } from 'vitest';
import { readerFor } from '../../../src/slack/catalog/index.js';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { readTimelineRange, timelineModal } from '../../../src/slack/views/timeline-modal.js';
import type { ExportCase } from '../../../src/workflow/model.js';

const EN = readerFor('en');

const values = (from: string | null, to: string | null) => ({
  [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { selected_date: from } },
  [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { selected_date: to } },
});

describe('readTimelineRange', () => {
  it('is open on both ends when no date is picked', () => {
    expect(readTimelineRange(values(null, null), EN)).toEqual({ ok: true, range: {} });
  });
  it('covers whole UTC days, ending at the next midnight (exclusive)', () => {
    expect(readTimelineRange(values('2025-03-03', '2025-03-04'), EN)).toEqual({
      ok: true,
      range: { from: new Date('2025-03-03T00:00:00.000Z'), to: new Date('2025-03-05T00:00:00.000Z') },
    });
    expect(readTimelineRange(values('2025-03-04', '2025-03-04'), EN)).toMatchObject({ ok: true });
  });
  it('refuses an end before the start, on the end field', () => {
    expect(readTimelineRange(values('2025-03-05', '2025-03-04'), EN)).toEqual({
      ok: false,
      errors: { [ids.TIMELINE_TO_BLOCK]: 'The end date must be on or after the start date.' },
    });
  });
  it('refuses a date that is not one', () => {
    expect(readTimelineRange(values('2025-02-31x', null), EN)).toMatchObject({ ok: false });
  });
});

describe('timelineModal', () => {
  it('carries the case id only and stays inside Block Kit limits', () => {
    const c = {
      id: 'GX-7K2M9QPA',
      caseReference: 'DSAR <b>&',
      subjects: Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, genesysUserId: `g${i}`, name: `Person ${i}`, resolvedVia: 'email', state: 'completed', checks: 0, attempts: 1 })),
    } as unknown as ExportCase;
    const view = timelineModal(c, EN);
    expect(view.private_metadata).toBe('GX-7K2M9QPA');
    expect(view.callback_id).toBe(ids.TIMELINE_MODAL);
    expect(findBlockKitViolations('modal', view)).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('<b>');
  });
});
