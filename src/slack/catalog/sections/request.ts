/**
 * The request form, its notices, the confirmation the requester may have to tick, and the views
 * that follow a submission (checking, submitted), plus the small progress and refusal modals.
 * Counts arrive as numbers (the language writes its own plural); mentions arrive already formed.
 */
export interface RequestWords {
  /** the modal title (≤ 24 characters) */
  title: () => string;
  /** button texts (≤ 24 characters) */
  submit: () => string;
  cancel: () => string;
  close: () => string;
  done: () => string;
  loading: () => string;
  /** a refusal modal opened with no text */
  cannotBeDone: () => string;
  intro: (p: { maxSubjects: number }) => string;
  subjects: { label: () => string; hint: (p: { maxSubjects: number }) => string; placeholder: () => string };
  otherPeople: { label: () => string; hint: () => string };
  legalBasis: { label: () => string; placeholder: () => string };
  receivedOn: { label: () => string; hint: () => string; placeholder: () => string };
  neededBy: { label: () => string; hint: () => string; placeholder: () => string };
  caseReference: { label: () => string; hint: () => string };
  justification: { label: () => string; hint: () => string };
  confirmation: {
    label: () => string;
    /** the checkbox and its description (≤ 75 characters each) */
    option: () => string;
    description: () => string;
    /** the form was submitted without ticking it */
    missing: () => string;
  };
  /** mrkdwn notices below the form */
  ownMessagesOnly: () => string;
  retention: {
    loading: () => string;
    /** the bot may not read the setting */
    unknown: () => string;
    days: (p: { days: number }) => string;
    unreadable: () => string;
  };
  genesysDelay: () => string;
  due: {
    noReceipt: () => string;
    /** `day` and `due` written by the Reader */
    dueBy: (p: { receivedToday: boolean; day: string; due: string }) => string;
  };
  approval: {
    loading: () => string;
    notRequired: () => string;
    /** `who`: the approvers' mentions as a list in words; `where`: a channel mention */
    asked: (p: { who?: string; where?: string }) => string;
    /** approvers beyond those shown */
    more: (p: { n: number }) => string;
  };
  checking: () => string;
  submitted: {
    /** `id` in code, `reference` escaped */
    received: (p: { id: string; reference: string }) => string;
    awaitingApproval: (p: { where?: string }) => string;
    noApprovalNeeded: () => string;
    progressByDm: () => string;
  };
}
