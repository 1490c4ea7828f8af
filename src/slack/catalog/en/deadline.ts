import type { DeadlineWords } from '../sections/deadline.js';

const months = (n: number) => (n === 1 ? 'one month' : `${n} months`);

export const enDeadline: DeadlineWords = {
  cancel: () => 'Cancel',
  noSuchCase: (p) => `There is no export request ${p.caseId}.`,
  extendTitle: () => 'Extend GDPR deadline',
  extendSubmit: () => 'Extend',
  extendIntro: (p) => `Case ${p.caseId} (reference ${p.reference}). ${p.deadline ?? ''}`,
  extendRule: (p) =>
    `GDPR art. 12(3) allows *one* extension by up to two further months where requests are complex or numerous. You must tell the data subject of the extension, with its reasons, by *${p.notifyBy ?? 'the due date'}*.`,
  extendByLabel: () => 'Extend by',
  choose: () => 'Choose',
  oneMonth: () => 'One further month',
  twoMonths: () => 'Two further months',
  reasonLabel: () => 'Reason',
  extendReasonHint: () => 'Why more time is needed: the data subject must be told. Approvers see it; the audit log records only the extension.',
  extendReasonRequired: () => 'Give the reason for the extension: the data subject must be told it.',
  extensionLine: (p) => `Deadline extended by ${months(p.months)} to ${p.day} by ${p.by}: ${p.reason}`,
  extendedFallback: (p) => `The deadline of ${p.id} was extended`,
  tellDataSubject: () => 'Tell the data subject of the extension and its reasons if you have not yet.',
  extendButton: () => 'Extend deadline',
  withdrawButton: () => 'Withdraw request',
  withdrawalReason: {
    subject_withdrew: 'The data subject withdrew the request',
    made_in_error: 'Made in error',
    duplicate: 'Duplicate of another request',
    other: 'Other',
  },
  withdrawalConsequence: {
    before_approval: () => 'Nothing has been sent to Genesys Cloud. The approval cards will say the request was withdrawn, and nothing will be sent.',
    before_submission: () => 'Nothing has been sent to Genesys Cloud yet, and nothing will be.',
    after_submission: () =>
      '*Genesys Cloud cannot cancel an export that is already running.* It may still finish there, but the bot will stop checking on it and will not fetch the results.',
  },
  withdrawTitle: () => 'Withdraw request',
  withdrawSubmit: () => 'Withdraw',
  withdrawQuestion: (p) => `Withdraw case ${p.caseId} (reference ${p.reference})?`,
  whyLabel: () => 'Why',
  whyHint: () => 'Recorded in the audit log with your name.',
  noteLabel: () => 'Note',
  withdrawNoteHint: () => 'Kept with the case and shown to approvers; not written to the audit log.',
  withdrawalLine: (p) => `Withdrawn by ${p.by} on ${p.when}: ${p.reason}${p.note ? `. Note: ${p.note}` : ''}`,
  withdrawn: (p) =>
    p.stage === 'after_submission'
      ? `Request ${p.id} is withdrawn. Genesys Cloud cannot cancel an export that is already running, so it may still finish there; the bot has stopped checking on it and will not fetch the results.`
      : `Request ${p.id} is withdrawn. Nothing was sent to Genesys Cloud${p.stage === 'before_approval' ? ', and the approvers no longer need to decide' : ''}.`,
  reminder: (p) =>
    `Reminder: the GDPR response to request ${p.id} (reference ${p.reference}) is due ${p.due ?? 'soon'}.${
      p.extendBy
        ? ` If you need more time, use *Extend deadline* on the status message (or \`/gdpr-export extend ${p.id}\`): the data subject must be told of an extension, with its reasons, by ${p.extendBy}.`
        : ''
    }`,
  overdue: (p) => `The GDPR response to request ${p.id} (reference ${p.reference}) was due ${p.due ?? 'earlier'} and is now overdue. The approvers have been told.`,
  escalation: (p) =>
    `GDPR export ${p.id} from ${p.requester} (reference ${p.reference}) passed its GDPR due date, ${p.due ?? 'earlier'}, and is still open: ${p.state}.`,
};
