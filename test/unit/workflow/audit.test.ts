import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/index.js';
import { AUDIT_CSV_COLUMNS, exportAudit, recordAudit, REFUSAL_COLLAPSE_WINDOW_MS } from '../../../src/workflow/audit.js';
import { createAuditIdSource } from '../../../src/workflow/case-and-audit-ids.js';
import { FakeClock } from './fakes.js';

async function withEntries() {
  const clock = new FakeClock('2025-03-01T00:00:00.000Z');
  const store = await createMemoryStore({ clock });
  const ids = createAuditIdSource();
  await recordAudit(store, clock, { action: 'requested', actor: 'U1', teamId: 'T1', caseId: 'GX-AAAAAAAA', subjectIds: ['g1', 'g2'] }, ids);
  clock.advance(86_400_000);
  await recordAudit(store, clock, { action: 'rejected', actor: 'U2', caseId: 'GX-AAAAAAAA', detail: '=HYPERLINK("x")', teamId: undefined }, ids);
  clock.advance(86_400_000);
  await recordAudit(store, clock, { action: 'purged', actor: 'system', caseId: 'GX-AAAAAAAA' }, ids);
  return { store };
}

describe('recordAudit', () => {
  it('stamps time and a time-ordered id, and drops empty fields', async () => {
    const { store } = await withEntries();
    const entries = [];
    for await (const e of store.readAudit(new Date(0))) entries.push(e);
    expect(entries.map((e) => e.at)).toEqual(['2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z', '2025-03-03T00:00:00.000Z']);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort());
    expect(Object.keys(entries[1]!)).not.toContain('teamId');
  });
});

describe('recordAudit of refusals (issue 11: no flooding)', () => {
  async function denials(steps: Array<{ actor: string; detail: string; advanceMs?: number }>) {
    const clock = new FakeClock('2025-03-01T00:00:00.000Z');
    const store = await createMemoryStore({ clock });
    const ids = createAuditIdSource();
    for (const step of steps) {
      clock.advance(step.advanceMs ?? 1_000);
      await recordAudit(store, clock, { action: 'denied', actor: step.actor, teamId: 'T1', detail: step.detail }, ids);
    }
    const entries = [];
    for await (const e of store.readAudit(new Date(0))) entries.push(e);
    return entries.map((e) => ({ actor: e.actor, detail: e.detail, count: e.count ?? 1 }));
  }

  it('counts the same refusal of the same person within the window into one entry, keeping distinct ones apart', async () => {
    const same = { actor: 'U1', detail: 'approve:not_approver' };
    expect(await denials([same, same, { actor: 'U1', detail: 'retry:not_requester' }, same, { actor: 'U2', detail: 'approve:not_approver' }])).toEqual([
      { ...same, count: 3 },
      { actor: 'U1', detail: 'retry:not_requester', count: 1 },
      { actor: 'U2', detail: 'approve:not_approver', count: 1 },
    ]);
  });

  it('starts a new entry once the window has passed', async () => {
    const same = { actor: 'U1', detail: 'approve:not_approver' };
    expect(await denials([same, same, { ...same, advanceMs: REFUSAL_COLLAPSE_WINDOW_MS }, same])).toEqual([
      { ...same, count: 2 },
      { ...same, count: 2 },
    ]);
  });
});

describe('exportAudit', () => {
  it('writes JSON lines for [since, until)', async () => {
    const { store } = await withEntries();
    const chunks: string[] = [];
    const n = await exportAudit(store, { since: new Date('2025-03-01T00:00:00.000Z'), until: new Date('2025-03-03T00:00:00.000Z'), format: 'jsonl' }, (c) => chunks.push(c));
    expect(n).toBe(2);
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual(['requested', 'rejected']);
  });

  it('writes CSV with a header, ids joined, and formulas neutralised', async () => {
    const { store } = await withEntries();
    let out = '';
    const n = await exportAudit(store, { since: new Date(0), format: 'csv' }, (c) => (out += c));
    expect(n).toBe(3);
    const rows = out.trimEnd().split('\n');
    expect(rows[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(rows[1]).toMatch(/,requested,U1,T1,GX-AAAAAAAA,g1 g2,,,1,,,1,0{64},[0-9a-f]{64},$/); // no custody: an empty last cell
    expect(rows[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rows).toHaveLength(4);
  });

  it('carries a timeline’s chain of custody in JSON lines and in the last CSV column', async () => {
    const clock = new FakeClock('2025-03-01T00:00:00.000Z');
    const store = await createMemoryStore({ clock });
    const custody = {
      archives: [{ requestId: 'req-1', subjectId: 'g1', completedAt: '2025-02-28T10:00:00.000Z', archive: 1, archiveBytes: 1234, zipSha256: 'a'.repeat(64), chatSha256: ['b'.repeat(64)], messages: 12 }],
      files: [{ name: 'GX-AAAAAAAA-timeline.csv', bytes: 99, sha256: 'c'.repeat(64) }],
    };
    await recordAudit(store, clock, { action: 'timeline_built', actor: 'U1', caseId: 'GX-AAAAAAAA', requestIds: ['req-1'], custody }, createAuditIdSource());
    let jsonl = '';
    await exportAudit(store, { since: new Date(0), format: 'jsonl' }, (c) => (jsonl += c));
    expect(JSON.parse(jsonl).custody).toEqual(custody);
    let csv = '';
    await exportAudit(store, { since: new Date(0), format: 'csv' }, (c) => (csv += c));
    const lastCell = /,"((?:[^"]|"")*)"\n$/.exec(csv)?.[1];
    expect(csv.split('\n')[0]!.endsWith(',custody')).toBe(true);
    expect(JSON.parse(lastCell!.replaceAll('""', '"'))).toEqual(custody);
  });
});
