/**
 * How a case, its subjects, its decision and its deadline read: the words behind `views/labels.ts`,
 * shared by the approval card, the status message, the Home tab and `/gdpr-export status`.
 * Parameters arrive already formatted (mrkdwn, escaped, dates written by the Reader).
 */
import type { CaseState, LegalBasis } from '../../../workflow/model.js';

export interface CaseWords {
  state: Record<CaseState, string>;
  legalBasis: Record<LegalBasis, string>;
  unknownLegalBasis: () => string;
  /** a case without a reference */
  noReference: () => string;
  /** a subject known only by their Genesys id (already in code) */
  genesysUser: (p: { id: string }) => string;
  /** the same on the approval card, where the approver must check whom they approve */
  unnamedForApprover: (p: { id: string }) => string;
  progress: {
    pending: () => string;
    submitting: () => string;
    submitted: (p: { status?: string }) => string;
    completed: (p: { since?: string }) => string;
    failed: (p: { reason: string }) => string;
    unknown: () => string;
  };
  noFailureReason: () => string;
  decision: {
    anApprover: () => string;
    approved: (p: { by: string; when: string; note?: string }) => string;
    rejected: (p: { by: string; note?: string }) => string;
    expired: (p: { when: string }) => string;
    notNeeded: () => string;
  };
  deadline: {
    neededByLine: (p: { day: string }) => string;
    /** `months`: of an extension, when there is one */
    gdprDueLine: (p: { due: string; months?: number; receipt: string }) => string;
    received: (p: { day: string }) => string;
    receiptNotRecorded: () => string;
    neededByField: (p: { day: string }) => string;
    receivedField: (p: { day?: string }) => string;
    dueField: (p: { due: string; extendedFrom?: string }) => string;
    /** " · due <words>" after a case's title, or " · needed by <words>" */
    dueSuffix: (p: { words: string }) => string;
    neededBySuffix: (p: { words: string }) => string;
    overdue: (p: { date: string }) => string;
    dueToday: (p: { date: string }) => string;
    dueInDays: (p: { date: string; days: number }) => string;
  };
}
