/** What replaces the bot's messages about a purged case: ids and a date only. */
export interface TombstoneWords {
  /** `caseId` in code in the message, plain in its notification text */
  purged: (p: { caseId: string; day: string }) => string;
  whatRemains: () => string;
}
