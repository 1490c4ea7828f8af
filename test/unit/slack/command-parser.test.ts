import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedCommand } from '../../../src/slack/command-parser.js';
import { isGenesysUserId, isValidEmail, parseCommandText } from '../../../src/slack/command-parser.js';
import { commandRefusalMessage, type CommandRefusalReason } from '../../../src/slack/messages.js';
import { readerFor } from '../../../src/slack/catalog/index.js';

const opts = { maxSubjects: 5 };
const parse = (text: string) => parseCommandText(text, opts);
/** what the person who typed it reads, in English */
const wordOf = (parsed: Extract<ParsedCommand, { kind: 'refused' }>) => commandRefusalMessage(parsed.reason, parsed.detail, readerFor('en'));

const request = (slackUserIds: string[] = [], emails: string[] = [], genesysUserIds: string[] = []): ParsedCommand => ({
  kind: 'request',
  slackUserIds,
  emails,
  genesysUserIds,
});

interface Refusal {
  refused: CommandRefusalReason;
  /** text the message must contain */
  says?: string;
  /** text the message must not contain */
  hides?: string;
}

const UUID = '0d5f3c2a-1b4e-4c8d-9f00-123456789abc';
const mentions = (n: number) => Array.from({ length: n }, (_, i) => `<@U${i + 1}AAA|p${i}>`).join(' ');

