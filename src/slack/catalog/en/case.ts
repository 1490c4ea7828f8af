import type { CaseWords } from '../sections/case.js';
import { counter } from '../reader.js';

const count = counter('en');

export const enCase: CaseWords = {
  state: {
    awaiting_approval: 'Waiting for approval',
    rejected: 'Rejected',
    approval_expired: 'Expired without a decision',
    approved: 'Approved, starting the exports',
    submitting: 'Sending the exports to Genesys Cloud',
    in_progress: 'Genesys Cloud is preparing the exports',
    completed: 'All exports ready',
    partly_failed: 'Some exports failed',
    failed: 'Failed',
    withdrawn: 'Withdrawn by the requester',
  },
  legalBasis: {
    data_subject_access_request: 'Data subject access request',
    legal_hold: 'Legal hold or litigation',
    regulator_or_law_enforcement: 'Regulator or law-enforcement request',
    internal_investigation: 'Internal investigation',
    other: 'Other',
  },
  unknownLegalBasis: () => 'Unknown legal basis',
  noReference: () => '(none)',
  genesysUser: (p) => `Genesys user ${p.id}`,
  unnamedForApprover: (p) => `Genesys user ${p.id} (the name could not be looked up in Genesys Cloud: check this ID there before approving)`,
  progress: {
    pending: () => 'waiting to be sent to Genesys Cloud',
    submitting: () => 'being sent to Genesys Cloud',
    submitted: (p) => `Genesys Cloud is preparing it${p.status ? ` (${p.status})` : ''}`,
    completed: (p) => `ready${p.since ? ` since ${p.since}` : ''}`,
    failed: (p) => `failed: ${p.reason}`,
    unknown: () => 'unknown state',
  },
  noFailureReason: () => 'Genesys Cloud reported an error without a reason',
  decision: {
    anApprover: () => 'an approver',
    approved: (p) => `Approved by ${p.by} on ${p.when}${p.note ? `. Note: ${p.note}` : ''}`,
    rejected: (p) => `Rejected by ${p.by}: ${p.note ?? 'no reason given'}`,
    expired: (p) => `Expired without a decision on ${p.when}`,
    notNeeded: () => 'No approval was needed',
  },
  deadline: {
    neededByLine: (p) => `Needed by ${p.day}`,
    gdprDueLine: (p) =>
      `GDPR response due ${p.due}${p.months ? `, extended by ${p.months === 1 ? 'one month' : `${p.months} months`}` : ''} (${p.receipt})`,
    received: (p) => `request received ${p.day}`,
    receiptNotRecorded: () => 'receipt date not recorded: counted from when the case was made',
    neededByField: (p) => `*Needed by*\n${p.day}`,
    receivedField: (p) => `*Request received*\n${p.day ?? 'Not recorded (case made before receipt dates were asked)'}`,
    dueField: (p) => `*GDPR response due*\n${p.due}${p.extendedFrom ? ` (extended from ${p.extendedFrom})` : ''}`,
    dueSuffix: (p) => ` · due ${p.words}`,
    neededBySuffix: (p) => ` · needed by ${p.words}`,
    overdue: (p) => `${p.date} (:warning: overdue)`,
    dueToday: (p) => `${p.date} (today)`,
    dueInDays: (p) => `${p.date} (in ${count(p.days, { one: 'day', other: 'days' })})`,
  },
};
