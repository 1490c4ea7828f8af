import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSummaryLine } from '../../../src/timeline/format-summary.js';
import { mergeTimeline, type SubjectRecords } from '../../../src/timeline/merge.js';
import type { ParsedRecord } from '../../../src/timeline/realtime-messages.js';
import { csvRow, renderCsv } from '../../../src/timeline/render-csv.js';
import { renderHtml } from '../../../src/timeline/render-html.js';
import { renderText } from '../../../src/timeline/render-text.js';
import { createLocalFormatter } from '../../../src/timeline/time-zone.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';

const msg = (created: string, text: string): ParsedRecord => ({ kind: 'message', created, text, line: 1 });
const person = (subjectId: string, name: string, records: ParsedRecord[]): SubjectRecords => ({
  subjectId,
  name,
  genesysUserId: `gid-${subjectId}`,
  records,
  archives: [{ realtimeEntries: 1, otherEntries: 3 }],
});

const csvBody = (csv: string) => csv.replace(/^\ufeff/, '').split('\n').slice(1).join('\n');

function timelineOf(subjects: SubjectRecords[], timeZone = 'Europe/Paris') {
  return mergeTimeline(subjects, { timeZone });
}

describe('csvRow', () => {
  it('writes what csv-stringify with escape_formulas writes, for any cells', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('=1', '-', '＝x', '\tx', '\rx', '"', ',', '\n', ''));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        expect(csvRow(cells)).toBe(stringify([cells], { escape_formulas: true }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderCsv', () => {
  it('starts with a BOM and the header row', () => {
    const csv = renderCsv(timelineOf([]).timeline, { timeZone: 'UTC', labels: enTimelineFiles });
    expect(csv).toBe('\ufefftime_utc,time_local,author,genesys_user_id,text,note\n');
  });

  it('writes UTC and local times in the requester\'s zone, across DST', () => {
    const { timeline } = timelineOf([person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'winter'), msg('2024-07-01T09:12:00.000Z', 'summer')])]);
    expect(csvBody(renderCsv(timeline, { timeZone: 'Europe/Paris', labels: enTimelineFiles }))).toBe(
      '2024-01-03T09:12:00.000Z,2024-01-03 10:12:00,Alice,gid-s1,winter,\n' + '2024-07-01T09:12:00.000Z,2024-07-01 11:12:00,Alice,gid-s1,summer,\n',
    );
    expect(csvBody(renderCsv(timeline, { timeZone: 'Asia/Kolkata', labels: enTimelineFiles }))).toContain('2024-01-03 14:42:00');
  });

  it('quotes commas, quotes and newlines', () => {
    const { timeline } = timelineOf([person('s1', 'Martin, Alice', [msg('2024-01-03T09:12:00.000Z', 'He said "hi"\nthen left')])]);
    expect(csvBody(renderCsv(timeline, { timeZone: 'UTC', labels: enTimelineFiles }))).toBe(
      '2024-01-03T09:12:00.000Z,2024-01-03 09:12:00,"Martin, Alice",gid-s1,"He said ""hi""\nthen left",\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas, in text and names', () => {
    const texts = ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'safe = text'];
    const { timeline } = timelineOf([person('s1', '=cmd|calc', texts.map((t, i) => msg(`2024-01-03T09:1${i}:00.000Z`, t)))]);
    const rows = csvBody(renderCsv(timeline, { timeZone: 'UTC', labels: enTimelineFiles }));
    expect(rows).toContain(`'=cmd|calc`);
    for (const expected of [`"'=HYPERLINK(""x"")"`, `,'+1,`, `,'-2+3,`, `,'@SUM(A1),`, `,'\tTAB,`, `"'\rCR"`, ',safe = text,']) {
      expect(rows).toContain(expected);
    }
  });

  it('appends unrecognised entries without a time and with a note', () => {
    const odd = person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'ok'), { kind: 'unknown', raw: 'created: ?, message: x', reason: 'invalid timestamp', line: 3 }]);
    const lines = csvBody(renderCsv(timelineOf([odd]).timeline, { timeZone: 'UTC', labels: enTimelineFiles })).trimEnd().split('\n');
    expect(lines[1]).toBe(',,Alice,gid-s1,"created: ?, message: x",unrecognised: invalid timestamp');
  });

  it('falls back to UTC for an unknown zone instead of failing', () => {
    const { timeline } = timelineOf([person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'x')])]);
    expect(csvBody(renderCsv(timeline, { timeZone: 'Not/AZone', labels: enTimelineFiles }))).toContain(',2024-01-03 09:12:00,');
  });
});

