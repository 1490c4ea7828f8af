import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { caseListText, homeView } from '../../../src/slack/views/index.js';
import type { CaseListing } from '../../../src/workflow/oversight.js';
import { readerFor } from '../../../src/slack/catalog/index.js';
import { HOSTILE_JUSTIFICATION, LONG_REFERENCE, NOW, awaitingCase, historicCase, makeCase } from './fixtures.js';

const EN = readerFor('en');
const many = (n: number) => Array.from({ length: n }, (_, i) => historicCase(i + 1));

describe('oversight views', () => {
  it('keeps a Home tab with every section full within Slack’s limits', () => {
    const oversight: CaseListing = { filter: 'all', cases: many(200), truncated: true };
    const view = homeView({
      myCases: many(60),
      awaitingMyApproval: Array.from({ length: 30 }, (_, i) => awaitingCase({ id: `GX-A${String(i).padStart(7, '0')}`, caseReference: LONG_REFERENCE })),
      isRequester: true,
      isApprover: true,
      now: NOW,
      oversight,
    }, EN);
    expect(findBlockKitViolations('home', view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('Only the newest 1,000 cases were read');
  });

  it('groups all cases into overdue, open and recently finished; never shows the justification', () => {
    const overdue = makeCase({ id: 'GX-OVERDUE1', state: 'in_progress', dueAt: '2025-03-01T00:00:00.000Z', justification: HOSTILE_JUSTIFICATION });
    const open = makeCase({ id: 'GX-OPEN0001', state: 'in_progress', dueAt: '2025-04-01T00:00:00.000Z' });
    const done = makeCase({ id: 'GX-DONE0001', state: 'completed', finishedAt: '2025-03-09T00:00:00.000Z', dueAt: '2025-03-01T00:00:00.000Z' });
    const old = makeCase({ id: 'GX-OLD00001', state: 'completed', finishedAt: '2024-01-01T00:00:00.000Z' });
    const text = caseListText({ filter: 'all', cases: [overdue, open, done, old], truncated: false }, NOW, EN);
    const [overdueAt, openAt, doneAt] = ['*Overdue* (1)', '*Open* (1)', '*Finished in the last 30 days* (1)'].map((t) => text.indexOf(t));
    expect(overdueAt).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('GX-OVERDUE1')).toBeGreaterThan(overdueAt!);
    expect(text.indexOf('GX-OPEN0001')).toBeGreaterThan(openAt!);
    expect(text.indexOf('GX-DONE0001')).toBeGreaterThan(doneAt!);
    expect(text).not.toContain('GX-OLD00001');
    expect(text).not.toContain(HOSTILE_JUSTIFICATION.slice(0, 20));
  });

  it('fits a long listing into one message', () => {
    const text = caseListText({ filter: 'open', cases: many(300), truncated: false }, NOW, EN);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/…and more/);
  });
});
