/**
 * Every language says everything, with the same placeholders. The compiler already refuses a
 * catalog with a missing key; this test also catches what types cannot: a translation that drops
 * a placeholder (a case id, a count, a date) or invents one, a section left in English, and French
 * typography.
 *
 * Each word function is called with a recording proxy as its params: every property it reads is
 * noted, and reads as a sentinel (`⟦path⟧` as text, a number for arithmetic). Two languages must
 * read the same params, so the person learns the same facts in either.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES, readerFor, type Locale } from '../../../../src/slack/catalog/index.js';
import { CASE_STATES, SUBJECT_EXPORT_STATES } from '../../../../src/workflow/model.js';
import type { CommandHint } from '../../../../src/slack/catalog/sections/command.js';

const COMMAND_HINTS: CommandHint[] = ['timeline', 'extend', 'withdraw', 'case_status', 'cases', 'audit_export', 'link', 'not_a_mention'];

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [{ path, value: node }];
}

/**
 * Concrete values for params a text switches on (an enum used as a key or compared): each listed
 * variant is rendered in both languages. Any other param is a recording sentinel.
 */
const VARIANTS: Record<string, Array<Record<string, unknown>>> = {
  'refusal.not_owner': ['download', 'retry', 'request_again', 'timeline'].map((action) => ({ action })),
  'refusal.owner_no_longer_requester': ['download', 'retry', 'request_again', 'timeline'].map((action) => ({ action })),
  'refusal.not_approver_step': ['approve', 'reject'].map((step) => ({ step })),
  'refusal.self_approval_step': ['approve', 'reject'].map((step) => ({ step })),
  'refusal.not_failed': SUBJECT_EXPORT_STATES.map((state) => ({ state })),
  'refusal.closed_no_extension': CASE_STATES.map((state) => ({ state })),
  'refusal.already_closed': CASE_STATES.map((state) => ({ state })),
  'refusal.already_decided': [{ decision: 'approved' }, { decision: 'rejected' }, { decision: 'expired' }, { decision: undefined, decidedAt: undefined, decidedBy: undefined }],
  'command.refusal.unknown_token': [...COMMAND_HINTS.map((hint) => ({ hint })), { hint: undefined }],
  'timelineError.too_large': [
    ...['archive_bytes', 'uncompressed_bytes', 'archive_entries', 'messages'].map((limit) => ({ limit })),
    { limit: 'entry_bytes' },
    { limit: undefined, max: undefined },
  ],
  'timelineError.download_failed': [{ reason: 'links_refused', refusal: 'the links were refused' }, { reason: 'links_refused', refusal: undefined }, { reason: 'archive_missing' }, { reason: undefined, status: 404 }, { reason: undefined, status: undefined }],
};

/** Params that record what is read; numbers are distinct per path so arithmetic still works. */
function recordingParams(fixed: Record<string, unknown> = {}): { params: unknown; read: Set<string> } {
  const read = new Set<string>();
  const numbers = new Map<string, number>();
  const numberFor = (path: string) => {
    if (!numbers.has(path)) numbers.set(path, 101 + numbers.size);
    return numbers.get(path)!;
  };
  const node = (path: string): unknown =>
    new Proxy(function sentinel() {}, {
      get(_target, prop) {
        if (prop === Symbol.toPrimitive) {
          return (hint: string) => {
            read.add(path);
            return hint === 'number' ? numberFor(path) : `⟦${path}⟧`;
          };
        }
        if (prop === 'then') return undefined; // not a promise
        if (typeof prop === 'symbol') return undefined;
        const child = path ? `${path}.${String(prop)}` : String(prop);
        if (child in fixed) {
          read.add(child);
          return fixed[child];
        }
        return node(child);
      },
      apply() {
        // a method called on a param (`names.join(', ')`): the param was shown
        read.add(path.replace(/\.[^.]+$/, ''));
        return `⟦${path}⟧`;
      },
    });
  return { params: node(''), read };
}