describe('renderHtml', () => {
  const subjects = [
    person('s1', 'Alice <b>Martin</b>', [msg('2024-01-03T09:12:00.000Z', '<script>alert("x")</script>'), msg('2024-01-03T23:30:00.000Z', 'first line\nsecond & last')]),
    person('s2', 'Bob Chen', [msg('2024-01-03T09:13:00.000Z', "it's <img src=x onerror=alert(1)>")]),
  ];
  const { timeline, summary } = timelineOf(subjects);
  const html = renderHtml(timeline, summary, { timeZone: 'Europe/Paris', labels: enTimelineFiles, title: 'Timeline <GX-1>' });

  it('escapes every piece of data and contains no script', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Alice &lt;b&gt;Martin&lt;/b&gt;');
    expect(html).toContain('<title>Timeline &lt;GX-1&gt;</title>');
  });

  it('loads nothing from outside and forbids it by CSP', () => {
    const withoutData = html.replace(/<main>[\s\S]*<\/main>/, '');
    expect(withoutData).not.toMatch(/\b(src|href)\s*=|url\(|@import|https?:/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('keeps line breaks and shows local times under local day headings', () => {
    expect(html).toContain('first line\nsecond &amp; last');
    expect(html).toContain('white-space: pre-wrap');
    expect(html).toContain('<h2>Wednesday, 3 January 2024</h2>');
    expect(html).toContain('<h2>Thursday, 4 January 2024</h2>'); // 23:30 UTC is past midnight in Paris
    expect(html).toContain('<time datetime="2024-01-03T09:12:00.000Z" title="2024-01-03T09:12:00.000Z UTC">10:12:00</time>');
  });

  it('gives each author a distinct colour', () => {
    const articles = html.split('<article class="msg"').slice(1);
    const colours = articles.map((a) => [/<span class="author"[^>]*>([^<&]+)/.exec(a)?.[1], /border-color:(#[0-9a-f]{6})/.exec(a)?.[1]]);
    expect(colours).toEqual([
      ['Alice ', expect.stringMatching(/^#/)],
      ['Bob Chen', expect.stringMatching(/^#/)],
      ['Alice ', colours[0]?.[1]],
    ]);
    expect(colours[0]?.[1]).not.toBe(colours[1]?.[1]);
  });

  it('puts the summary before the messages', () => {
    const summaryAt = html.indexOf('class="summary"');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(html.indexOf('class="msg"'));
    expect(html).toContain('Local times are shown in Europe/Paris.');
  });

  it('lists unrecognised entries verbatim at the end', () => {
    const odd = person('s1', 'A', [{ kind: 'unknown', raw: 'weird <stuff>\n  indented', reason: 'text before the first record', line: 1 }]);
    const merged = timelineOf([odd]);
    const page = renderHtml(merged.timeline, merged.summary, { timeZone: 'UTC', labels: enTimelineFiles, title: 't' });
    expect(page).toContain('<pre class="raw">weird &lt;stuff&gt;\n  indented</pre>');
    expect(page).toContain('No messages to show.');
  });
});

describe('renderText', () => {
  it('writes one block per message, continuation lines indented, in local time', () => {
    const { timeline, summary } = timelineOf([
      person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'hello\nworld')]),
      person('s2', 'Bob', [msg('2024-01-03T09:13:00.000Z', 'hi')]),
    ]);
    const text = renderText(timeline, summary, { timeZone: 'Europe/Paris', labels: enTimelineFiles, title: 'Case GX-1' });
    expect(text.startsWith('Case GX-1\n=========\n\n* Messages: 2 (Alice 1, Bob 1).\n')).toBe(true);
    expect(text).toContain('[2024-01-03 10:12:00] Alice: hello\n    world\n[2024-01-03 10:13:00] Bob: hi\n');
  });
});

describe('messages out of file order', () => {
  const flagged: ParsedRecord = { kind: 'message', created: '2019-01-01T09:00:00.000Z', text: 'back-dated', line: 3, outOfOrder: true };
  const merged = timelineOf([person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'a'), flagged])], 'UTC');

  it('are shown at their own time and flagged in every format', () => {
    expect(merged.timeline.messages.map((m) => m.text)).toEqual(['back-dated', 'a']);
    expect(csvBody(renderCsv(merged.timeline, { timeZone: 'UTC', labels: enTimelineFiles }))).toContain(
      '2019-01-01T09:00:00.000Z,2019-01-01 09:00:00,Alice,gid-s1,back-dated,out of file order: dated before the message listed above it in the export\n',
    );
    expect(renderText(merged.timeline, merged.summary, { timeZone: 'UTC', labels: enTimelineFiles, title: 't' })).toContain('[2019-01-01 09:00:00] Alice (out of file order): back-dated');
    expect(renderHtml(merged.timeline, merged.summary, { timeZone: 'UTC', labels: enTimelineFiles, title: 't' })).toContain('<span class="flag">out of file order</span>');
  });

  it('are counted in the summary', () => {
    expect(merged.summary.outOfOrder).toBe(1);
    expect(formatSummaryLine(merged.summary, enTimelineFiles)).toContain('1 message out of file order (flagged)');
  });
});

describe('formatSummaryLine', () => {
  it('gives counts per person, the period, archives and unrecognised entries', () => {
    const subjects = [
      person('s1', 'Alice Martin', [msg('2024-01-03T09:12:00.000Z', 'a'), msg('2024-02-10T17:40:00.000Z', 'b')]),
      { ...person('s2', 'Bob Chen', [msg('2024-01-04T09:12:00.000Z', 'c'), { kind: 'unknown', raw: 'x', reason: 'invalid timestamp', line: 1 }]), archives: [{ realtimeEntries: 1, otherEntries: 0 }, { realtimeEntries: 1, otherEntries: 0 }] },
    ];
    expect(formatSummaryLine(mergeTimeline(subjects).summary, enTimelineFiles)).toBe(
      'Alice Martin: 2 messages, Bob Chen: 1 message · 2024-01-03 09:12 → 2024-02-10 17:40 UTC · 3 archives read · 1 entry kept verbatim (unrecognised)',
    );
  });

  it('mentions messages outside the range and exports without chat', () => {
    const subjects = [person('s1', 'Alice', [msg('2024-01-03T09:12:00.000Z', 'a')]), { ...person('s2', 'Bob', []), archives: [{ realtimeEntries: 0, otherEntries: 4 }] }];
    const { summary } = mergeTimeline(subjects, { range: { from: new Date('2025-01-01') } });
    expect(formatSummaryLine(summary, enTimelineFiles)).toBe(
      'Alice: 0 messages, Bob: 0 messages · no messages · 2 archives read · 1 message outside the date range · no chat in the export of Bob',
    );
  });
});

describe('createLocalFormatter', () => {
  it('agrees with Intl for any instant in any of several zones, in any order', () => {
    const zones = ['Europe/Paris', 'America/St_Johns', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'America/Sao_Paulo'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), { minLength: 1, maxLength: 20 }),
        (zone, dates) => {
          const format = createLocalFormatter(zone);
          const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' });
          for (const date of dates) expect(format(date.toISOString())).toBe(intl.format(date));
        },
      ),
      { numRuns: 300 },
    );
  });
});
