import { describe, expect, it } from 'vitest';
import { buildExportArchive, defaultSimUsers, formatRealtimeMessages } from '../../dev/genesys-simulator/index.js';
import { splitIntoChunks } from '../../dev/genesys-simulator/archive.js';
import { unzipEntries } from './sim-test-kit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('simulator: export archive', () => {
  const messages = [
    { created: '2025-03-03T09:00:00.000Z', text: 'Morning, all' },
    { created: '2025-03-03T09:02:30.000Z', text: 'Two things:\n1. the window\n2. the clause' },
  ];

  it('holds REALTIME!messages in the documented record format, multi-line messages included', async () => {
    const zip = await buildExportArchive({ requestId: 'req-1', userId: 'u-1', name: 'Alice', messages });
    const entries = await unzipEntries(zip);
    expect(entries.get('REALTIME!messages')).toBe(
      'created: 2025-03-03T09:00:00.000Z, message: Morning, all\n\n' +
        'created: 2025-03-03T09:02:30.000Z, message: Two things:\n1. the window\n2. the clause\n',
    );
  });

  it('has flat entries only: the messages, one venue profile and analytics noise (5 by default)', async () => {
    const entries = await unzipEntries(await buildExportArchive({ requestId: 'req-1', userId: 'u-1', name: 'Alice', messages }));
    const names = [...entries.keys()];
    expect(names.every((n) => !n.includes('/'))).toBe(true);
    expect(names.filter((n) => n === 'REALTIME!messages')).toHaveLength(1);

    const venues = names.filter((n) => n.startsWith('venue!'));
    expect(venues).toHaveLength(1);
    expect(venues[0]?.slice('venue!'.length)).toMatch(UUID);
    expect(JSON.parse(entries.get(venues[0] ?? '') ?? '')).toMatchObject({ id: 'u-1', name: 'Alice' });

    const analytics = names.filter((n) => n.startsWith('analytics!'));
    expect(analytics).toHaveLength(5);
    for (const n of analytics) expect(n.slice('analytics!'.length)).toMatch(UUID);
    expect(names).toHaveLength(7);
  });

  it('takes the number of noise entries, and leaves out the messages entry when there are none', async () => {
    const entries = await unzipEntries(await buildExportArchive({ requestId: 'r', userId: 'u', messages: [], noiseEntries: 2 }));
    expect(entries.has('REALTIME!messages')).toBe(false);
    expect([...entries.keys()].filter((n) => n.startsWith('analytics!'))).toHaveLength(2);
  });

  it('formats records separated by one blank line', () => {
    expect(formatRealtimeMessages([{ created: 'A', text: 'x' }, { created: 'B', text: 'y' }])).toBe(
      'created: A, message: x\n\ncreated: B, message: y\n',
    );
  });

  it('splits items into contiguous chunks in order', () => {
    expect(splitIntoChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(splitIntoChunks([1, 2], 3)).toEqual([[1], [2], []]);
    expect(splitIntoChunks([], 2)).toEqual([[], []]);
  });
});

describe('simulator: default users', () => {
  it('have distinct ids, two users sharing shared@example.com, and one user without a name', () => {
    const users = defaultSimUsers();
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(users.filter((u) => u.email === 'shared@example.com')).toHaveLength(2);
    expect(users.some((u) => u.name === undefined)).toBe(true);
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['alice@example.com', 'bob@example.com']));
  });

  it('give Alice and Bob messages at distinct times that interleave when merged', () => {
    const users = defaultSimUsers();
    const of = (email: string) =>
      (users.find((u) => u.email === email)?.messages ?? []).map((m) => ({ who: email, at: m.created }));
    const merged = [...of('alice@example.com'), ...of('bob@example.com')].sort((a, b) => a.at.localeCompare(b.at));
    expect(new Set(merged.map((m) => m.at)).size).toBe(merged.length);
    expect(merged.slice(0, 4).map((m) => m.who[0])).toEqual(['a', 'b', 'a', 'b']);
  });

  it('returns a fresh copy each call', () => {
    const first = defaultSimUsers();
    first[0]?.messages?.push({ created: 'x', text: 'y' });
    expect(defaultSimUsers()[0]?.messages).not.toContainEqual({ created: 'x', text: 'y' });
  });
});
