/**
 * How cases, subjects and decisions read in Slack. One place, so the approval card, the status
 * message, the Home tab and `/gdpr-export status` describe a state in the same words.
 */
import type { CaseState, ExportCase, SubjectExport } from '../../workflow/model.js';
import { LEGAL_BASIS_LABELS, TERMINAL_CASE_STATES } from '../../workflow/model.js';
import { caseDeadline } from '../../workflow/deadlines.js';
import { subjectFailureText } from '../catalog/index.js';
import { calendarDay, containsEmail, daysBetween, escapeClip, escapeDisplayText, inlineCode, plural, singleLine, slackDate, userMention } from './format.js';

const CASE_STATE_LABELS: Record<CaseState, { emoji: string; words: string }> = {
  awaiting_approval: { emoji: ':hourglass_flowing_sand:', words: 'Waiting for approval' },
  rejected: { emoji: ':no_entry_sign:', words: 'Rejected' },
  approval_expired: { emoji: ':hourglass:', words: 'Expired without a decision' },
  approved: { emoji: ':white_check_mark:', words: 'Approved, starting the exports' },
  submitting: { emoji: ':outbox_tray:', words: 'Sending the exports to Genesys Cloud' },
  in_progress: { emoji: ':arrows_counterclockwise:', words: 'Genesys Cloud is preparing the exports' },
  completed: { emoji: ':large_green_circle:', words: 'All exports ready' },
  partly_failed: { emoji: ':warning:', words: 'Some exports failed' },
  failed: { emoji: ':x:', words: 'Failed' },
  withdrawn: { emoji: ':leftwards_arrow_with_hook:', words: 'Withdrawn by the requester' },
};

/** ":hourglass_flowing_sand: Waiting for approval" */
export function caseStateLabel(state: CaseState): string {
  const label = CASE_STATE_LABELS[state];
  return `${label.emoji} ${label.words}`;
}

export function legalBasisLabel(c: Pick<ExportCase, 'legalBasis'>): string {
  return LEGAL_BASIS_LABELS[c.legalBasis] ?? 'Unknown legal basis';
}

/** The case reference as the requester typed it, escaped and bounded. */
export function caseReference(c: Pick<ExportCase, 'caseReference'>, maxRaw = 120): string {
  return escapeClip(singleLine(c.caseReference) || '(none)', maxRaw);
}

/**
 * A subject's display name. A Genesys name that is itself an email address is not shown (data
 * minimisation): the Slack mention or the Genesys id identifies the person instead.
 */
export function subjectName(s: SubjectExport, opts: { bold?: boolean } = {}): string {
  const name = s.name ? singleLine(s.name) : '';
  if (name && !containsEmail(name)) {
    const escaped = escapeDisplayText(name, 80);
    // notification texts show asterisks literally, so they ask for the plain form
    return opts.bold === false ? escaped : `*${escaped}*`;
  }
  if (s.slackUserId) return userMention(s.slackUserId);
  return `Genesys user ${inlineCode(s.genesysUserId, 40)}`;
}

/** Name, Slack mention when known and the Genesys id: "*Jane Doe* (<@U1>) `0d7c…`" */
export function subjectIdentity(s: SubjectExport): string {
  const named = Boolean(s.name && !containsEmail(s.name));
  const mention = s.slackUserId && named ? ` (${userMention(s.slackUserId)})` : '';
  const id = named || s.slackUserId ? ` ${inlineCode(s.genesysUserId, 40)}` : '';
  return `${subjectName(s)}${mention}${id}`;
}

/**
 * A subject on the approval card. An approver must know whom they approve: a person typed by
 * Genesys id whose name the bot could not look up is said to be unnamed, not shown as if the id were
 * a name.
 */
export function subjectForApprover(s: SubjectExport): string {
  const named = Boolean(s.name && !containsEmail(s.name));
  if (named || s.slackUserId) return subjectIdentity(s);
  return `Genesys user ${inlineCode(s.genesysUserId, 40)} (the name could not be looked up in Genesys Cloud: check this ID there before approving)`;
}

/** Where one subject's export stands, in words. */
export function subjectProgress(s: SubjectExport): string {
  switch (s.state) {
    case 'pending':
      return ':white_circle: waiting to be sent to Genesys Cloud';
    case 'submitting':
      return ':outbox_tray: being sent to Genesys Cloud';
    case 'submitted':
      return `:arrows_counterclockwise: Genesys Cloud is preparing it${s.genesysStatus ? ` (${inlineCode(s.genesysStatus, 30)})` : ''}`;
    case 'completed':
      return `:large_green_circle: ready${s.completedAt ? ` since ${slackDate(s.completedAt, true)}` : ''}`;
    case 'failed':
      return `:x: failed: ${failureReason(s)}`;
    default:
      return 'unknown state';
  }
}

/**
 * Why a subject failed, from its stored codes. A sentence stored by v0.1.0 is plain text without
 * personal data, but still user-facing text: escape it.
 */
export function failureReason(s: SubjectExport): string {
  if (!s.lastError) return 'Genesys Cloud reported an error without a reason';
  const { text, stored } = subjectFailureText(s.lastError);
  if (!stored) return text;
  const message = singleLine(text);
  return message ? escapeClip(message, 300) : 'Genesys Cloud reported an error without a reason';
}

