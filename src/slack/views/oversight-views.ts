/**
 * What GDPR auditors read: case listings (App Home and `/gdpr-export cases`), one case in full, and
 * the comment on the audit export. Read-only: no approve, download or timeline button here.
 */
import type { CaseListFilter, CaseListing } from '../../workflow/oversight.js';
import { isOverdue } from '../../workflow/case-deadline.js';
import type { ExportCase } from '../../workflow/model.js';
import { TERMINAL_CASE_STATES } from '../../workflow/model.js';
import type { KnownBlock } from './block-kit.js';
import { button, context, divider, header, plain, section } from './block-kit.js';
import { plural, slackDate, userMention } from './format.js';
import { EXPORT_AUDIT, OVERSIGHT_FILTER } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, dueWords, legalBasisLabel } from './labels.js';

const FILTER_LABELS: Record<CaseListFilter, string> = {
  mine: 'My requests',
  all: 'All cases',
  open: 'Open cases',
  overdue: 'Overdue cases',
};
/** the Home tab holds 100 blocks; one per case leaves room for the rest of the tab */
const HOME_CASES_SHOWN = 25;
const TEXT_BUDGET = 2800;
export const HOME_AUDIT_EXPORT_DAYS = 30;
/** "recently finished" in the all-cases listing */
const RECENT_DAYS = 30;

function caseLine(c: ExportCase, now: Date): string {
  return (
    `*${caseIdCode(c)}* · ${caseReference(c, undefined, 60)} · from ${userMention(c.requesterId)}\n` +
    `${caseStateLabel(c.state)} · ${legalBasisLabel(c)} · ${countSubjects(c, 'completed')} of ${plural(c.subjects.length, 'person', 'people')} ready · due ${dueWords(c, now)}`
  );
}

/** For 'all': overdue first, then the other open cases, then those finished in the last 30 days. */
function groups(listing: CaseListing, now: Date): Array<{ title: string; cases: ExportCase[] }> {
  if (listing.filter !== 'all') return [{ title: FILTER_LABELS[listing.filter], cases: listing.cases }];
  const overdue = listing.cases.filter((c) => isOverdue(c, now));
  const open = listing.cases.filter((c) => !TERMINAL_CASE_STATES.includes(c.state) && !isOverdue(c, now));
  const recentSince = now.getTime() - RECENT_DAYS * 86_400_000;
  const recent = listing.cases.filter((c) => TERMINAL_CASE_STATES.includes(c.state) && Date.parse(c.finishedAt ?? c.updatedAt) >= recentSince);
  return [
    { title: 'Overdue', cases: overdue },
    { title: 'Open', cases: open },
    { title: `Finished in the last ${RECENT_DAYS} days`, cases: recent },
  ];
}

function emptyWords(filter: CaseListFilter, title: string): string {
  if (filter === 'overdue' || title === 'Overdue') return ':white_check_mark: No case is past its GDPR due date.';
  return 'None.';
}

/** The auditors' part of the Home tab: a filter, the listing, and the audit export button. */
export function oversightHomeBlocks(listing: CaseListing, now: Date): KnownBlock[] {
  const option = (f: CaseListFilter) => ({ text: plain(FILTER_LABELS[f]), value: f });
  const blocks: KnownBlock[] = [
    divider(),
    header('Oversight (read-only)'),
    {
      type: 'actions',
      block_id: 'oversight_controls',
      elements: [
        {
          type: 'static_select',
          action_id: OVERSIGHT_FILTER,
          placeholder: plain('Show'),
          options: (['all', 'overdue', 'open', 'mine'] as const).map(option),
          initial_option: option(listing.filter),
        },
        button({ text: `Export audit trail (${HOME_AUDIT_EXPORT_DAYS} days)`, actionId: EXPORT_AUDIT, value: String(HOME_AUDIT_EXPORT_DAYS) }),
      ],
    },
  ];
  let shown = 0;
  for (const group of groups(listing, now)) {
    blocks.push(section(`*${group.title}* (${group.cases.length})`));
    if (group.cases.length === 0) blocks.push(context(emptyWords(listing.filter, group.title)));
    for (const c of group.cases) {
      if (shown >= HOME_CASES_SHOWN) break;
      blocks.push(section(caseLine(c, now)));
      shown += 1;
    }
  }
  const total = groups(listing, now).reduce((n, g) => n + g.cases.length, 0);
  if (total > shown) blocks.push(context(`…and ${total - shown} more. \`/gdpr-export cases overdue\`, \`open\` or \`GX-…\` shows them.`));
  if (listing.truncated) blocks.push(context('Only the newest 1,000 cases were read; older ones are not shown.'));
  return blocks;
}

/** The reply to `/gdpr-export cases [filter]`: one line per case, within one message. */
export function caseListText(listing: CaseListing, now: Date): string {
  const lines: string[] = [];
  for (const group of groups(listing, now)) {
    lines.push(`*${group.title}* (${group.cases.length})`);
    if (group.cases.length === 0) lines.push(emptyWords(listing.filter, group.title));
    for (const c of group.cases) lines.push(`• ${caseLine(c, now).replace('\n', ' · ')}`);
  }
  let length = 0;
  const kept: string[] = [];
  for (const line of lines) {
    if (length + line.length + 1 > TEXT_BUDGET) {
      kept.push(`…and more: narrow it with \`/gdpr-export cases overdue\` or \`open\`, or open the app’s Home tab.`);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  if (listing.truncated) kept.push('_Only the newest 1,000 cases were read._');
  return kept.join('\n');
}

export function auditExportComment(input: { entries: number; days: number; since: Date; until: Date }): string {
  return (
    `Audit trail of the last ${plural(input.days, 'day', 'days')} (${slackDate(input.since, true)} to ${slackDate(input.until, true)}): ` +
    `${plural(input.entries, 'entry', 'entries')}. It holds ids and actions only, no message text or justification.`
  );
}

export function auditExportSentText(entries: number): string {
  return `I sent the audit export (${plural(entries, 'entry', 'entries')}) to our direct messages.`;
}
