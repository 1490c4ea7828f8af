/** English words of the timeline files (HTML, CSV notes, text, custody section), for the engine. */
import { UNKNOWN_REASONS } from '../../../timeline/realtime-messages.js';
import type { TimelineLabels } from '../../../timeline/labels.js';

export const enTimelineFiles: TimelineLabels = {
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
