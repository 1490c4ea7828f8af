/**
 * What GDPR auditors read: the read-only case listing (App Home and `/gdpr-export cases`) and the
 * words around the audit export. The CSV itself is data (codes, ISO timestamps) and is not worded.
 * Parameters arrive formatted; counts arrive as numbers for `Intl.PluralRules`.
 */
import type { CaseListFilter } from '../../../workflow/oversight.js';

export interface OversightWords {
  /** the filter's option labels; 'all' groups cases as below */
  filter: Record<CaseListFilter, string>;
  title: () => string;
  filterPlaceholder: () => string;
  exportButton: (p: { days: number }) => string;
  overdueGroup: () => string;
  openGroup: () => string;
  recentGroup: (p: { days: number }) => string;
  noneOverdue: () => string;
  none: () => string;
  /** first line of a listed case: `requester` a mention */
  caseHeadline: (p: { id: string; reference: string; requester: string }) => string;
  /** below a Home tab listing cut short */
  moreOnHome: (p: { count: number }) => string;
  /** the end of a `/gdpr-export cases` reply cut to one message */
  moreInText: () => string;
  /** the listing read only the newest `limit` cases (`limit` formatted) */
  truncatedOnHome: (p: { limit: string }) => string;
  truncatedInText: (p: { limit: string }) => string;
  /** the comment on the CSV in the auditor's DM (`since`, `until`: Slack dates) */
  auditComment: (p: { days: number; since: string; until: string; entries: number }) => string;
  /** the reply where the auditor asked for it */
  auditSent: (p: { entries: number }) => string;
  /** the title Slack shows for the CSV file (plain text) */
  auditFileTitle: (p: { days: number }) => string;
}
