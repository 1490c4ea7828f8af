import { describe, expect, it } from 'vitest';
import { TimelineError } from '../../../src/timeline/errors.js';
import { mergeTimeline, type SubjectRecords } from '../../../src/timeline/merge.js';
import { describeSummary } from '../../../src/timeline/format-summary.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';
import type { ParsedRecord } from '../../../src/timeline/realtime-messages.js';

const msg = (created: string, text: string): ParsedRecord => ({ kind: 'message', created, text, line: 1 });
const subject = (subjectId: string, name: string, records: ParsedRecord[], archives = [{ realtimeEntries: 1, otherEntries: 10 }]): SubjectRecords => ({
  subjectId,
  name,
  genesysUserId: `gid-${subjectId}`,
  records,
  archives,
});

const alice = subject('s1', 'Alice Martin', [
  msg('2024-01-03T09:12:00.000Z', 'a1'),
  msg('2024-01-03T09:14:00.000Z', 'a2'),
  msg('2024-01-05T08:00:00.000Z', 'a3'),
]);
const bob = subject('s2', 'Bob Chen', [msg('2024-01-03T09:13:00.000Z', 'b1'), msg('2024-01-04T10:00:00.000Z', 'b2')]);

const texts = (subjects: SubjectRecords[], options = {}) => mergeTimeline(subjects, options).timeline.messages.map((m) => m.text);

