import type { StatusWords } from '../sections/status.js';
import { counter } from '../reader.js';

const count = counter('en');
const exports = (n: number) => count(n, { one: 'export', other: 'exports' });

export const enStatus: StatusWords = {
  text: (p) => `GDPR export ${p.id}: ${p.state} (${p.ready} of ${p.total} ready).`,
  heading: (p) => `*GDPR export ${p.caseId}*, reference ${p.reference}`,
  peopleLabel: (p) => `People (${p.ready} of ${p.total} ready)`,
  requestedBy: (p) => `Requested by ${p.requester} on ${p.when}`,
  decided: {
    anApprover: () => 'An approver',
    approved: (p) =>
      `${p.who} approved GDPR export ${p.id}. The bot is sending the export requests for ${count(p.people, { one: 'person', other: 'people' })} to Genesys Cloud; you will hear here as each one is ready.`,
    rejected: (p) =>
      `${p.who} rejected GDPR export ${p.id}: ${p.reason}. Nothing was sent to Genesys Cloud. You can submit a new request with \`/gdpr-export\`.`,
    noReason: () => 'no reason given',
    expired: (p) =>
      `GDPR export ${p.id} expired: nobody approved or rejected it in time, so nothing was sent to Genesys Cloud. Submit it again with \`/gdpr-export\` if it is still needed.`,
    other: (p) => `GDPR export ${p.id}: ${p.state}.`,
  },
  subject: {
    readyText: (p) => `The chat export of ${p.subject} for GDPR export ${p.id} is ready to download.`,
    ready: (p) => `The chat export of ${p.subject} (case ${p.caseId}) is ready.`,
    getLinkButton: () => 'Get download link',
    handleWithCare: (p) =>
      `Each link works for a few minutes only: press the button whenever you are ready to download. The archive holds personal data; handle it under this case’s legal basis (${p.basis}).`,
    failedText: (p) => `The chat export of ${p.subject} for GDPR export ${p.id} failed: ${p.reason}`,
    failed: (p) => `The chat export of ${p.subject} (case ${p.caseId}) failed.\n*Reason:* ${p.reason}`,
    retryButton: () => 'Retry',
    retryEffect: () => 'Retry sends a new export request to Genesys Cloud for this person only.',
  },
  finished: {
    allReadyText: (p) => `All ${exports(p.total)} of GDPR export ${p.id} are ready.`,
    allReady: (p) => `All ${exports(p.total)} of case ${p.caseId} are ready. Download each one from its message in this thread.`,
    timelineOffer: () =>
      'The bot can merge the exports into one conversation timeline, in time order. It holds only the messages of the people in this case.',
    timelineButton: () => 'Build conversation timeline',
    noneReady: (p) => `No export of case ${p.caseId} succeeded: all ${exports(p.total)} failed.`,
    someReady: (p) => `${p.ready} of ${p.total} exports of case ${p.caseId} are ready; ${p.failed} failed.`,
    someFailedText: (p) => `GDPR export ${p.id} finished: ${p.ready} of ${p.total} ready, ${p.failed} failed.`,
    retryAdvice: () =>
      'Use *Retry* on each failed export in this thread. The conversation timeline needs every export, so it is offered once all are ready.',
  },
};
