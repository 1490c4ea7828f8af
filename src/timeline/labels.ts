/**
 * The words of the timeline files (HTML, CSV notes, summary line), in the requester's language.
 * The engine runs in a worker thread and knows nothing of Slack or of the message catalog, so its
 * words arrive as plain data that survives a structured clone: strings with `{name}` placeholders,
 * and plural forms chosen by `Intl.PluralRules` in `locale`. The Slack side fills them from the
 * catalog's `timeline` section; English is the default, so the engine also works on its own.
 */
import { UNKNOWN_REASONS } from './realtime-messages.js';

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

export const ENGLISH_TIMELINE_LABELS: TimelineLabels = {
  locale: 'en-GB',
  lang: 'en',
  firstOfMonth: '1',
  messages: { one: '{n} message', other: '{n} messages' },
  page: {
    confidential: 'Contains personal data. Handle it under the case’s legal basis.',
    noMessages: 'No messages to show.',
    summary: 'Summary',
    people: { person: 'Person', genesysUserId: 'Genesys user id', messages: 'Messages', archives: 'Archives' },
    outOfOrder: 'out of file order',
    unrecognisedSection: 'Unrecognised entries',
    unrecognisedHeading: 'Unrecognised entries, kept verbatim',
    unrecognisedIntro: 'These parts of the exports could not be read as dated messages. They are shown exactly as exported.',
  },
  unrecognisedReasons: { [UNKNOWN_REASONS.beforeFirstRecord]: UNKNOWN_REASONS.beforeFirstRecord, [UNKNOWN_REASONS.invalidTimestamp]: UNKNOWN_REASONS.invalidTimestamp },
  custody: {
    heading: 'Chain of custody',
    intro:
      'Every archive this timeline was built from. SHA-256 of the ZIP as downloaded from Genesys Cloud, and of its {entry} entry. The SHA-256 of this file and of the CSV are in the custody JSON delivered with it and in the audit trail.',
    columns: {
      request: 'Genesys request',
      subject: 'Subject (Genesys user id)',
      completed: 'Export completed',
      archive: 'Archive',
      messages: 'Messages',
      zipSha256: 'ZIP SHA-256',
      chatSha256: 'Chat entry SHA-256',
    },
    unknown: 'unknown',
    noChatEntry: 'no chat entry',
  },
  parts: {
    partTitle: '{title} — part {part} of {parts}',
    unrecognisedTitle: '{title} — unrecognised entries',
    contents: 'Contents',
    contentsIntro: 'The timeline is split into {parts} parts of at most {size}, in time order (local times, {zone}).',
    columns: { part: 'Part', from: 'From', to: 'To', messages: 'Messages' },
    partLink: 'Part {part}',
    previous: '← Previous part',
    next: 'Next part →',
  },
  csv: {
    outOfOrder: '{flag}: dated before the message listed above it in the export',
    unrecognised: 'unrecognised: {reason}',
  },
  summary: {
    messages: 'Messages: {count}{byPerson}.',
    personCount: '{name} {count}',
    period: 'Period: {period}.',
    noMessages: 'no messages',
    periodValue: '{from} → {to} UTC',
    rangeAsked: 'Date range asked: {range}.',
    rangeFrom: 'from {when} UTC',
    rangeUntil: 'until {when} UTC (excluded)',
    archivesRead: 'Archives read: {archives}; {others} (not chat) skipped.',
    otherEntries: { one: '{n} other entry', other: '{n} other entries' },
    leftOut: 'Left out: {messages} outside the date range.',
    flagged: {
      one: 'Flagged "{flag}": {n} message dated before the message listed above it in the export, shown at its own time. Check such messages: a message quoting a chat record can look like one.',
      other:
        'Flagged "{flag}": {n} messages dated before the message listed above it in the export, shown at its own time. Check such messages: a message quoting a chat record can look like one.',
    },
    keptVerbatim: 'Kept verbatim at the end: {entries} ({reasons}).',
    unrecognisedEntries: { one: '{n} unrecognised entry', other: '{n} unrecognised entries' },
    noChatIn: 'No chat entry in the export of: {names}.',
    localTimes: 'Local times are shown in {zone}.',
    noTimeZone: 'No time zone was given, so local times are shown in UTC.',
    unknownTimeZone: 'The time zone "{zone}" is not recognised, so local times are shown in UTC.',
    exportCaveat:
      'Genesys exports hold only the messages each person sent, without the room or the recipient: messages from different conversations appear interleaved here, ordered by time.',
  },
  summaryLine: {
    person: '{name}: {messages}',
    noOne: 'no one',
    noMessages: 'no messages',
    archivesRead: '{archives} read',
    archives: { one: '{n} archive', other: '{n} archives' },
    outOfRange: '{messages} outside the date range',
    outOfOrder: { one: '{n} message {flag} (flagged)', other: '{n} messages {flag} (flagged)' },
    keptVerbatim: { one: '{n} entry kept verbatim (unrecognised)', other: '{n} entries kept verbatim (unrecognised)' },
    noChatIn: 'no chat in the export of {names}',
  },
};

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
