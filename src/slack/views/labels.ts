/**
 * How cases, subjects and decisions read in Slack. One place, so the approval card, the status
 * message, the Home tab and `/gdpr-export status` describe a state in the same words.
 */
import type { CaseState, ExportCase, SubjectExport } from '../../workflow/model.js';
import { TERMINAL_CASE_STATES } from '../../workflow/model.js';
import { caseDeadline } from '../../workflow/deadlines.js';
import { subjectFailureText, type Reader } from '../catalog/index.js';
import { containsEmail, daysBetween, escapeClip, escapeDisplayText, inlineCode, singleLine, userMention } from './format.js';

const CASE_STATE_EMOJI: Record<CaseState, string> = {
  awaiting_approval: ':hourglass_flowing_sand:',
  rejected: ':no_entry_sign:',
  approval_expired: ':hourglass:',
  approved: ':white_check_mark:',
  submitting: ':outbox_tray:',
  in_progress: ':arrows_counterclockwise:',
  completed: ':large_green_circle:',
  partly_failed: ':warning:',
  failed: ':x:',
  withdrawn: ':leftwards_arrow_with_hook:',
};

/** ":hourglass_flowing_sand: Waiting for approval" */
export function caseStateLabel(state: CaseState, reader: Reader): string {
  return `${CASE_STATE_EMOJI[state]} ${reader.t.case.state[state]}`;
}

export function legalBasisLabel(c: Pick<ExportCase, 'legalBasis'>, reader: Reader): string {
  return reader.t.case.legalBasis[c.legalBasis] ?? reader.t.case.unknownLegalBasis();
}

/** The case reference as the requester typed it, escaped and bounded. */
export function caseReference(c: Pick<ExportCase, 'caseReference'>, reader: Reader, maxRaw = 120): string {
  return escapeClip(singleLine(c.caseReference) || reader.t.case.noReference(), maxRaw);
}

/**
 * A subject's display name. A Genesys name that is itself an email address is not shown (data
 * minimisation): the Slack mention or the Genesys id identifies the person instead.
 */
export function subjectName(s: SubjectExport, reader: Reader, opts: { bold?: boolean } = {}): string {
  const name = s.name ? singleLine(s.name) : '';
  if (name && !containsEmail(name)) {
    const escaped = escapeDisplayText(name, 80);
    // notification texts show asterisks literally, so they ask for the plain form
    return opts.bold === false ? escaped : `*${escaped}*`;
  }
  if (s.slackUserId) return userMention(s.slackUserId);
  return reader.t.case.genesysUser({ id: inlineCode(s.genesysUserId, 40) });
}

/** Name, Slack mention when known and the Genesys id: "*Jane Doe* (<@U1>) `0d7c…`" */
export function subjectIdentity(s: SubjectExport, reader: Reader): string {
  const named = Boolean(s.name && !containsEmail(s.name));
  const mention = s.slackUserId && named ? ` (${userMention(s.slackUserId)})` : '';
  const id = named || s.slackUserId ? ` ${inlineCode(s.genesysUserId, 40)}` : '';
  return `${subjectName(s, reader)}${mention}${id}`;
}

/**
 * A subject on the approval card. An approver must know whom they approve: a person typed by
 * Genesys id whose name the bot could not look up is said to be unnamed, not shown as if the id were
 * a name.
 */
export function subjectForApprover(s: SubjectExport, reader: Reader): string {
  const named = Boolean(s.name && !containsEmail(s.name));
  if (named || s.slackUserId) return subjectIdentity(s, reader);
  return reader.t.case.unnamedForApprover({ id: inlineCode(s.genesysUserId, 40) });
}

/** Where one subject's export stands, in words. */
export function subjectProgress(s: SubjectExport, reader: Reader): string {
  const words = reader.t.case.progress;
  switch (s.state) {
    case 'pending':
      return `:white_circle: ${words.pending()}`;
    case 'submitting':
      return `:outbox_tray: ${words.submitting()}`;
    case 'submitted':
      return `:arrows_counterclockwise: ${words.submitted({ status: s.genesysStatus ? inlineCode(s.genesysStatus, 30) : undefined })}`;
    case 'completed':
      return `:large_green_circle: ${words.completed({ since: s.completedAt ? reader.slackDate(s.completedAt, true) : undefined })}`;
    case 'failed':
      return `:x: ${words.failed({ reason: failureReason(s, reader) })}`;
    default:
      return words.unknown();
  }
}

/**
 * Why a subject failed, from its stored codes. A sentence stored by v0.1.0 is plain text without
 * personal data, but still user-facing text: escape it.
 */
export function failureReason(s: SubjectExport, reader: Reader): string {
  if (!s.lastError) return reader.t.case.noFailureReason();
  const { text, stored } = subjectFailureText(s.lastError, reader);
  if (!stored) return text;
  const message = singleLine(text);
  return message ? escapeClip(message, 300) : reader.t.case.noFailureReason();
}

