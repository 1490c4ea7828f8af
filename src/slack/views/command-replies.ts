/**
 * Ephemeral replies to `/gdpr-export`: help, the status list, and refusals the parser cannot know
 * about (who may request, who was mentioned). Plain mrkdwn strings.
 */
import { TERMINAL_CASE_STATES, type ExportCase, type SubjectExport } from '../../workflow/model.js';
import type { KnownBlock, SlackMessage } from './block-kit.js';
import { context, divider, labelledSections, section } from './block-kit.js';
import { caseActions, extensionLine, withdrawalLine } from './deadline-views.js';
// transitional: caseDetailMessage is given its reader by the command-replies conversion
import { DEFAULT_READER } from '../catalog/index.js';
import { subjectResolutionError } from '../messages.js';
import { clip, inlineCode, plural, slackDate, userMention } from './format.js';
import {
  caseIdCode,
  caseReference,
  caseStateLabel,
  countSubjects,
  deadlineLine,
  decisionLine,
  dueDate,
  dueSuffix,
  legalBasisLabel,
  newestFirst,
  subjectName,
  subjectProgress,
} from './labels.js';

/** Keeps the reply inside one section's 3000 characters, however many cases a person has. */
const STATUS_TEXT_BUDGET = 2800;

export function helpText(maxSubjects: number): string {
  const max = Math.max(1, Math.floor(maxSubjects));
  return [
    '*GDPR chat export* asks Genesys Cloud for the Collaborate chat of named people, for a GDPR or legal request.',
    '• `/gdpr-export` opens the request form.',
    `• \`/gdpr-export @person @person\` opens it with those people filled in (at most ${max}).`,
    '• You can also name people by email address or Genesys user ID, for example people who have left Slack.',
    '• `/gdpr-export status` lists your requests, with each person’s last Genesys status; `/gdpr-export status GX-7K2M9QPA` shows one in full.',
    '• `/gdpr-export extend GX-7K2M9QPA` extends the GDPR deadline of a data subject access request once, by up to two months, with a reason.',
    '• `/gdpr-export withdraw GX-7K2M9QPA` withdraws a request you made, with a reason.',
    '• `/gdpr-export timeline GX-7K2M9QPA` builds a conversation timeline once every export of that case is ready.',
    '• GDPR auditors: `/gdpr-export cases [open|overdue|GX-7K2M9QPA]` shows every case, read-only, and `/gdpr-export audit-export [days]` sends the audit trail (CSV) to your DM.',
    '• `/gdpr-export help` shows this message.',
    '',
    'Good to know:',
    '• Each export holds only that person’s own messages: for a conversation, name every participant.',
    '• Only messages inside your organisation’s chat retention period are included.',
    '• Genesys Cloud can take several days. The bot tells you in a direct message as each export is ready, and every download link works for a few minutes only.',
    '• Genesys Cloud cannot export a whole organisation, a channel or a user group: name the people.',
  ].join('\n');
}

