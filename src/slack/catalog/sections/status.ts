/**
 * The requester's status message and the replies in its DM thread: the decision, each subject's
 * export ready or failed, the case finished. Parameters arrive already formatted; counts are
 * numbers the catalog words with their plurals.
 */
export interface StatusWords {
  /** the status message's notification text; `state` without emoji */
  text: (p: { id: string; state: string; ready: number; total: number }) => string;
  heading: (p: { caseId: string; reference: string }) => string;
  peopleLabel: (p: { ready: number; total: number }) => string;
  requestedBy: (p: { requester: string; when: string }) => string;
  decided: {
    /** who decided when the decision names nobody */
    anApprover: () => string;
    approved: (p: { who: string; id: string; people: number }) => string;
    rejected: (p: { who: string; id: string; reason: string }) => string;
    noReason: () => string;
    expired: (p: { id: string }) => string;
    /** any other state: `state` without emoji */
    other: (p: { id: string; state: string }) => string;
  };
  subject: {
    /** `subject`: the name without markup (a notification shows asterisks literally) */
    readyText: (p: { subject: string; id: string }) => string;
    ready: (p: { subject: string; caseId: string }) => string;
    getLinkButton: () => string;
    /** `basis`: the legal basis of the case */
    handleWithCare: (p: { basis: string }) => string;
    failedText: (p: { subject: string; id: string; reason: string }) => string;
    failed: (p: { subject: string; caseId: string; reason: string }) => string;
    retryButton: () => string;
    retryEffect: () => string;
  };
  finished: {
    allReadyText: (p: { id: string; total: number }) => string;
    allReady: (p: { caseId: string; total: number }) => string;
    timelineOffer: () => string;
    timelineButton: () => string;
    noneReady: (p: { caseId: string; total: number }) => string;
    someReady: (p: { caseId: string; ready: number; total: number; failed: number }) => string;
    someFailedText: (p: { id: string; ready: number; total: number; failed: number }) => string;
    retryAdvice: () => string;
  };
}