/** "Approved by <@U> on <date>", "Rejected by <@U>: <reason>", … or undefined while undecided. */
export function decisionLine(c: ExportCase, reader: Reader): string | undefined {
  const a = c.approval;
  const words = reader.t.case.decision;
  const by = a.decidedBy ? userMention(a.decidedBy) : words.anApprover();
  const note = a.note ? singleLine(a.note) : '';
  switch (a.decision) {
    case 'approved':
      return `:white_check_mark: ${words.approved({ by, when: reader.slackDate(a.decidedAt, true), note: note ? escapeClip(note, 500) : undefined })}`;
    case 'rejected':
      return `:no_entry_sign: ${words.rejected({ by, note: note ? escapeClip(note, 500) : undefined })}`;
    case 'expired':
      return `:hourglass: ${words.expired({ when: reader.slackDate(a.decidedAt ?? a.expiresAt, true) })}`;
    default:
      return a.required ? undefined : `:white_check_mark: ${words.notNeeded()}`;
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
export function dueDate(c: ExportCase, reader: Reader): string | undefined {
  const d = caseDeadline(c);
  if (d.kind === 'needed_by') return reader.day(d.neededBy);
  if (d.kind === 'none') return undefined;
  if (d.extension) return reader.day(d.extension.dueOn);
  return d.receivedOn ? reader.day(d.dueOn) : reader.slackDate(d.dueAt);
}

/**
 * One line on the deadline: "GDPR response due 12 May 2026 (request received 12 April 2026)",
 * "Needed by 3 June 2026", or undefined when the case has neither.
 */
export function deadlineLine(c: ExportCase, reader: Reader): string | undefined {
  const d = caseDeadline(c);
  const words = reader.t.case.deadline;
  if (d.kind === 'none') return undefined;
  if (d.kind === 'needed_by') return words.neededByLine({ day: reader.day(d.neededBy) });
  return words.gdprDueLine({ due: dueDate(c, reader) ?? '', months: d.extension?.months, receipt: receiptWords(c, reader) });
}

/** "request received 12 April 2026", or, for a v0.1.0 case, that the receipt date was not recorded. */
export function receiptWords(c: ExportCase, reader: Reader): string {
  const words = reader.t.case.deadline;
  return c.receivedOn ? words.received({ day: reader.day(c.receivedOn) }) : words.receiptNotRecorded();
}

/** The deadline as the fields of a card: received and due for a DSAR, "needed by" otherwise. */
export function deadlineFields(c: ExportCase, reader: Reader): Array<{ type: 'mrkdwn'; text: string }> {
  const d = caseDeadline(c);
  const words = reader.t.case.deadline;
  if (d.kind === 'none') return [];
  if (d.kind === 'needed_by') return [{ type: 'mrkdwn', text: words.neededByField({ day: reader.day(d.neededBy) }) }];
  const extendedFrom = d.extension ? (d.receivedOn ? reader.day(d.dueOn) : reader.slackDate(d.dueAt)) : undefined;
  return [
    { type: 'mrkdwn', text: words.receivedField({ day: c.receivedOn ? reader.day(c.receivedOn) : undefined }) },
    { type: 'mrkdwn', text: words.dueField({ due: dueDate(c, reader) ?? '', extendedFrom }) },
  ];
}

/** " · due <words>" for a DSAR, " · needed by <words>" for another basis, or nothing without a date */
export function dueSuffix(c: ExportCase, words: string | undefined, reader: Reader): string {
  if (!words) return '';
  return c.legalBasis === 'data_subject_access_request' ? reader.t.case.deadline.dueSuffix({ words }) : reader.t.case.deadline.neededBySuffix({ words });
}

/** The due date, flagged when close or past while the case is still open; undefined when there is none. */
export function dueWords(c: ExportCase, now: Date, reader: Reader): string | undefined {
  const date = dueDate(c, reader);
  const d = caseDeadline(c);
  if (date === undefined || TERMINAL_CASE_STATES.includes(c.state)) return date;
  // a day ends at its stored instant: on the due day itself there are 0 days left
  const dueAt = d.kind === 'gdpr' ? (d.extension?.dueAt ?? d.dueAt) : undefined;
  const days = dueAt === undefined ? undefined : d.kind === 'gdpr' && d.receivedOn ? Math.ceil((Date.parse(dueAt) - now.getTime()) / 86_400_000) - 1 : daysBetween(now, dueAt);
  if (days === undefined) return date;
  const words = reader.t.case.deadline;
  if (days < 0) return words.overdue({ date });
  if (days === 0) return words.dueToday({ date });
  if (days <= 7) return words.dueInDays({ date, days });
  return date;
}
