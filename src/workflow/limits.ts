/**
 * Every length limit on what people type, and the words for breaking one, defined once. The
 * workflow enforces them (policy.ts, the decisions, the deadline extension, the withdrawal); the
 * Slack form schema and the Block Kit `min_length`/`max_length` read them from here, so the form
 * can never accept what the workflow refuses, or the other way round.
 */
export const FIELD_LIMITS = {
  caseReferenceMax: 100,
  justificationMin: 10,
  justificationMax: 2000,
  /** the "other people" field: emails or Genesys ids, one per line */
  extraIdsMax: 3000,
  /** the optional note with an approval */
  approvalNoteMax: 1000,
  /**
   * The requester reads the reason and must learn what to change: a word or two ("no") tells
   * them nothing, and v0.1.0's form already asked for 5–1000 (nothing longer was ever stored).
   */
  rejectReasonMin: 5,
  rejectReasonMax: 1000,
  extensionReasonMax: 1000,
  withdrawalNoteMax: 1000,
} as const;

const count = (n: number) => n.toLocaleString('en-US');

/** The words for a broken limit, shared by the form (before submission) and the workflow. */
export const LIMIT_MESSAGES = {
  caseReferenceMissing: 'Give a case reference, such as your ticket or DSAR number.',
  caseReferenceTooLong: (length: number) =>
    `The case reference is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.caseReferenceMax)}.`,
  justificationTooShort: `Explain why this export is needed in at least ${FIELD_LIMITS.justificationMin} characters; approvers and auditors read it.`,
  justificationTooLong: (length: number) =>
    `The justification is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.justificationMax)}.`,
  rejectReasonTooShort: `Give a reason for rejecting of at least ${FIELD_LIMITS.rejectReasonMin} characters; the requester will read it.`,
  rejectReasonTooLong: (length: number) =>
    `The reason is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.rejectReasonMax)}.`,
  extensionReasonTooLong: (length: number) =>
    `The reason for the extension is ${count(length)} characters long; keep it to ${count(FIELD_LIMITS.extensionReasonMax)}.`,
} as const;
