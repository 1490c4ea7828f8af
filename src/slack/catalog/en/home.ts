import type { HomeWords } from '../sections/home.js';
import { counter } from '../reader.js';

const count = counter('en');
const people = { one: 'person', other: 'people' };

export const enHome: HomeWords = {
  title: () => 'GDPR chat exports',
  intro: () =>
    'Request Genesys Cloud exports of people’s Collaborate chat for GDPR and legal requests, follow their progress and download the results.',
  newRequestButton: () => 'New request',
  outsiderIntro: () =>
    'This app lets your compliance team request and approve Genesys Cloud exports of Collaborate chat for GDPR and legal requests.',
  outsiderNoRole: () => 'You are not on its list of requesters or approvers. If your role needs it, ask the app’s administrator to add you.',
  awaitingTitle: () => 'Waiting for my approval',
  nothingAwaiting: () => 'Nothing is waiting for your approval.',
  awaitingCase: (p) => `${p.id} from ${p.requester}, reference ${p.reference}`,
  people,
  expiresSuffix: (p) => ` · expires ${p.when}`,
  approveButton: () => 'Approve',
  rejectButton: () => 'Reject',
  moreAwaiting: (p) => `…and ${count(p.count, { other: 'more' })} waiting. Each has an approval message with the same buttons.`,
  myRequestsTitle: () => 'My requests',
  noRequests: () => 'You have no export requests yet. Press *New request* or type `/gdpr-export` to start one.',
  myCase: (p) => `${p.id} · reference ${p.reference}`,
  // a case holds a few subjects (MAX_SUBJECTS): no thousands to separate
  subjectsReady: (p) => `${p.ready} of ${count(p.total, people)} ready`,
  moreMine: (p) => `…and ${count(p.count, { other: 'more' })} — use \`/gdpr-export status\``,
};