const table: Array<[string, ParsedCommand | Refusal]> = [
  ['', request()],
  ['   \n\t ', request()],
  ['help', { kind: 'help' }],
  [' HELP ', { kind: 'help' }],
  ['status', { kind: 'status' }],
  ['Status', { kind: 'status' }],
  ['status gx-7k2m9qpa', { kind: 'case_status', caseId: 'GX-7K2M9QPA' }],
  ['extend GX-7K2M9QPA', { kind: 'extend', caseId: 'GX-7K2M9QPA' }],
  ['withdraw GX-7K2M9QPA', { kind: 'withdraw', caseId: 'GX-7K2M9QPA' }],
  ['timeline GX-7K2M9QPA', { kind: 'timeline', caseId: 'GX-7K2M9QPA' }],
  ['TIMELINE gx-7k2m9qpa', { kind: 'timeline', caseId: 'GX-7K2M9QPA' }],
  ['timeline', { refused: 'unknown_token', says: '`/gdpr-export timeline GX-7K2M9QPA`' }],
  ['timeline GX-ILOU0000', { refused: 'unknown_token', says: "I don't recognise `GX-ILOU0000`" }],
  ['timeline GX-7K2M9QPA extra', { refused: 'unknown_token', says: '`extra`' }],
  ['cases', { kind: 'cases', filter: 'all' }],
  ['cases overdue', { kind: 'cases', filter: 'overdue' }],
  ['CASES Open', { kind: 'cases', filter: 'open' }],
  ['cases mine', { kind: 'cases', filter: 'mine' }],
  ['cases gx-7k2m9qpa', { kind: 'case', caseId: 'GX-7K2M9QPA' }],
  ['cases late', { refused: 'unknown_token', says: '`/gdpr-export cases overdue`' }],
  ['cases open GX-7K2M9QPA', { refused: 'unknown_token', says: '`GX-7K2M9QPA`' }],
  ['audit-export', { kind: 'audit_export', days: 30 }],
  ['audit-export 90', { kind: 'audit_export', days: 90 }],
  ['audit-export -5', { refused: 'unknown_token', says: '`-5`' }],
  ['audit-export 10 days', { refused: 'unknown_token', says: '`days`' }],
  ['help me', { refused: 'unknown_token', says: '`help`' }],
  ['<@U123ABC|jane>', request(['U123ABC'])],
  ['<@U123ABC>', request(['U123ABC'])],
  ['<@W0G2ABC|sam.grid>', request(['W0G2ABC'])],
  ['<@U123ABC|here>', request(['U123ABC'])],
  ['<@U1|a> <@U2|b>,<@U3|c>; <@U1|a>', request(['U1', 'U2', 'U3'])],
  ['<@U1> and <@U2> AND <@U3>', request(['U1', 'U2', 'U3'])],
  ['<@U1>\n<@U2>\t<@U3>', request(['U1', 'U2', 'U3'])],
  ['<@U1> and', request(['U1'])],
  ['<@U1|evil<@U2>>', { refused: 'unknown_token' }],
  ['<@u123abc>', { refused: 'unknown_token', says: '`<@u123abc>`'.replace('<', '&lt;').replace('>', '&gt;') }],
  ['<!here>', { refused: 'broadcast', says: "Genesys Cloud does not support exporting a whole organisation's chat history: name the people concerned, at most 5." }],
  ['<!here|here>', { refused: 'broadcast' }],
  ['<!channel>', { refused: 'broadcast' }],
  ['<!everyone|@everyone> <@U1>', { refused: 'broadcast' }],
  ['@here', { refused: 'broadcast' }],
  ['@Channel please', { refused: 'broadcast' }],
  ['<@U1> <!subteam^S0123ABC|@legal-team>', { refused: 'usergroup', says: 'at most 5' }],
  ['<#C0123ABC|general> <!subteam^S0123ABC>', { refused: 'usergroup' }],
  ['<#C0123ABC|general>', { refused: 'channel' }],
  ['<#C0123ABC>', { refused: 'channel' }],
  ['<mailto:Jane.Doe@Example.com|Jane.Doe@Example.com>', request([], ['jane.doe@example.com'])],
  ['jane@example.com', request([], ['jane@example.com'])],
  ['JANE@EXAMPLE.COM, <mailto:jane@example.com|jane@example.com>', request([], ['jane@example.com'])],
  ['jane@example', { refused: 'invalid_email', says: 'Item 1 ', hides: 'jane@example' }],
  ['<@U1> <mailto:a@b|a@b>', { refused: 'invalid_email', says: 'Item 2 ', hides: 'a@b' }],
  ['jane@@example.com', { refused: 'invalid_email' }],
  ['foo:jane@example.com', { refused: 'invalid_email', hides: 'jane@example.com' }],
  [UUID.toUpperCase(), request([], [], [UUID])],
  [`${UUID} ${UUID.toUpperCase()}`, request([], [], [UUID])],
  [`<@U1> jane@example.com ${UUID}`, request(['U1'], ['jane@example.com'], [UUID])],
  [mentions(5), request(['U1AAA', 'U2AAA', 'U3AAA', 'U4AAA', 'U5AAA'])],
  [`${mentions(5)} <@U1AAA>`, request(['U1AAA', 'U2AAA', 'U3AAA', 'U4AAA', 'U5AAA'])],
  [mentions(6), { refused: 'too_many', says: 'You named 6 people, but one request covers at most 5.' }],
  [`${mentions(4)} a@example.com ${UUID}`, { refused: 'too_many', says: 'You named 6 people' }],
  [', ; and ,', { refused: 'nobody_named' }],
  ['and', { refused: 'nobody_named' }],
  ['\u0000', { refused: 'nobody_named' }],
  ['hello', { refused: 'unknown_token', says: "I don't recognise `hello`." }],
  ['@jane', { refused: 'unknown_token', says: 'Slack did not turn it into a mention' }],
  ['<https://example.com/x|link>', { refused: 'unknown_token', says: 'Links are not accepted.' }],
  ['<http://x.io/?u=jane@example.com>', { refused: 'unknown_token', says: '[email address]', hides: 'jane@example.com' }],
  ['see jane@example.com', { refused: 'unknown_token', says: '`see`', hides: 'jane@example.com' }],
  ['a'.repeat(100), { refused: 'unknown_token', says: `\`${'a'.repeat(39)}…\`` }],
  ['&lt;script&gt;', { refused: 'unknown_token', says: '`&lt;script&gt;`', hides: '<script>' }],
  ['x\u200Bjane', { refused: 'unknown_token', says: '`x`' }],
  ['`rm -rf`', { refused: 'unknown_token', says: "`'rm`" }],
  ['<!date^1392734382^{date}|Feb 18>', { refused: 'unknown_token' }],
  ['<', { refused: 'unknown_token' }],
  ['日本語 <@U1>', { refused: 'unknown_token', says: '`日本語`' }],
];

describe('parseCommandText', () => {
  it('has a table of at least 40 cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  it.each(table)('%j', (input, expected) => {
    const parsed = parse(input);
    if ('refused' in expected) {
      expect(parsed.kind).toBe('refused');
      if (parsed.kind !== 'refused') return;
      expect(parsed.reason).toBe(expected.refused);
      if (expected.says) expect(wordOf(parsed)).toContain(expected.says);
      if (expected.hides) expect(wordOf(parsed)).not.toContain(expected.hides);
    } else {
      expect(parsed).toEqual(expected);
    }
  });

  it('gives the exact messages people read for each refusal', () => {
    const message = (text: string) => {
      const parsed = parse(text);
      return parsed.kind === 'refused' ? wordOf(parsed) : undefined;
    };
    expect(message('<!subteam^S1|@legal>')).toBe(
      "User groups cannot be exported: each export covers one person, and a group's members change over time. Name the people concerned, at most 5.",
    );
    expect(message('hello')).toBe(
      "I don't recognise `hello`. Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas. Type `/gdpr-export help` for examples.",
    );
    expect(message(';')).toBe(
      'That names nobody. Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas, e.g. `/gdpr-export @jane`, or type `/gdpr-export` alone to open the form.',
    );
  });

  it('uses the configured maximum', () => {
    expect(parseCommandText(mentions(2), { maxSubjects: 1 })).toMatchObject({ kind: 'refused', reason: 'too_many' });
    expect(parseCommandText(mentions(20), { maxSubjects: 20 })).toMatchObject({ kind: 'request' });
  });
});