export function statusListText(cases: readonly ExportCase[]): string {
  if (cases.length === 0) return 'You have no export requests. Type `/gdpr-export` to start one.';
  const sorted = newestFirst(cases);
  const lines = ['*Your GDPR export requests*, newest first:'];
  let length = lines[0]?.length ?? 0;
  let shown = 0;
  for (const c of sorted) {
    const line = `• ${caseSummaryLine(c)}`;
    if (length + line.length + 1 > STATUS_TEXT_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
    shown += 1;
  }
  if (shown < sorted.length) lines.push(`…and ${sorted.length - shown} older requests.`);
  return lines.join('\n');
}

export function notAllowedText(): string {
  return 'Only the configured GDPR requesters can request exports. If your role needs it, ask the app’s administrator to add you to GDPR_REQUESTERS.';
}

export interface MentionedPerson {
  id: string;
  /** false when Slack does not know the user (e.g. from another workspace) */
  exists: boolean;
  isBot: boolean;
  deleted: boolean;
}

/** Why people mentioned in the command cannot be exported, or undefined when all can. */
export function mentionedPeopleRefusal(people: readonly MentionedPerson[]): string | undefined {
  const problems = people.flatMap((p) => {
    if (!p.exists) {
      return [`The bot cannot see ${userMention(p.id)} in this workspace. Give their email address or Genesys user ID instead.`];
    }
    if (p.isBot) return [subjectResolutionError('bot', userMention(p.id))];
    if (p.deleted) return [subjectResolutionError('deactivated', userMention(p.id))];
    return [];
  });
  return problems.length > 0 ? problems.join('\n') : undefined;
}

/** Open cases shown in detail by `/gdpr-export status`; the rest are summarised in one line each. */
const OPEN_CASES_DETAILED = 20;

/** One person's last word from Genesys and when: "*Ann*: … preparing it (`SEARCHING`) · last checked 3 Mar at 10:00". */
export function subjectCheckLine(s: SubjectExport): string {
  // a submitted subject's progress already quotes the status
  const status =
    s.state === 'submitted' && s.genesysStatus
      ? ''
      : s.genesysStatus
        ? `Genesys status ${inlineCode(s.genesysStatus, 30)}, `
        : 'no status from Genesys Cloud yet, ';
  const checked = s.lastCheckedAt
    ? `last checked ${slackDate(s.lastCheckedAt, true)}`
    : s.submittedAt
      ? `sent ${slackDate(s.submittedAt, true)}, not checked since`
      : 'not checked yet';
  const next = s.state === 'submitted' && s.nextCheckAt ? `, next check ${slackDate(s.nextCheckAt, true)}` : '';
  return `${subjectName(s)}: ${subjectProgress(s)} · ${status}${checked}${next}`;
}

function caseSummaryLine(c: ExportCase): string {
  return (
    `${caseIdCode(c)} ${caseReference(c, undefined, 60)}: ${caseStateLabel(c.state)} · ` +
    `${countSubjects(c, 'completed')} of ${plural(c.subjects.length, 'person', 'people')} ready${dueSuffix(c, dueDate(c))}`
  );
}

/**
 * `/gdpr-export status`: each open case with every person's last Genesys status and when it was
 * checked; closed cases in a line each. Bounded to one message however many cases there are.
 */
export function statusListMessage(cases: readonly ExportCase[]): SlackMessage {
  const text = statusListText(cases);
  if (cases.length === 0) return { text, blocks: [section(text)] };
  const sorted = newestFirst(cases);
  const open = sorted.filter((c) => !TERMINAL_CASE_STATES.includes(c.state));
  const closed = sorted.filter((c) => TERMINAL_CASE_STATES.includes(c.state));
  const blocks: KnownBlock[] = [section(`*Your GDPR export requests*: ${plural(open.length, 'open request', 'open requests')}, newest first.`)];
  for (const c of open.slice(0, OPEN_CASES_DETAILED)) {
    blocks.push(section(clip([`*${caseSummaryLine(c)}*`, ...c.subjects.map((s) => `◦ ${subjectCheckLine(s)}`)].join('\n'), 2900)));
  }
  if (open.length > OPEN_CASES_DETAILED) blocks.push(context(`…and ${open.length - OPEN_CASES_DETAILED} more open requests.`));
  if (closed.length > 0) {
    const lines: string[] = [];
    let length = 0;
    for (const c of closed) {
      const line = `• ${caseSummaryLine(c)}`;
      if (length + line.length + 1 > STATUS_TEXT_BUDGET) break;
      lines.push(line);
      length += line.length + 1;
    }
    if (lines.length < closed.length) lines.push(`…and ${closed.length - lines.length} older closed requests.`);
    blocks.push(divider(), section(`*Closed*\n${lines.join('\n')}`));
  }
  blocks.push(context('`/gdpr-export status GX-…` shows one request in full.'));
  return { text, blocks };
}

/** `/gdpr-export status GX-…`: one case in full. */
export function caseDetailMessage(c: ExportCase): SlackMessage {
  const facts = [
    `*Legal basis:* ${legalBasisLabel(c)}`,
    `*Requested by* ${userMention(c.requesterId)} on ${slackDate(c.receivedAt, true)}`,
    ...(deadlineLine(c) ? [`*Deadline:* ${deadlineLine(c)}`] : []),
    ...(decisionLine(c) ? [decisionLine(c) ?? ''] : []),
    ...(c.extension ? [extensionLine(c, DEFAULT_READER) ?? ''] : []),
    ...(c.withdrawal ? [withdrawalLine(c, DEFAULT_READER) ?? ''] : []),
  ];
  return {
    text: `GDPR export ${c.id}: ${caseStateLabel(c.state).replace(/^:[a-z_]+:\s*/, '')}.`,
    blocks: [
      section(`*GDPR export ${caseIdCode(c)}*, reference ${caseReference(c)}\n${caseStateLabel(c.state)}`),
      section(clip(facts.join('\n'), 2900)),
      ...labelledSections(
        `People (${countSubjects(c, 'completed')} of ${c.subjects.length} ready)`,
        c.subjects.map((s) => `• ${subjectCheckLine(s)}${s.attempts > 1 ? ` · attempt ${s.attempts}` : ''}`),
      ),
      ...caseActions(c, DEFAULT_READER),
    ],
  };
}
