import type { RequestWords } from '../sections/request.js';
import { counter, pluralWordIn } from '../reader.js';

const count = counter('en');
const word = pluralWordIn('en');
/** digits without grouping, as the form has always written the retention period ("3650 days") */
const days = (n: number) => `${n} ${word(n, { one: 'day', other: 'days' })}`;
const people = { one: 'person', other: 'people' };
const RETENTION = 'Only messages inside the organisation’s chat retention period are included';
const NO_OTHER_DEADLINE = 'Other legal bases have no GDPR deadline.';

export const enRequest: RequestWords = {
  title: () => 'GDPR chat export',
  submit: () => 'Submit request',
  cancel: () => 'Cancel',
  close: () => 'Close',
  done: () => 'Done',
  loading: () => 'Loading…',
  cannotBeDone: () => 'This could not be done.',
  intro: (p) => `Request a Genesys Cloud export of the Collaborate chat of up to ${count(p.maxSubjects, people)}, for a GDPR or legal request.`,
  subjects: {
    label: () => 'People in Slack',
    hint: (p) => `Up to ${p.maxSubjects}. Choose every participant of the conversation you need.`,
    placeholder: () => 'Choose people',
  },
  otherPeople: {
    label: () => 'Other people',
    hint: () => 'Emails or Genesys user IDs, one per line, for people no longer in Slack',
  },
  legalBasis: { label: () => 'Legal basis', placeholder: () => 'Choose the legal basis' },
  receivedOn: {
    label: () => 'Request received on (data subject access requests)',
    hint: () => 'The day the data subject’s request reached your organisation. The one-month GDPR deadline counts from it.',
    placeholder: () => 'Pick the day',
  },
  neededBy: {
    label: () => 'Needed by (other legal bases)',
    hint: () => 'Only for a legal hold, an investigation or another basis: the day you need the exports by.',
    placeholder: () => 'No date',
  },
  caseReference: {
    label: () => 'Case reference',
    hint: () => 'Your own reference for this request, e.g. the ticket or matter number.',
  },
  justification: {
    label: () => 'Justification',
    hint: () => 'Why this export is needed. The approver and the audit log see it; do not paste personal data.',
  },
  confirmation: {
    label: () => 'Confirmation',
    option: () => 'I confirm this export is needed for the case above',
    description: () => 'No approver reviews it: it goes to Genesys Cloud at once',
    missing: () => 'Tick the box to confirm: no approver reviews this request.',
  },
  ownMessagesOnly: () => '*Each export holds only that person’s own messages.* For a conversation, choose every participant.',
  retention: {
    loading: () => `${RETENTION}: checking…`,
    unknown: () => `${RETENTION}: unknown (the bot lacks the chat:setting:view permission).`,
    days: (p) => `${RETENTION}: ${days(p.days)}. Older messages are already deleted.`,
    unreadable: () => `${RETENTION}; the bot could not read that period.`,
  },
  genesysDelay: () =>
    'Genesys Cloud can take *several days* to prepare the results. You get a direct message as each person’s export is ready.',
  due: {
    noReceipt: () => `For a data subject access request, the GDPR response is due one month after the day it was received. ${NO_OTHER_DEADLINE}`,
    dueBy: (p) =>
      `For a data subject access request ${p.receivedToday ? `received today (${p.day})` : `received ${p.day}`}, the GDPR response is due by *${p.due}*: one month after receipt. ${NO_OTHER_DEADLINE}`,
  },
  approval: {
    loading: () => 'Approval: checking who will be asked…',
    notRequired: () => 'No approval needed: the request is submitted as soon as you submit this form.',
    asked: (p) => {
      const where = p.where ? ` in ${p.where}` : '';
      return p.who
        ? `Approval: ${p.who} will be asked${where} before anything is sent to Genesys Cloud.`
        : `An approver will be asked${where} before anything is sent to Genesys Cloud.`;
    },
    more: (p) => `${p.n} more`,
  },
  checking: () =>
    'Checking the people you named with Genesys Cloud. This usually takes a few seconds; you can close this window, and the bot will message you with the outcome.',
  submitted: {
    received: (p) => `*Request ${p.id} received* (reference ${p.reference}).`,
    awaitingApproval: (p) =>
      `An approver has been asked${p.where ? ` in ${p.where}` : ''}. Nothing is sent to Genesys Cloud before someone approves.`,
    noApprovalNeeded: () => 'No approval was needed: the exports are being sent to Genesys Cloud now.',
    progressByDm: () => 'You will get a direct message from the bot with each person’s progress.',
  },
};