describe('isValidEmail and isGenesysUserId', () => {
  it.each([
    ['jane@example.com', true],
    ['jane.doe+gdpr@mail.example.co.uk', true],
    ['j@xn--bcher-kva.example', true],
    ['jane@example', false],
    ['@example.com', false],
    ['jane@', false],
    ['jane..doe@example.com', false],
    ['.jane@example.com', false],
    ['jane@-example.com', false],
    ['jane@example.c', false],
    ['jane|x@example.com', false],
    ['jäne@example.com', false],
    [`${'a'.repeat(65)}@example.com`, false],
    [`a@${'b'.repeat(250)}.com`, false],
  ])('isValidEmail(%j) is %s', (s, valid) => {
    expect(isValidEmail(s)).toBe(valid);
  });

  it('recognises Genesys user ids in either case, and nothing else', () => {
    expect(isGenesysUserId(UUID)).toBe(true);
    expect(isGenesysUserId(UUID.toUpperCase())).toBe(true);
    expect(isGenesysUserId(`${UUID}0`)).toBe(false);
    expect(isGenesysUserId(UUID.replace(/-/g, ''))).toBe(false);
    expect(isGenesysUserId('GX-7K2M9QPA')).toBe(false);
  });
});

/** Every subject the parser returns, for the "never invents a subject" property. */
function subjectsOf(p: ParsedCommand): string[] {
  return p.kind === 'request' ? [...p.slackUserIds, ...p.emails, ...p.genesysUserIds] : [];
}

const slackFragments = fc.constantFrom(
  '<@U1ABC|jane>',
  '<@W2XYZ>',
  '<!here>',
  '<#C1|general>',
  '<!subteam^S1|@g>',
  '<mailto:Jane@Example.com|Jane@Example.com>',
  'sam@example.org',
  UUID.toUpperCase(),
  'and',
  ',',
  ';',
  ' ',
  '\n',
  '@',
  '<',
  '>',
  '|',
  '&amp;',
  'help',
  'timeline',
  'GX-7K2M9QPA',
);

describe('parseCommandText properties', () => {
  const arbitraryText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.array(fc.oneof(slackFragments, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  it('never throws, and always answers with a known kind', () => {
    fc.assert(
      fc.property(arbitraryText, fc.integer({ min: 1, max: 20 }), (text, maxSubjects) => {
        const parsed = parseCommandText(text, { maxSubjects });
        expect(['help', 'status', 'case_status', 'timeline', 'extend', 'withdraw', 'request', 'refused']).toContain(parsed.kind);
        if (parsed.kind === 'refused') expect(wordOf(parsed).length).toBeGreaterThan(0);
        if (parsed.kind === 'request') expect(subjectsOf(parsed).length).toBeLessThanOrEqual(maxSubjects);
      }),
      { numRuns: 2000 },
    );
  });

  it('never yields a subject the text did not name', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const lower = text.toLowerCase();
        for (const subject of subjectsOf(parse(text))) expect(lower).toContain(subject.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('returns exactly the people named, once each, whatever the separators', () => {
    const person = fc.oneof(
      fc.stringMatching(/^U[A-Z0-9]{2,10}$/).map((id) => ({ text: `<@${id}|x>`, key: id })),
      fc.constantFrom('a', 'b', 'c').map((local) => ({ text: `${local}@example.com`, key: `${local}@example.com` })),
      fc.uuid().map((id) => ({ text: id.toUpperCase(), key: id.toLowerCase() })),
    );
    const separator = fc.constantFrom(' ', ', ', ';', ' and ', '\n', ' ,; ');
    fc.assert(
      fc.property(fc.array(fc.tuple(person, separator), { minLength: 1, maxLength: 5 }), (items) => {
        const text = items.map(([p, sep]) => p.text + sep).join('');
        const parsed = parse(text);
        expect(parsed.kind).toBe('request');
        expect(new Set(subjectsOf(parsed))).toEqual(new Set(items.map(([p]) => p.key)));
        expect(subjectsOf(parsed)).toHaveLength(new Set(items.map(([p]) => p.key)).size);
      }),
    );
  });
});
