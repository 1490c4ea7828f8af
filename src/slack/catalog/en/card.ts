import type { CardWords } from '../sections/card.js';
import { counter } from '../reader.js';

const count = counter('en');
const people = (n: number) => count(n, { one: 'person', other: 'people' });

export const enCard: CardWords = {
  header: (p) => `GDPR export approval: ${p.id}`,
  intro: (p) => `${p.requester} asks to export the Genesys Cloud chat of ${people(p.people)} (case ${p.caseId}).`,
  legalBasisField: (p) => `*Legal basis*\n${p.basis}`,
  referenceField: (p) => `*Case reference*\n${p.reference}`,
  expiresField: (p) => `*Approval expires*\n${p.when}`,
  peopleLabel: () => 'People concerned',
  justificationLabel: () => 'Justification',
  beforeDeciding: () =>
    'Each export holds only that person’s own Collaborate messages, within the chat retention period. Nothing is sent to Genesys Cloud before approval.',
  approveButton: () => 'Approve',
  rejectButton: () => 'Reject',
  awaitingText: (p) => `GDPR export ${p.id} from ${p.requester} (${people(p.people)}, ${p.basis}) is waiting for your approval.`,
  decidedText: (p) => `GDPR export ${p.id} from ${p.requester} (${people(p.people)}, ${p.basis}): ${p.outcome}.`,
  reminder: (p) =>
    `Reminder: GDPR export ${p.id} from ${p.requester} is still waiting for approval.${
      p.expiry ? ` It expires without a decision ${p.expiry}, and the requester would have to ask again.` : ''
    }`,
  summary: (p) =>
    `Case ${p.caseId} (reference ${p.reference}) from ${p.requester}: ${people(p.people)} (${p.names}), ${p.basis}. ${p.deadline ?? 'No GDPR response deadline'}.`,
  moreNames: (p) => count(p.count, { other: 'more' }),
  cancel: () => 'Cancel',
  approveTitle: () => 'Approve export',
  approveSubmit: () => 'Approve',
  approveEffect: () => 'Approving sends one GDPR export request per person to Genesys Cloud straight away.',
  noteLabel: () => 'Note for the requester and the audit log',
  rejectTitle: () => 'Reject export',
  rejectSubmit: () => 'Reject',
  reasonLabel: () => 'Reason',
  reasonHint: () => 'The requester sees this reason, so say what would make the request acceptable.',
  rejectEffect: () => 'Nothing is sent to Genesys Cloud. The requester can submit a new request.',
  alreadyDecided: (p) => `${p.id} has already been decided.`,
  reasonRequired: () => 'Give the reason for rejecting: the requester will see it.',
};
