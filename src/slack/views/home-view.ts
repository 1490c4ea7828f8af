/**
 * The App Home tab: the person's own requests and, for approvers, what waits for them. Bounded to
 * Slack's 100 blocks however many cases exist; the rest is one line pointing to `/gdpr-export status`.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { CaseListing } from '../../workflow/oversight.js';
import { oversightHomeBlocks } from './oversight-views.js';
import type { HomeView, KnownBlock } from './block-kit.js';
import { actions, button, context, divider, header, section } from './block-kit.js';
import { plural, slackDate, userMention } from './format.js';
import { APPROVE_CASE, OPEN_REQUEST_MODAL, REJECT_CASE } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, dueSuffix, dueWords, legalBasisLabel, newestFirst } from './labels.js';

export interface HomeViewInput {
  myCases: ExportCase[];
  awaitingMyApproval: ExportCase[];
  isRequester: boolean;
  isApprover: boolean;
  now: Date;
  /** for GDPR auditors: the listing their filter chose */
  oversight?: CaseListing;
}

/**
 * Two blocks per approval (details and buttons), one per own case; ~12 blocks of frame. With the
 * auditors' section (up to ~33 blocks) the own cases shrink so the tab stays within 100 blocks.
 */
const APPROVALS_SHOWN = 20;
const MY_CASES_SHOWN = 40;
const MY_CASES_SHOWN_WITH_OVERSIGHT = 10;

export function homeView(input: HomeViewInput): HomeView {
  const blocks: KnownBlock[] = [header('GDPR chat exports')];
  if (!input.isRequester && !input.isApprover && !input.oversight && input.myCases.length === 0) {
    blocks.push(...outsiderBlocks());
  } else {
    blocks.push(
      section(
        'Request Genesys Cloud exports of people’s Collaborate chat for GDPR and legal requests, follow their progress and download the results.',
      ),
    );
    if (input.isRequester) {
      blocks.push(actions('home_actions', [button({ text: 'New request', actionId: OPEN_REQUEST_MODAL, style: 'primary' })]));
    }
    if (input.isApprover) blocks.push(...approvalBlocks(input.awaitingMyApproval, input.now));
    if (input.oversight) blocks.push(...oversightHomeBlocks(input.oversight, input.now));
    if (input.isRequester || input.myCases.length > 0) {
      blocks.push(...myCaseBlocks(input.myCases, input.now, input.oversight ? MY_CASES_SHOWN_WITH_OVERSIGHT : MY_CASES_SHOWN));
    }
  }
  return { type: 'home', blocks };
}

function outsiderBlocks(): KnownBlock[] {
  return [
    section(
      'This app lets your compliance team request and approve Genesys Cloud exports of Collaborate chat for GDPR and legal requests.',
    ),
    context('You are not on its list of requesters or approvers. If your role needs it, ask the app’s administrator to add you.'),
  ];
}

function approvalBlocks(cases: ExportCase[], now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header('Waiting for my approval')];
  if (cases.length === 0) return [...blocks, context(':white_check_mark: Nothing is waiting for your approval.')];
  const sorted = newestFirst(cases);
  for (const c of sorted.slice(0, APPROVALS_SHOWN)) {
    const expiry = c.approval.expiresAt ? ` · expires ${slackDate(c.approval.expiresAt, true)}` : '';
    blocks.push(
      section(
        `*${caseIdCode(c)}* from ${userMention(c.requesterId)}, reference ${caseReference(c, undefined, 80)}\n` +
          `${plural(c.subjects.length, 'person', 'people')} · ${legalBasisLabel(c)}${dueSuffix(c, dueWords(c, now))}${expiry}`,
      ),
      actions(`home_approval_${c.id}`, [
        button({ text: 'Approve', actionId: APPROVE_CASE, value: c.id, style: 'primary' }),
        button({ text: 'Reject', actionId: REJECT_CASE, value: c.id, style: 'danger' }),
      ]),
    );
  }
  if (sorted.length > APPROVALS_SHOWN) {
    blocks.push(context(`…and ${sorted.length - APPROVALS_SHOWN} more waiting. Each has an approval message with the same buttons.`));
  }
  return blocks;
}

function myCaseBlocks(cases: ExportCase[], now: Date, shownMax: number): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header('My requests')];
  if (cases.length === 0) {
    return [...blocks, context('You have no export requests yet. Press *New request* or type `/gdpr-export` to start one.')];
  }
  const sorted = newestFirst(cases);
  for (const c of sorted.slice(0, shownMax)) {
    blocks.push(
      section(
        `*${caseIdCode(c)}* · reference ${caseReference(c, undefined, 80)}\n${caseStateLabel(c.state)} · ` +
          `${countSubjects(c, 'completed')} of ${plural(c.subjects.length, 'person', 'people')} ready${dueSuffix(c, dueWords(c, now))}`,
      ),
    );
  }
  if (sorted.length > shownMax) {
    blocks.push(context(`…and ${sorted.length - shownMax} more — use \`/gdpr-export status\``));
  }
  return blocks;
}
