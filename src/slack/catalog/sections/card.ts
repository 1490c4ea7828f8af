/**
 * The approval card approvers decide on, its reminder, and the approve and reject dialogs.
 * Parameters arrive already formatted (mrkdwn, escaped, mentions, dates written by the Reader);
 * `people` is a count the catalog words with its plural.
 */
export interface CardWords {
  header: (p: { id: string }) => string;
  /** "<@U> asks to export the Genesys Cloud chat of 5 people (case `GX-…`)." */
  intro: (p: { requester: string; people: number; caseId: string }) => string;
  legalBasisField: (p: { basis: string }) => string;
  referenceField: (p: { reference: string }) => string;
  expiresField: (p: { when: string }) => string;
  peopleLabel: () => string;
  justificationLabel: () => string;
  /** what an approver should know before deciding */
  beforeDeciding: () => string;
  approveButton: () => string;
  rejectButton: () => string;
  /** the card's notification text while it waits */
  awaitingText: (p: { id: string; requester: string; people: number; basis: string }) => string;
  /** the card's notification text once decided; `outcome` is the decision or state, without emoji */
  decidedText: (p: { id: string; requester: string; people: number; basis: string; outcome: string }) => string;
  /** `expiry`: when the request expires without a decision, if it does */
  reminder: (p: { id: string; requester: string; expiry?: string }) => string;
  /** the decision dialogs' summary of the case; `deadline` is the deadline line, if any */
  summary: (p: { caseId: string; reference: string; requester: string; people: number; names: string; basis: string; deadline?: string }) => string;
  /** "3 more", after the names shown */
  moreNames: (p: { count: number }) => string;
  cancel: () => string;
  approveTitle: () => string;
  approveSubmit: () => string;
  approveEffect: () => string;
  noteLabel: () => string;
  rejectTitle: () => string;
  rejectSubmit: () => string;
  reasonLabel: () => string;
  reasonHint: () => string;
  rejectEffect: () => string;
  /** a button pressed on a case that is no longer waiting */
  alreadyDecided: (p: { id: string }) => string;
  reasonRequired: () => string;
}
