/**
 * The words of the timeline files (HTML, CSV notes, summary line), in the requester's language.
 * The engine runs in a worker process and knows nothing of Slack or of the message catalog, so its
 * words arrive as plain data that survives a structured clone: strings with `{name}` placeholders,
 * and plural forms chosen by `Intl.PluralRules` in `locale`. The Slack side fills them from the
 * catalog's `timeline` section (`src/slack/catalog/en/timeline-files.ts` for English): the engine
 * writes no word of its own.
 */

/** Forms chosen by `Intl.PluralRules`; `{n}` is the number. `other` is required. */
export type PluralText = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export interface TimelineLabels {
  /** BCP 47 tag for Intl (dates, plurals): 'en-GB', 'fr-FR' */
  locale: string;
  /** the HTML `lang` attribute: 'en', 'fr' */
  lang: string;
  /** how a full date writes the first day of a month: "1" in English, « 1er » in French */
  firstOfMonth: string;
  messages: PluralText;
  page: {
    confidential: string;
    noMessages: string;
    summary: string;
    people: { person: string; genesysUserId: string; messages: string; archives: string };
    outOfOrder: string;
    unrecognisedSection: string;
    unrecognisedHeading: string;
    unrecognisedIntro: string;
  };
  /** the words of an unrecognised entry's reason, by its stable English code (UNKNOWN_REASONS) */
  unrecognisedReasons: Record<string, string>;
  custody: {
    heading: string;
    /** `{entry}` is where the name of the chat entry goes, as code */
    intro: string;
    columns: { request: string; subject: string; completed: string; archive: string; messages: string; zipSha256: string; chatSha256: string };
    unknown: string;
    noChatEntry: string;
  };
  /** a large timeline's ZIP of pages */
  parts: {
    partTitle: string; // {title} {part} {parts}
    unrecognisedTitle: string; // {title}
    contents: string;
    /** {parts} {size} {zone}; {size} is a count of messages */
    contentsIntro: string;
    columns: { part: string; from: string; to: string; messages: string };
    partLink: string; // {part}
    previous: string;
    next: string;
  };
  csv: {
    /** {flag}: the out-of-order note */
    outOfOrder: string;
    /** {reason} */
    unrecognised: string;
  };
  /** the summary as short sentences, in the HTML and text files */
  summary: {
    messages: string; // {count} {byPerson}
    personCount: string; // {name} {count}
    period: string; // {period}
    noMessages: string;
    /** {from} {to}: minutes in UTC */
    periodValue: string;
    rangeAsked: string; // {range}
    rangeFrom: string; // {when}
    rangeUntil: string; // {when}
    archivesRead: string; // {archives} {others}
    otherEntries: PluralText;
    leftOut: string; // {messages}
    /** {n} {flag} */
    flagged: PluralText;
    keptVerbatim: string; // {entries} {reasons}
    unrecognisedEntries: PluralText;
    noChatIn: string; // {names}
    localTimes: string; // {zone}
    noTimeZone: string;
    unknownTimeZone: string; // {zone}
    exportCaveat: string;
  };
  /** the one-line summary posted with the files */
  summaryLine: {
    person: string; // {name} {messages}
    noOne: string;
    noMessages: string;
    archivesRead: string; // {archives}
    archives: PluralText;
    outOfRange: string; // {messages}
    /** {n} {flag} */
    outOfOrder: PluralText;
    keptVerbatim: PluralText;
    noChatIn: string; // {names}
  };
}

/** `{name}` placeholders replaced by their values; an unknown name stays as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** "3 messages" / "1 message": the form Intl.PluralRules picks for n in the labels' locale. */
export function pluralText(labels: Pick<TimelineLabels, 'locale'>, n: number, forms: PluralText): string {
  let rules = pluralRules.get(labels.locale);
  if (!rules) {
    rules = new Intl.PluralRules(labels.locale);
    pluralRules.set(labels.locale, rules);
  }
  // numbers stay ungrouped, as in the CSV and the custody data they are compared with
  return fill(forms[rules.select(n)] ?? forms.other, { n });
}
