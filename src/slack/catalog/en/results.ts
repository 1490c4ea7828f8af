import { counter, pluralWordIn } from '../reader.js';
import type { ResultsWords } from '../sections/results.js';

const count = counter('en');
const word = pluralWordIn('en');
const archives = (n: number) => count(n, { one: 'archive', other: 'archives' });

export const enResults: ResultsWords = {
  linksText: (p) =>
    `Download ${word(p.archives, { one: 'link', other: 'links' })} for the chat export of ${p.name}: ${archives(p.archives)}, each link working for a few minutes.`,
  linksTitle: () => 'Download link',
  close: () => 'Close',
  noArchive: (p) => `Genesys Cloud returned no archive for the export of ${p.name}. Try again in a minute.`,
  archivesIntro: (p) => `The chat export of ${p.name} has ${archives(p.archives)}:`,
  someNotListed: () => 'Some archives could not be listed here. Press *Get download link* again for fresh links.',
  personalData: () =>
    'The archive holds personal data. Handle it only under the legal basis recorded for this case, store it where your GDPR process says, and delete local copies when you are done.',
  archiveLabel: (p) => `Archive ${p.n} of ${p.total}`,
  linkLine: (p) => `${p.link}: ${p.lifetime}`,
  linkTooLong: (p) => `${p.label}: its link is too long to show in Slack. Ask an administrator to download it from Genesys Cloud.`,
  lifetime: {
    unknown: () => 'works for a few minutes',
    expired: () => 'has already expired: press *Get download link* again',
    until: (p) => `works until ${p.time}, ${p.about}`,
    lessThanAMinute: () => 'less than a minute',
    aboutMinutes: (p) => `about ${count(p.minutes, { one: 'minute', other: 'minutes' })}`,
    aboutHours: (p) => `about ${count(p.hours, { one: 'hour', other: 'hours' })}`,
  },
  expired: {
    text: (p) => `The export of ${p.name} for GDPR export ${p.caseId} has expired in Genesys Cloud. Request it again to get a fresh export.`,
    title: () => 'Export expired',
    body: (p) => `The export of ${p.name} (case ${p.caseId}) can no longer be downloaded: Genesys Cloud keeps export results for a limited time only.`,
    next: () => 'Request it again to get a fresh export. The new request needs a legal basis and, if your workspace requires it, approval.',
    requestAgain: () => 'Request again',
  },
  actions: {
    askingForLink: () => 'Asking Genesys Cloud for a fresh link…',
    notAnExport: () => 'This button does not point to an export.',
    resubmitting: () => "Submitting that export to Genesys Cloud again. I'll tell you here when it is ready.",
    notRequester: () => 'Only the configured GDPR requesters can request exports.',
  },
};