/** Renders a text once per variant; `read` lists the params read, per variant. */
function render(path: string, fn: (p: unknown, reader: unknown) => unknown, locale: Locale): { text: string; read: string[] } {
  const texts: string[] = [];
  const reads: string[] = [];
  for (const fixed of VARIANTS[path] ?? [{}]) {
    const { params, read } = recordingParams(fixed);
    try {
      // words that write raw params (days, instants) get the reader too, with the same params
      texts.push(String(fn(params, readerFor(locale, 'Europe/Paris'))));
    } catch (e) {
      // a text that switches on a param needs concrete values in VARIANTS
      texts.push(`undefined: ${path} threw ${(e as Error).message}; list its variants`);
    }
    reads.push([...read].sort().join(', '));
  }
  return { text: texts.join('\n'), read: reads };
}

const [base, ...others] = LOCALES;
const baseLeaves = leaves(CATALOGS[base]);

describe.each(others)('the %s catalog against English', (locale) => {
  const translated = new Map(leaves(CATALOGS[locale]).map((l) => [l.path, l.value]));

  it('has every key English has, and no other', () => {
    expect([...translated.keys()].sort()).toEqual(baseLeaves.map((l) => l.path).sort());
  });

  it('reads the same placeholders as English for every text', () => {
    const differing: string[] = [];
    for (const { path, value } of baseLeaves) {
      const other = translated.get(path);
      if (typeof value !== 'function' || typeof other !== 'function') continue;
      const a = render(path, value as (p: unknown) => unknown, 'en');
      const b = render(path, other as (p: unknown) => unknown, locale);
      if (a.read.join('|') !== b.read.join('|')) differing.push(`${path}: en reads [${a.read.join(' | ')}], ${locale} reads [${b.read.join(' | ')}]`);
    }
    expect(differing).toEqual([]);
  });

  it('renders every text without undefined or objects', () => {
    const broken: string[] = [];
    for (const [path, value] of translated) {
      const text = typeof value === 'function' ? render(path, value as (p: unknown) => unknown, locale).text : String(value);
      if (/undefined|\[object|NaN/.test(text) || text.trim() === '') broken.push(`${path}: ${text}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('French', () => {
  const french = leaves(CATALOGS.fr).map(({ path, value }) => ({
    path,
    text: typeof value === 'function' ? render(path, value as (p: unknown) => unknown, 'fr').text : String(value),
  }));
  /** code spans and placeholders are not prose */
  const prose = (text: string) => text.replace(/`[^`]*`/g, '').replace(/⟦[^⟧]*⟧/g, 'X').replace(/<[^>]*>/g, '');

  it('puts a no-break space before : ; ! ? and inside « », never a plain one', () => {
    const wrong = french.filter(({ text }) => / [:;!?](?=\s|$)|« | »|«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/.test(prose(text)));
    expect(wrong.map((w) => `${w.path}: ${w.text}`)).toEqual([]);
  });

  it('says RGPD in prose, GDPR only in the API’s name, setting names and the command', () => {
    const wrong = french.filter(({ text }) => /GDPR(?!_| et Privacy|-)/.test(prose(text).replace(/\/gdpr-export/g, '')));
    expect(wrong.map((w) => `${w.path}: ${w.text}`)).toEqual([]);
  });

  it('writes dates the French way', async () => {
    const { readerFor } = await import('../../../../src/slack/catalog/index.js');
    const fr = readerFor('fr', 'Europe/Paris');
    expect(fr.day('2026-05-01')).toBe('1er mai 2026');
    expect(fr.day('2026-05-12')).toBe('12 mai 2026');
    expect(fr.count(0, { one: 'jour', other: 'jours' })).toBe('0 jour');
    expect(fr.count(2, { one: 'jour', other: 'jours' })).toBe('2 jours');
    expect(fr.list(['a', 'b', 'c'])).toBe('a, b et c');
    expect(fr.dateTime('2026-05-12T12:05:00Z')).toContain('14:05');
  });
});
