/**
 * The App Home tab: the person's own requests and, for approvers, what waits for them. Bounded to
 * Slack's 100 blocks however many cases exist; the rest is one line pointing to `/gdpr-export status`.
 */
import type { ExportCase } from '../../workflow/model.js';
import type { CaseListing } from '../../workflow/oversight.js';
import { oversightHomeBlocks } from './oversight-views.js';
import type { HomeView, KnownBlock } from './block-kit.js';
import { actions, button, context, divider, header, section } from './block-kit.js';
import { userMention } from './format.js';
import { APPROVE_CASE, OPEN_REQUEST_MODAL, REJECT_CASE } from './block-kit-ids.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, dueSuffix, dueWords, legalBasisLabel, newestFirst } from './labels.js';
import type { Reader } from '../catalog/index.js';

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

export function homeView(input: HomeViewInput, reader: Reader): HomeView {
  const words = reader.t.home;
  const blocks: KnownBlock[] = [header(words.title())];
  if (!input.isRequester && !input.isApprover && !input.oversight && input.myCases.length === 0) {
    blocks.push(section(words.outsiderIntro()), context(words.outsiderNoRole()));
  } else {
    blocks.push(section(words.intro()));
    if (input.isRequester) {
      blocks.push(actions('home_actions', [button({ text: words.newRequestButton(), actionId: OPEN_REQUEST_MODAL, style: 'primary' })]));
    }
    if (input.isApprover) blocks.push(...approvalBlocks(input.awaitingMyApproval, input.now, reader));
    if (input.oversight) blocks.push(...oversightHomeBlocks(input.oversight, input.now, reader));
    if (input.isRequester || input.myCases.length > 0) {
      blocks.push(...myCaseBlocks(input.myCases, input.now, input.oversight ? MY_CASES_SHOWN_WITH_OVERSIGHT : MY_CASES_SHOWN, reader));
    }
  }
  return { type: 'home', blocks };
}

function approvalBlocks(cases: ExportCase[], now: Date, reader: Reader): KnownBlock[] {
  const words = reader.t.home;
  const blocks: KnownBlock[] = [divider(), header(words.awaitingTitle())];
  if (cases.length === 0) return [...blocks, context(`:white_check_mark: ${words.nothingAwaiting()}`)];
  const sorted = newestFirst(cases);
  for (const c of sorted.slice(0, APPROVALS_SHOWN)) {
    const expiry = c.approval.expiresAt ? words.expiresSuffix({ when: reader.slackDate(c.approval.expiresAt, true) }) : '';
    const headline = words.awaitingCase({ id: `*${caseIdCode(c)}*`, requester: userMention(c.requesterId), reference: caseReference(c, reader, 80) });
    blocks.push(
      section(
        `${headline}\n` +
          `${reader.count(c.subjects.length, words.people)} · ${legalBasisLabel(c, reader)}${dueSuffix(c, dueWords(c, now, reader), reader)}${expiry}`,
      ),
      actions(`home_approval_${c.id}`, [
        button({ text: words.approveButton(), actionId: APPROVE_CASE, value: c.id, style: 'primary' }),
        button({ text: words.rejectButton(), actionId: REJECT_CASE, value: c.id, style: 'danger' }),
      ]),
    );
  }
  if (sorted.length > APPROVALS_SHOWN) blocks.push(context(words.moreAwaiting({ count: sorted.length - APPROVALS_SHOWN })));
  return blocks;
}

function myCaseBlocks(cases: ExportCase[], now: Date, shownMax: number, reader: Reader): KnownBlock[] {
  const words = reader.t.home;
  const blocks: KnownBlock[] = [divider(), header(words.myRequestsTitle())];
  if (cases.length === 0) return [...blocks, context(words.noRequests())];
  const sorted = newestFirst(cases);
  for (const c of sorted.slice(0, shownMax)) {
    const ready = words.subjectsReady({ ready: countSubjects(c, 'completed'), total: c.subjects.length });
    blocks.push(
      section(
        `${words.myCase({ id: `*${caseIdCode(c)}*`, reference: caseReference(c, reader, 80) })}\n` +
          `${caseStateLabel(c.state, reader)} · ${ready}${dueSuffix(c, dueWords(c, now, reader), reader)}`,
      ),
    );
  }
  if (sorted.length > shownMax) blocks.push(context(words.moreMine({ count: sorted.length - shownMax })));
  return blocks;
}
