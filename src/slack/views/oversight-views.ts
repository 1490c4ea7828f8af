/**
 * What GDPR auditors read: case listings (App Home and `/gdpr-export cases`), one case in full, and
 * the comment on the audit export. Read-only: no approve, download or timeline button here.
 */
import type { CaseListFilter, CaseListing } from '../../workflow/oversight.js';
import { OVERSIGHT_READ_LIMIT } from '../../workflow/oversight.js';
import { isOverdue } from '../../workflow/case-deadline.js';
import type { ExportCase } from '../../workflow/model.js';
import { TERMINAL_CASE_STATES } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { KnownBlock } from './block-kit.js';
import { button, context, divider, header, plain, section } from './block-kit.js';
import { userMention } from './format.js';
import { EXPORT_AUDIT, OVERSIGHT_FILTER } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, dueWords, legalBasisLabel } from './labels.js';

/** the Home tab holds 100 blocks; one per case leaves room for the rest of the tab */
const HOME_CASES_SHOWN = 25;
const TEXT_BUDGET = 2800;
export const HOME_AUDIT_EXPORT_DAYS = 30;
/** "recently finished" in the all-cases listing */
const RECENT_DAYS = 30;

function caseLine(c: ExportCase, now: Date, reader: Reader): string {
  const headline = reader.t.oversight.caseHeadline({ id: `*${caseIdCode(c)}*`, reference: caseReference(c, reader, 60), requester: userMention(c.requesterId) });
  const ready = reader.t.home.subjectsReady({ ready: countSubjects(c, 'completed'), total: c.subjects.length });
  const due = dueWords(c, now, reader);
  // an auditor compares every case against its due date, whatever the legal basis
  const dueSuffix = due === undefined ? '' : reader.t.case.deadline.dueSuffix({ words: due });
  return `${headline}\n${caseStateLabel(c.state, reader)} · ${legalBasisLabel(c, reader)} · ${ready}${dueSuffix}`;
}

interface CaseGroup {
  title: string;
  cases: ExportCase[];
  /** what an empty group says */
  empty: string;
}

/** For 'all': overdue first, then the other open cases, then those finished in the last 30 days. */
function groups(listing: CaseListing, now: Date, reader: Reader): CaseGroup[] {
  const words = reader.t.oversight;
  const noneOverdue = `:white_check_mark: ${words.noneOverdue()}`;
  if (listing.filter !== 'all') {
    return [{ title: words.filter[listing.filter], cases: listing.cases, empty: listing.filter === 'overdue' ? noneOverdue : words.none() }];
  }
  const overdue = listing.cases.filter((c) => isOverdue(c, now));
  const open = listing.cases.filter((c) => !TERMINAL_CASE_STATES.includes(c.state) && !isOverdue(c, now));
  const recentSince = now.getTime() - RECENT_DAYS * 86_400_000;
  const recent = listing.cases.filter((c) => TERMINAL_CASE_STATES.includes(c.state) && Date.parse(c.finishedAt ?? c.updatedAt) >= recentSince);
  return [
    { title: words.overdueGroup(), cases: overdue, empty: noneOverdue },
    { title: words.openGroup(), cases: open, empty: words.none() },
    { title: words.recentGroup({ days: RECENT_DAYS }), cases: recent, empty: words.none() },
  ];
}

const groupHeading = (group: CaseGroup, reader: Reader) => `*${group.title}* (${reader.number(group.cases.length)})`;

/** The auditors' part of the Home tab: a filter, the listing, and the audit export button. */
export function oversightHomeBlocks(listing: CaseListing, now: Date, reader: Reader): KnownBlock[] {
  const words = reader.t.oversight;
  const option = (f: CaseListFilter) => ({ text: plain(words.filter[f]), value: f });
  const blocks: KnownBlock[] = [
    divider(),
    header(words.title()),
    {
      type: 'actions',
      block_id: 'oversight_controls',
      elements: [
        {
          type: 'static_select',
          action_id: OVERSIGHT_FILTER,
          placeholder: plain(words.filterPlaceholder()),
          options: (['all', 'overdue', 'open', 'mine'] as const).map(option),
          initial_option: option(listing.filter),
        },
        button({ text: words.exportButton({ days: HOME_AUDIT_EXPORT_DAYS }), actionId: EXPORT_AUDIT, value: String(HOME_AUDIT_EXPORT_DAYS) }),
      ],
    },
  ];
  const listed = groups(listing, now, reader);
  let shown = 0;
  for (const group of listed) {
    blocks.push(section(groupHeading(group, reader)));
    if (group.cases.length === 0) blocks.push(context(group.empty));
    for (const c of group.cases) {
      if (shown >= HOME_CASES_SHOWN) break;
      blocks.push(section(caseLine(c, now, reader)));
      shown += 1;
    }
  }
  const total = listed.reduce((n, g) => n + g.cases.length, 0);
  if (total > shown) blocks.push(context(words.moreOnHome({ count: total - shown })));
  if (listing.truncated) blocks.push(context(words.truncatedOnHome({ limit: reader.number(OVERSIGHT_READ_LIMIT) })));
  return blocks;
}

/** The reply to `/gdpr-export cases [filter]`: one line per case, within one message. */
export function caseListText(listing: CaseListing, now: Date, reader: Reader): string {
  const lines: string[] = [];
  for (const group of groups(listing, now, reader)) {
    lines.push(groupHeading(group, reader));
    if (group.cases.length === 0) lines.push(group.empty);
    for (const c of group.cases) lines.push(`• ${caseLine(c, now, reader).replace('\n', ' · ')}`);
  }
  let length = 0;
  const kept: string[] = [];
  for (const line of lines) {
    if (length + line.length + 1 > TEXT_BUDGET) {
      kept.push(reader.t.oversight.moreInText());
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  if (listing.truncated) kept.push(`_${reader.t.oversight.truncatedInText({ limit: reader.number(OVERSIGHT_READ_LIMIT) })}_`);
  return kept.join('\n');
}

export function auditExportComment(input: { entries: number; days: number; since: Date; until: Date }, reader: Reader): string {
  return reader.t.oversight.auditComment({
    days: input.days,
    since: reader.slackDate(input.since, true),
    until: reader.slackDate(input.until, true),
    entries: input.entries,
  });
}

export function auditExportSentText(entries: number, reader: Reader): string {
  return reader.t.oversight.auditSent({ entries });
}

/** The title Slack shows for the CSV (the file's content and name stay codes and ISO dates). */
export function auditExportFileTitle(days: number, reader: Reader): string {
  return reader.t.oversight.auditFileTitle({ days });
}
