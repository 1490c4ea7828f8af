import { describe, expect, it } from 'vitest';
import { FIND_EXPORT_PAGE_SIZE, findExportSince, type RequestPage } from '../../../src/genesys/find-export-since.js';
import type { GdprRequestInfo } from '../../../src/workflow/ports.js';

const since = new Date('2026-03-02T10:00:00.000Z');
const at = (offsetSeconds: number) => new Date(since.getTime() + offsetSeconds * 1000).toISOString();

function req(id: string, offsetSeconds: number, overrides: Partial<GdprRequestInfo> = {}): GdprRequestInfo {
  return { id, requestType: 'GDPR_EXPORT', status: 'INITIATED', createdDate: at(offsetSeconds), subjectUserId: 'u1', downloadIds: [], ...overrides };
}

/** pads a page to full size with old requests of another user, so it does not look like the last page */
function fullPage(entities: GdprRequestInfo[], filler: number): GdprRequestInfo[] {
  const pad = Array.from({ length: FIND_EXPORT_PAGE_SIZE - entities.length }, (_, i) => req(`pad-${i}`, filler, { subjectUserId: 'other' }));
  return [...entities, ...pad];
}

function pager(pages: RequestPage[]) {
  const asked: number[] = [];
  return {
    asked,
    listPage: async (pageNumber: number, pageSize: number) => {
      expect(pageSize).toBe(FIND_EXPORT_PAGE_SIZE);
      asked.push(pageNumber);
      return pages[pageNumber - 1] ?? { entities: [] };
    },
  };
}

describe('findExportSince', () => {
  it('returns the newest matching export, ignoring other users, other types and older requests', async () => {
    const { listPage } = pager([
      {
        entities: [
          req('other-user', 50, { subjectUserId: 'u2' }),
          req('delete', 40, { requestType: 'GDPR_DELETE' }),
          req('older', -1),
          req('match-early', 5),
          req('match-late', 20),
          req('exactly-since', 0),
        ],
      },
    ]);
    expect((await findExportSince({ listPage }, 'u1', since))?.id).toBe('match-late');
  });

  it('resolves undefined when nothing matches', async () => {
    const { listPage } = pager([{ entities: [req('older', -10)] }]);
    expect(await findExportSince({ listPage }, 'u1', since)).toBeUndefined();
  });

  it('keeps scanning while a page holds anything recent, without trusting the order', async () => {
    const p = pager([
      { entities: fullPage([req('recent-other', 10, { subjectUserId: 'u9' })], -100), pageCount: 3 },
      { entities: fullPage([req('found-on-page-2', 3)], -100), pageCount: 3 },
      { entities: fullPage([], -100), pageCount: 3 },
    ]);
    expect((await findExportSince({ listPage: p.listPage }, 'u1', since))?.id).toBe('found-on-page-2');
    expect(p.asked).toEqual([1, 2, 3]);
  });

  it('stops at a page whose every entry is older than since', async () => {
    const p = pager([
      { entities: fullPage([req('recent', 10, { subjectUserId: 'u9' })], -100) },
      { entities: fullPage([], -100) },
      { entities: fullPage([req('never-read', 10)], -100) },
    ]);
    expect(await findExportSince({ listPage: p.listPage }, 'u1', since)).toBeUndefined();
    expect(p.asked).toEqual([1, 2]);
  });

  it('stops at the last page by pageCount or by a short page', async () => {
    const byCount = pager([{ entities: fullPage([], 100), pageCount: 1 }, { entities: fullPage([req('x', 1)], 100) }]);
    await findExportSince({ listPage: byCount.listPage }, 'u1', since);
    expect(byCount.asked).toEqual([1]);

    const byShortPage = pager([{ entities: [req('recent', 10, { subjectUserId: 'u9' })] }, { entities: [req('x', 1)] }]);
    await findExportSince({ listPage: byShortPage.listPage }, 'u1', since);
    expect(byShortPage.asked).toEqual([1]);
  });

  it('stops at the page cap and says so', async () => {
    const endless = async () => ({ entities: fullPage([], 100) });
    let capped = 0;
    const found = await findExportSince({ listPage: endless, maxPages: 3, onPageCapReached: (n) => (capped = n) }, 'u1', since);
    expect(found).toBeUndefined();
    expect(capped).toBe(3);
  });
});
