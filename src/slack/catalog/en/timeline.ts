import { enTimelineFiles } from './timeline-files.js';
import { counter } from '../reader.js';
import type { TimelineWords } from '../sections/timeline.js';

const count = counter('en');

export const enTimeline: TimelineWords = {
  files: enTimelineFiles,
  off: () => 'Conversation timelines are turned off for this workspace (TIMELINE_DELIVERY=off).',
  modal: {
    title: () => 'Conversation timeline',
    submit: () => 'Build timeline',
    close: () => 'Cancel',
    intro: (p) =>
      `Merge the exports of case ${p.caseId} (reference ${p.reference}) into one chronological conversation: ${count(p.people, { one: 'person', other: 'people' })} (${p.names}).`,
    from: () => 'From',
    fromHint: () => 'Messages on or after this day (UTC). Leave empty for all.',
    to: () => 'To',
    toHint: () => 'Messages up to the end of this day (UTC). Leave empty for all.',
    anyDate: () => 'Any date',
    privacy: () => 'You get a CSV and a readable HTML file in your DM with the bot. They hold personal data: handle them under the case’s legal basis.',
    pickWithCalendar: () => 'Pick dates with the calendar.',
    endBeforeStart: () => 'The end date must be on or after the start date.',
  },
  delivery: {
    notAllComplete: (p) => `The timeline needs every export of ${p.caseId} to be complete; ${count(p.unfinished, { one: 'is', other: 'are' })} not yet.`,
    alreadyBuilding: (p) => `The timeline of ${p.caseId} is already being built.`,
    building: (p) => `Building the conversation timeline of ${p.caseId}: reading ${count(p.exports, { one: 'export', other: 'exports' })}. I'll post it here.`,
    fileTitle: (p) => `Conversation timeline — ${p.caseId} (${p.reference})`,
    comment: (p) => `Conversation timeline of ${p.caseId}. ${p.summary}\nThese files hold personal data: handle them under the case's legal basis.`,
    csvTitle: (p) => `${p.caseId} timeline (CSV)`,
    htmlTitle: (p) => `${p.caseId} timeline (readable)`,
    htmlZipTitle: (p) => `${p.caseId} timeline (readable: unzip, open index.html)`,
    custodyTitle: (p) => `${p.caseId} timeline chain of custody`,
    howToVerify: () =>
      'Compute the SHA-256 of each export ZIP as downloaded from Genesys Cloud (and of its REALTIME!messages entry) and of each delivered file, and compare with the values below and with the audit trail (npm run audit).',
    failed: () => 'Something went wrong while building the timeline; nothing was delivered. Try again later.',
  },
};
