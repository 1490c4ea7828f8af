/**
 * Ephemeral replies to `/gdpr-export`: help, the status list, and refusals the parser cannot know
 * about (who may request, who was mentioned). Plain mrkdwn strings.
 */
import { TERMINAL_CASE_STATES, type ExportCase, type SubjectExport } from '../../workflow/model.js';
import type { KnownBlock, SlackMessage } from './block-kit.js';
import { context, divider, labelledSections, section } from './block-kit.js';
import { caseActions, extensionLine, withdrawalLine } from './deadline-views.js';
import { subjectResolutionError } from '../messages.js';
import type { Reader } from '../catalog/index.js';
import { clip, inlineCode, userMention } from './format.js';
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

/** The commands are the English words people type; the reader's language explains them. */
export function helpText(maxSubjects: number, reader: Reader): string {
  return reader.t.command.help({ maxSubjects: Math.max(1, Math.floor(maxSubjects)) });
}

/** The first lines that fit in `budget` characters (one more for each line break), `used` already spent. */
function linesWithin(lines: readonly string[], budget: number, used = 0): string[] {
  const kept: string[] = [];
  let length = used;
  for (const line of lines) {
    if (length + line.length + 1 > budget) break;
    kept.push(line);
    length += line.length + 1;
  }
  return kept;
}

export function statusListText(cases: readonly ExportCase[], reader: Reader): string {
  const words = reader.t.command.status;
  if (cases.length === 0) return words.empty();
  const sorted = newestFirst(cases);
  const title = words.listTitle();
  const lines = linesWithin(
    sorted.map((c) => `• ${caseSummaryLine(c, reader)}`),
    STATUS_TEXT_BUDGET,
    title.length,
  );
  const older = lines.length < sorted.length ? [words.olderRequests({ n: sorted.length - lines.length })] : [];
  return [title, ...lines, ...older].join('\n');
}

export function notAllowedText(reader: Reader): string {
  return reader.t.command.notAllowed();
}

export interface MentionedPerson {
  id: string;
  /** false when Slack does not know the user (e.g. from another workspace) */
  exists: boolean;
  isBot: boolean;
  deleted: boolean;
}

/** Why people mentioned in the command cannot be exported, or undefined when all can. */
export function mentionedPeopleRefusal(people: readonly MentionedPerson[], reader: Reader): string | undefined {
  const problems = people.flatMap((p) => {
    if (!p.exists) return [reader.t.command.cannotSee({ who: userMention(p.id) })];
    if (p.isBot) return [subjectResolutionError('bot', userMention(p.id), reader)];
    if (p.deleted) return [subjectResolutionError('deactivated', userMention(p.id), reader)];
    return [];
  });
  return problems.length > 0 ? problems.join('\n') : undefined;
}

/** Open cases shown in detail by `/gdpr-export status`; the rest are summarised in one line each. */
const OPEN_CASES_DETAILED = 20;

/** One person's last word from Genesys and when: "*Ann*: … preparing it (`SEARCHING`) · last checked 3 Mar at 10:00". */
export function subjectCheckLine(s: SubjectExport, reader: Reader): string {
  const words = reader.t.command.check;
  // a submitted subject's progress already quotes the status
  const status =
    s.state === 'submitted' && s.genesysStatus
      ? ''
      : s.genesysStatus
        ? words.genesysStatus({ status: inlineCode(s.genesysStatus, 30) })
        : words.noStatus();
  const checked = s.lastCheckedAt
    ? words.lastChecked({ when: reader.slackDate(s.lastCheckedAt, true) })
    : s.submittedAt
      ? words.sentNotChecked({ when: reader.slackDate(s.submittedAt, true) })
      : words.notChecked();
  const next = s.state === 'submitted' && s.nextCheckAt ? words.nextCheck({ when: reader.slackDate(s.nextCheckAt, true) }) : '';
  return words.line({ name: subjectName(s, reader), progress: subjectProgress(s, reader), details: `${status}${checked}${next}` });
}

function caseSummaryLine(c: ExportCase, reader: Reader): string {
  return reader.t.command.status.caseLine({
    id: caseIdCode(c),
    reference: caseReference(c, reader, 60),
    state: caseStateLabel(c.state, reader),
    ready: countSubjects(c, 'completed'),
    total: c.subjects.length,
    due: dueSuffix(c, dueDate(c, reader), reader),
  });
}

/**
 * `/gdpr-export status`: each open case with every person's last Genesys status and when it was
 * checked; closed cases in a line each. Bounded to one message however many cases there are.
 */
export function statusListMessage(cases: readonly ExportCase[], reader: Reader): SlackMessage {
  const words = reader.t.command.status;
  const text = statusListText(cases, reader);
  if (cases.length === 0) return { text, blocks: [section(text)] };
  const sorted = newestFirst(cases);
  const open = sorted.filter((c) => !TERMINAL_CASE_STATES.includes(c.state));
  const closed = sorted.filter((c) => TERMINAL_CASE_STATES.includes(c.state));
  const blocks: KnownBlock[] = [section(words.openTitle({ open: open.length }))];
  for (const c of open.slice(0, OPEN_CASES_DETAILED)) {
    const lines = [`*${caseSummaryLine(c, reader)}*`, ...c.subjects.map((s) => `◦ ${subjectCheckLine(s, reader)}`)];
    blocks.push(section(clip(lines.join('\n'), 2900)));
  }
  if (open.length > OPEN_CASES_DETAILED) blocks.push(context(words.moreOpen({ n: open.length - OPEN_CASES_DETAILED })));
  if (closed.length > 0) {
    const lines = linesWithin(
      closed.map((c) => `• ${caseSummaryLine(c, reader)}`),
      STATUS_TEXT_BUDGET,
    );
    if (lines.length < closed.length) lines.push(words.olderClosed({ n: closed.length - lines.length }));
    blocks.push(divider(), section(`${words.closedTitle()}\n${lines.join('\n')}`));
  }
  blocks.push(context(words.oneInFull()));
  return { text, blocks };
}

/** `/gdpr-export status GX-…`: one case in full. */
export function caseDetailMessage(c: ExportCase, reader: Reader): SlackMessage {
  const words = reader.t.command.caseDetail;
  const deadline = deadlineLine(c, reader);
  const decision = decisionLine(c, reader);
  const facts = [
    words.legalBasis({ basis: legalBasisLabel(c, reader) }),
    words.requestedBy({ who: userMention(c.requesterId), when: reader.slackDate(c.receivedAt, true) }),
    ...(deadline ? [words.deadline({ line: deadline })] : []),
    ...(decision ? [decision] : []),
    ...(c.extension ? [extensionLine(c, reader) ?? ''] : []),
    ...(c.withdrawal ? [withdrawalLine(c, reader) ?? ''] : []),
  ];
  return {
    text: words.text({ id: c.id, state: reader.t.case.state[c.state] }),
    blocks: [
      section(`${words.title({ id: caseIdCode(c), reference: caseReference(c, reader) })}\n${caseStateLabel(c.state, reader)}`),
      section(clip(facts.join('\n'), 2900)),
      ...labelledSections(
        words.people({ ready: countSubjects(c, 'completed'), total: c.subjects.length }),
        c.subjects.map((s) => `• ${subjectCheckLine(s, reader)}${s.attempts > 1 ? words.attempt({ n: s.attempts }) : ''}`),
      ),
      ...caseActions(c, reader),
    ],
  };
}
