/**
 * The person who reads a message: their language (a catalog) and their time zone. Views take a
 * `Reader` and never build a sentence, a date or a number themselves: words come from `reader.t`,
 * and dates, numbers, lists and plurals from `Intl`, in the reader's locale and time zone.
 */
import type { Catalog } from './catalog.js';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Slack's locale tag (`fr-FR`, `fr-CA`, `en-US`…) → our language: French for `fr-*`, else English. */
export function localeOfSlackTag(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  return /^fr(?:[-_]|$)/i.test(tag) ? 'fr' : 'en';
}

/** Intl locale per language: British English writes "12 May 2026", as the bot always has. */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/** Word forms for `Intl.PluralRules`: `other` is required, the rest as the language needs. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export interface Reader {
  locale: Locale;
  /** IANA time zone used for written dates and times (Slack `<!date>` tokens use the viewer's own) */
  timeZone: string;
  t: Catalog;
  /** 1234 → "1,234" / "1 234" */
  number(n: number): string;
  /** the word form for n, without the number: forms chosen by `Intl.PluralRules` */
  pluralWord(n: number, forms: PluralForms): string;
  /** the number and its word: "1 day", "3 days", "0 jour" */
  count(n: number, forms: PluralForms): string;
  /** "a, b and c" / "a, b et c" */
  list(items: readonly string[]): string;
  /** a calendar day ('YYYY-MM-DD') in words, not shifted by any time zone: "12 May 2026", "1er mai 2026" */
  day(isoDay: string | undefined): string;
  /** an instant, written in the reader's time zone: "12 May 2026, 14:05 CEST" */
  dateTime(when: string | Date | undefined): string;
  /** the time of day of an instant in the reader's time zone: "14:05 UTC", "15:05 UTC+1" */
  timeOfDay(when: Date): string;
  /** an instant as a Slack `<!date>` token (the viewer's own time zone), with a written fallback */
  slackDate(when: string | Date | undefined, withTime?: boolean): string;
}

interface Formats {
  number: Intl.NumberFormat;
  plural: Intl.PluralRules;
  list: Intl.ListFormat;
  day: Intl.DateTimeFormat;
  /** the day an instant falls on, in the reader's time zone */
  zonedDay: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  timeOfDay: Intl.DateTimeFormat;
}

const formatsCache = new Map<string, Formats>();

function formatsFor(locale: Locale, timeZone: string): Formats {
  const key = `${locale}|${timeZone}`;
  let formats = formatsCache.get(key);
  if (!formats) {
    const tag = INTL_LOCALE[locale];
    formats = {
      number: new Intl.NumberFormat(tag),
      plural: new Intl.PluralRules(tag),
      list: new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }),
      day: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      zonedDay: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
      dateTime: new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }),
      timeOfDay: new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }),
    };
    formatsCache.set(key, formats);
  }
  return formats;
}

/** A time zone Intl knows, or UTC: Slack profiles may carry zones an older ICU lacks. */
export function knownTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function toDate(when: string | Date | undefined): Date | undefined {
  if (when === undefined) return undefined;
  const d = typeof when === 'string' ? new Date(when) : when;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Slack's `<!date>` formats with the connecting word in the reader's language. French writes « le
 * <date> », so its date is never a relative one (Slack's « aujourd’hui » would read « le aujourd’hui »).
 */
const SLACK_DATE_WITH_TIME: Record<Locale, string> = { en: '{date_short_pretty} at {time}', fr: '{date_short} à {time}' };

export function createReader(locale: Locale, catalog: Catalog, timeZone?: string): Reader {
  const zone = knownTimeZone(timeZone);
  const f = formatsFor(locale, zone);
  // French writes the first of the month as an ordinal: « 1er mai 2026 »
  const writeDay = (format: Intl.DateTimeFormat, d: Date) => {
    const written = format.format(d);
    return locale === 'fr' ? written.replace(/^1(?=\s)/, '1er') : written;
  };
  const pluralWord = (n: number, forms: PluralForms) => forms[f.plural.select(n)] ?? forms.other;
  const reader: Reader = {
    locale,
    timeZone: zone,
    t: catalog,
    number: (n) => f.number.format(n),
    pluralWord,
    count: (n, forms) => `${f.number.format(n)} ${pluralWord(n, forms)}`,
    list: (items) => f.list.format(items),
    day(isoDay) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay ?? '');
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
      if (!m || !d || Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3])) return catalog.common.unknownDate();
      return writeDay(f.day, d);
    },
    dateTime(when) {
      const d = toDate(when);
      return d ? f.dateTime.format(d) : catalog.common.unknownDate();
    },
    timeOfDay: (when) => f.timeOfDay.format(when),
    slackDate(when, withTime = false) {
      const d = toDate(when);
      if (!d) return catalog.common.unknownDate();
      const unix = Math.floor(d.getTime() / 1000);
      const fallback = withTime ? f.dateTime.format(d) : writeDay(f.zonedDay, d);
      // the fallback is shown where the token cannot be rendered (notifications, old clients)
      return `<!date^${unix}^${withTime ? SLACK_DATE_WITH_TIME[locale] : '{date_long}'}|${fallback.replace(/[<>|&]/g, ' ')}>`;
    },
  };
  return reader;
}

/** "3 days" / "3 jours": the number and its word, for a catalog that writes counts itself. */
export function counter(locale: Locale): (n: number, forms: PluralForms) => string {
  const f = formatsFor(locale, 'UTC');
  return (n, forms) => `${f.number.format(n)} ${forms[f.plural.select(n)] ?? forms.other}`;
}

/** "link" / "links": the word form alone, for a catalog that writes the number elsewhere (or not at all). */
export function pluralWordIn(locale: Locale): (n: number, forms: PluralForms) => string {
  const f = formatsFor(locale, 'UTC');
  return (n, forms) => forms[f.plural.select(n)] ?? forms.other;
}
