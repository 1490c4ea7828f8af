import type { OversightWords } from '../sections/oversight.js';
import { counter } from '../reader.js';

const count = counter('en');
const days = { one: 'day', other: 'days' };
const entries = { one: 'entry', other: 'entries' };

export const enOversight: OversightWords = {
  filter: {
    mine: 'My requests',
    all: 'All cases',
    open: 'Open cases',
    overdue: 'Overdue cases',
  },
  title: () => 'Oversight (read-only)',
  filterPlaceholder: () => 'Show',
  exportButton: (p) => `Export audit trail (${count(p.days, days)})`,
  overdueGroup: () => 'Overdue',
  openGroup: () => 'Open',
  recentGroup: (p) => `Finished in the last ${count(p.days, days)}`,
  noneOverdue: () => 'No case is past its GDPR due date.',
  none: () => 'None.',
  caseHeadline: (p) => `${p.id} · ${p.reference} · from ${p.requester}`,
  moreOnHome: (p) => `…and ${count(p.count, { other: 'more' })}. \`/gdpr-export cases overdue\`, \`open\` or \`GX-…\` shows them.`,
  moreInText: () => '…and more: narrow it with `/gdpr-export cases overdue` or `open`, or open the app’s Home tab.',
  truncatedOnHome: (p) => `Only the newest ${p.limit} cases were read; older ones are not shown.`,
  truncatedInText: (p) => `Only the newest ${p.limit} cases were read.`,
  auditComment: (p) =>
    `Audit trail of the last ${count(p.days, days)} (${p.since} to ${p.until}): ${count(p.entries, entries)}. ` +
    'It holds ids and actions only, no message text or justification.',
  auditSent: (p) => `I sent the audit export (${count(p.entries, entries)}) to our direct messages.`,
  auditFileTitle: (p) => `GDPR export audit trail, last ${count(p.days, days)}`,
};
