/**
 * Every length limit on what people type, defined once (the words for breaking one are in the
 * Slack catalog, slack/catalog/<language>/problems.ts and refusals.ts). The
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