describe('mergeTimeline', () => {
  it('interleaves everyone\'s messages by time', () => {
    expect(texts([alice, bob])).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('orders records that are out of order within one export', () => {
    const shuffled = subject('s1', 'A', [msg('2024-01-03T10:00:00.000Z', 'late'), msg('2024-01-03T09:00:00.000Z', 'early')]);
    expect(texts([shuffled])).toEqual(['early', 'late']);
  });

  it('keeps equal timestamps in subject order, then in each export\'s own order', () => {
    const at = '2024-01-03T09:12:00.000Z';
    const first = subject('s1', 'A', [msg(at, 'A-1'), msg(at, 'A-2')]);
    const second = subject('s2', 'B', [msg(at, 'B-1'), msg('2024-01-03T09:11:00.000Z', 'B-early'), msg(at, 'B-2')]);
    expect(texts([second, first])).toEqual(['B-early', 'B-1', 'B-2', 'A-1', 'A-2']);
    expect(texts([first, second])).toEqual(['B-early', 'A-1', 'A-2', 'B-1', 'B-2']);
  });

  it('labels each message with its author, id and person index', () => {
    const [first, second] = mergeTimeline([alice, bob]).timeline.messages;
    expect(first).toEqual({ at: '2024-01-03T09:12:00.000Z', ms: Date.parse('2024-01-03T09:12:00.000Z'), personIndex: 0, author: 'Alice Martin', genesysUserId: 'gid-s1', text: 'a1' });
    expect(second).toMatchObject({ personIndex: 1, author: 'Bob Chen' });
  });

  it('keeps only messages inside a half-open range and counts the others', () => {
    const range = { from: new Date('2024-01-03T09:13:00.000Z'), to: new Date('2024-01-05T08:00:00.000Z') };
    const { timeline, summary } = mergeTimeline([alice, bob], { range });
    expect(timeline.messages.map((m) => m.text)).toEqual(['b1', 'a2', 'b2']);
    expect(summary.skipped.outOfRange).toBe(2);
    expect(summary.people.map((p) => [p.messages, p.outOfRange])).toEqual([
      [1, 2],
      [2, 0],
    ]);
    expect(summary.range).toEqual({ from: '2024-01-03T09:13:00.000Z', to: '2024-01-05T08:00:00.000Z' });
  });

  it('accepts an open-ended range', () => {
    expect(texts([alice, bob], { range: { from: new Date('2024-01-04T00:00:00Z') } })).toEqual(['b2', 'a3']);
    expect(texts([alice, bob], { range: { to: new Date('2024-01-03T09:13:00Z') } })).toEqual(['a1']);
  });

  it('refuses a range that ends before it starts, or an invalid date', () => {
    const backwards = { from: new Date('2024-02-01'), to: new Date('2024-01-01') };
    expect(() => mergeTimeline([alice], { range: backwards })).toThrow(TimelineError);
    expect(() => mergeTimeline([alice], { range: { from: new Date('nonsense') } })).toThrow(/date range is not valid/);
  });

  it('keeps unknown records apart, verbatim, and counts them by reason', () => {
    const odd = subject('s1', 'A', [
      { kind: 'unknown', raw: 'header text', reason: 'text before the first record', line: 1 },
      msg('2024-01-03T09:12:00.000Z', 'ok'),
      { kind: 'unknown', raw: 'created: x, message: y', reason: 'invalid timestamp', line: 4 },
    ]);
    const { timeline, summary } = mergeTimeline([odd], { range: { from: new Date('2030-01-01') } });
    expect(timeline.unrecognised).toEqual([
      { personIndex: 0, author: 'A', genesysUserId: 'gid-s1', raw: 'header text', reason: 'text before the first record' },
      { personIndex: 0, author: 'A', genesysUserId: 'gid-s1', raw: 'created: x, message: y', reason: 'invalid timestamp' },
    ]);
    expect(summary.unrecognised).toEqual({ total: 2, byReason: { 'text before the first record': 1, 'invalid timestamp': 1 } });
  });

  it('summarises per person and overall', () => {
    const { summary } = mergeTimeline([alice, bob], { timeZone: 'Europe/Paris' });
    expect(summary).toMatchObject({
      messages: 5,
      firstAt: '2024-01-03T09:12:00.000Z',
      lastAt: '2024-01-05T08:00:00.000Z',
      archivesRead: 2,
      emptyExports: [],
      skipped: { outOfRange: 0, noiseEntries: 20 },
      timeZone: 'Europe/Paris',
    });
    expect(summary.people[0]).toEqual({
      subjectId: 's1',
      name: 'Alice Martin',
      genesysUserId: 'gid-s1',
      messages: 3,
      firstAt: '2024-01-03T09:12:00.000Z',
      lastAt: '2024-01-05T08:00:00.000Z',
      archivesRead: 1,
      archivesWithoutChat: 0,
      outOfRange: 0,
      unrecognised: 0,
      outOfOrder: 0,
    });
  });

  it('names exports that held no chat entry, but not those with an empty one', () => {
    const noChat = subject('s3', 'Carol', [], [{ realtimeEntries: 0, otherEntries: 5 }, { realtimeEntries: 0, otherEntries: 2 }]);
    const emptyChat = subject('s4', 'Dan', [], [{ realtimeEntries: 1, otherEntries: 0 }]);
    const { summary } = mergeTimeline([alice, noChat, emptyChat]);
    expect(summary.emptyExports).toEqual([{ subjectId: 's3', name: 'Carol', genesysUserId: 'gid-s3' }]);
    expect(summary.people[1]).toMatchObject({ archivesRead: 2, archivesWithoutChat: 2, messages: 0 });
    expect(summary.archivesRead).toBe(4);
  });

  it('falls back to UTC with a note for an unknown time zone', () => {
    const { summary } = mergeTimeline([alice], { timeZone: 'Mars/Olympus_Mons' });
    expect(summary.timeZone).toBe('UTC');
    expect(summary.zoneProblem).toEqual({ requested: 'Mars/Olympus_Mons' });
    expect(describeSummary(summary, enTimelineFiles)).toContain('The time zone "Mars/Olympus_Mons" is not recognised, so local times are shown in UTC.');
  });

  it('handles no subjects at all', () => {
    const { timeline, summary } = mergeTimeline([]);
    expect(timeline.messages).toEqual([]);
    expect(summary).toMatchObject({ messages: 0, firstAt: undefined, lastAt: undefined, archivesRead: 0 });
  });
});