/** "Approved by <@U> on <date>", "Rejected by <@U>: <reason>", … or undefined while undecided. */
export function decisionLine(c: ExportCase): string | undefined {
  const a = c.approval;
  const by = a.decidedBy ? userMention(a.decidedBy) : 'an approver';
  const note = a.note ? singleLine(a.note) : '';
  switch (a.decision) {
    case 'approved':
      return `:white_check_mark: Approved by ${by} on ${slackDate(a.decidedAt, true)}${note ? `. Note: ${escapeClip(note, 500)}` : ''}`;
    case 'rejected':
      return `:no_entry_sign: Rejected by ${by}: ${note ? escapeClip(note, 500) : 'no reason given'}`;
    case 'expired':
      return `:hourglass: Expired without a decision on ${slackDate(a.decidedAt ?? a.expiresAt, true)}`;
    default:
      return a.required ? undefined : ':white_check_mark: No approval was needed';
  }
}

/** Subjects that reached a state, e.g. to say "3 of 5 ready". */
export function countSubjects(c: ExportCase, state: SubjectExport['state']): number {
  return c.subjects.filter((s) => s.state === state).length;
}

/** Throws on a programming error: builders are called with ids taken from the case itself. */
export function findSubject(c: ExportCase, subjectId: string): SubjectExport {
  const subject = c.subjects.find((s) => s.id === subjectId);
  if (!subject) throw new Error(`Case ${c.id} has no subject ${subjectId}`);
  return subject;
}

/** The case id in code, safe even if a malformed id slipped through. */
export function caseIdCode(c: Pick<ExportCase, 'id'>): string {
  return inlineCode(c.id, 40);
}

/** Newest first by receipt, each case once (block ids must be unique), without touching the caller's array. */
export function newestFirst(cases: readonly ExportCase[]): ExportCase[] {
  const unique = [...new Map(cases.map((c) => [c.id, c])).values()];
  return unique.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
}

/** The due date in words: a DSAR's day (or a v0.1.0 case's instant), or a "needed by" day; undefined when none. */
export function dueDate(c: ExportCase): string | undefined {
  const d = caseDeadline(c);
  if (d.kind === 'needed_by') return calendarDay(d.neededBy);
  if (d.kind === 'none') return undefined;
  if (d.extension) return calendarDay(d.extension.dueOn);
  return d.receivedOn ? calendarDay(d.dueOn) : slackDate(d.dueAt);
}

/**
 * One line on the deadline: "GDPR response due 12 May 2026 (request received 12 April 2026)",
 * "Needed by 3 June 2026", or undefined when the case has neither.
 */
export function deadlineLine(c: ExportCase): string | undefined {
  const d = caseDeadline(c);
  if (d.kind === 'none') return undefined;
  if (d.kind === 'needed_by') return `Needed by ${calendarDay(d.neededBy)}`;
  const extended = d.extension ? `, extended by ${d.extension.months === 1 ? 'one month' : `${d.extension.months} months`}` : '';
  return `GDPR response due ${dueDate(c)}${extended} (${receiptWords(c)})`;
}

/** "request received 12 April 2026", or, for a v0.1.0 case, that the receipt date was not recorded. */
export function receiptWords(c: ExportCase): string {
  return c.receivedOn
    ? `request received ${calendarDay(c.receivedOn)}`
    : 'receipt date not recorded: counted from when the case was made';
}

/** The deadline as the fields of a card: received and due for a DSAR, "needed by" otherwise. */
export function deadlineFields(c: ExportCase): Array<{ type: 'mrkdwn'; text: string }> {
  const d = caseDeadline(c);
  if (d.kind === 'none') return [];
  if (d.kind === 'needed_by') return [{ type: 'mrkdwn', text: `*Needed by*\n${calendarDay(d.neededBy)}` }];
  return [
    { type: 'mrkdwn', text: `*Request received*\n${c.receivedOn ? calendarDay(c.receivedOn) : 'Not recorded (case made before receipt dates were asked)'}` },
    { type: 'mrkdwn', text: `*GDPR response due*\n${dueDate(c)}${d.extension ? ` (extended from ${d.receivedOn ? calendarDay(d.dueOn) : slackDate(d.dueAt)})` : ''}` },
  ];
}

/** " · due <words>" for a DSAR, " · needed by <words>" for another basis, or nothing without a date */
export function dueSuffix(c: ExportCase, words: string | undefined): string {
  if (!words) return '';
  return c.legalBasis === 'data_subject_access_request' ? ` · due ${words}` : ` · needed by ${words}`;
}

/** The due date, flagged when close or past while the case is still open; undefined when there is none. */
export function dueWords(c: ExportCase, now: Date): string | undefined {
  const date = dueDate(c);
  const d = caseDeadline(c);
  if (date === undefined || TERMINAL_CASE_STATES.includes(c.state)) return date;
  // a day ends at its stored instant: on the due day itself there are 0 days left
  const dueAt = d.kind === 'gdpr' ? (d.extension?.dueAt ?? d.dueAt) : undefined;
  const days = dueAt === undefined ? undefined : d.kind === 'gdpr' && d.receivedOn ? Math.ceil((Date.parse(dueAt) - now.getTime()) / 86_400_000) - 1 : daysBetween(now, dueAt);
  if (days === undefined) return date;
  if (days < 0) return `${date} (:warning: overdue)`;
  if (days === 0) return `${date} (today)`;
  if (days <= 7) return `${date} (in ${plural(days, 'day', 'days')})`;
  return date;
}
