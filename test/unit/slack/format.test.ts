import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapedChunks, packLines } from '../../../src/slack/views/block-kit.js';
import { clip, escapeDisplayText, escapeMrkdwn, escapeSentence, inlineCode, principalMention, redactEmails, singleLine } from '../../../src/slack/views/format.js';
import { readerFor } from '../../../src/slack/catalog/index.js';

describe('escapedChunks', () => {
  it('splits escaped text into pieces that fit and rebuild it exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 5, max: 400 }), (raw, max) => {
        const chunks = escapedChunks(raw, max);
        expect(chunks.join('')).toBe(escapeMrkdwn(raw));
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          // never cut inside an escape sequence
          expect(chunk).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?$/);
        }
      }),
    );
  });

  it('prefers to break between words', () => {
    expect(escapedChunks('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb ', 'cccc']);
  });

  it('handles the worst case: 2000 characters that all need escaping', () => {
    const chunks = escapedChunks('<'.repeat(2000), 3000);
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe('&lt;'.repeat(2000));
  });
});

describe('packLines', () => {
  it('groups lines without exceeding the limit', () => {
    expect(packLines(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(packLines(['x'.repeat(20)], 10)).toEqual([`${'x'.repeat(9)}…`]);
  });
});

describe('text helpers', () => {
  it('clip never splits a surrogate pair', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
  });

  it('inlineCode drops backticks and control characters and escapes', () => {
    expect(inlineCode('a`b\u0000<c>', 40)).toBe("`a'b &lt;c&gt;`");
  });

  it('redactEmails masks addresses only', () => {
    expect(redactEmails('to jane@example.com now')).toBe('to [email address] now');
  });

  it('mentions users and groups by id only', () => {
    expect(principalMention('U123')).toBe('<@U123>');
    expect(principalMention('S123')).toBe('<!subteam^S123>');
    expect(principalMention('<!channel>')).toBe('`&lt;!channel&gt;`');
  });

  it('formats dates for Slack with a UTC fallback, and survives bad input', () => {
    const en = readerFor('en');
    expect(en.slackDate('2025-04-01T08:15:00.000Z')).toBe('<!date^1743495300^{date_long}|1 April 2025>');
    expect(en.slackDate('2025-04-01T08:15:00.000Z', true)).toBe('<!date^1743495300^{date_short_pretty} at {time}|1 Apr 2025, 08:15 UTC>');
    // French writes « le <date> »: a date Slack may show as « aujourd’hui » would read « le aujourd’hui »
    expect(readerFor('fr').slackDate('2025-04-01T08:15:00.000Z', true)).toBe('<!date^1743495300^{date_short} à {time}|1 avr. 2025, 08:15 UTC>');
    expect(en.slackDate('not a date')).toBe('an unknown date');
    expect(en.slackDate(undefined)).toBe('an unknown date');
  });
});

describe('escaping names and sentences that quote them', () => {
  it('escapeDisplayText: links, broadcasts and bold show as text', () => {
    expect(escapeDisplayText('<https://evil|click> <!channel> *bold* & co')).toBe('&lt;https://evil|click&gt; &lt;!channel&gt; bold &amp; co');
    expect(escapeDisplayText('Zoë O’Brien-Łukasz')).toBe('Zoë O’Brien-Łukasz');
    expect(escapeDisplayText('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('escapeSentence keeps the mentions the bot writes and escapes everything else', () => {
    expect(escapeSentence('Already approved by <@U0APPROVER1> in <#C0APPROVALS> for <!subteam^S0LEGAL>.')).toBe(
      'Already approved by <@U0APPROVER1> in <#C0APPROVALS> for <!subteam^S0LEGAL>.',
    );
    expect(escapeSentence('The export for <https://evil|x> <!channel> *b* & <@U0X|spoof> is not ready.')).toBe(
      'The export for &lt;https://evil|x&gt; &lt;!channel&gt; b &amp; &lt;@U0X|spoof&gt; is not ready.',
    );
  });
});

describe('singleLine', () => {
  it('makes one line of any whitespace but keeps French no-break spaces', () => {
    expect(singleLine(' a\n\tb\u200bc  ')).toBe('a b c');
    expect(singleLine('Accord\u00a0; périmètre «\u00a0DSAR\u00a0»\u202f!')).toBe('Accord\u00a0; périmètre «\u00a0DSAR\u00a0»\u202f!');
  });
});
