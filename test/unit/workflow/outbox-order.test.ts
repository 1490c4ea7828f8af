import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/workflow/model.js';
import { inReadingOrder } from '../../../src/workflow/outbox.js';

const n = (id: string, kind: Notification['kind'], at: string): Notification => ({
  id,
  kind,
  caseId: 'GX-AAAAAAAA',
  createdAt: at,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at,
});

describe('inReadingOrder', () => {
  it('sends events before summaries when they are due at the same instant', () => {
    const t = '2025-03-03T09:00:00.000Z';
    const ordered = inReadingOrder([
      n('GX-AAAAAAAA:case_finished:2', 'case_finished', t),
      n('GX-AAAAAAAA:case_status:7', 'case_status', t),
      n('GX-AAAAAAAA:subject_ready:s2:1', 'subject_ready', t),
    ]);
    expect(ordered.map((x) => x.kind)).toEqual(['subject_ready', 'case_status', 'case_finished']);
  });

  it('keeps time order first, and the store’s order among equals', () => {
    const ordered = inReadingOrder([
      n('b', 'case_finished', '2025-03-03T09:00:00.000Z'),
      n('c', 'subject_ready', '2025-03-03T09:00:01.000Z'),
      n('a2', 'subject_ready', '2025-03-03T09:00:00.000Z'),
      n('a1', 'subject_ready', '2025-03-03T09:00:00.000Z'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['a2', 'a1', 'b', 'c']);
  });
});
