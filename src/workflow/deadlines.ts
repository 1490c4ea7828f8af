/**
 * The GDPR deadline of a case (art. 12(3)): a data subject access request must be answered within
 * one month of its receipt. Other legal bases have no GDPR deadline, only the day the requester
 * needs the exports by, if they gave one. Pure: the views and the reminder step read the same rules.
 */
import { subjectStatusOnCase } from './approver-eligibility.js';
import { addMonths, addMonthsToDay, DAY_MS, dayIn, endOfDayIn } from './dates.js';
import { FIELD_LIMITS } from './limits.js';
import type { DeadlineExtension, ExportCase, NewCaseInput } from './model.js';
import { refusalOf, type Refusal } from './result.js';
import { isTerminal } from './state-machine.js';

export const DSAR_BASIS = 'data_subject_access_request';

export type CaseDeadline =
  | {
      kind: 'gdpr';
      /** undefined for a v0.1.0 case: the receipt date was not recorded, its due date counts from creation */
      receivedOn?: string;
      /** the day and instant the response is due, before any extension */
      dueOn: string;
      dueAt: string;
      /** the extension, when granted: it moves the day the response is due */
      extension?: DeadlineExtension;
    }
  | { kind: 'needed_by'; neededBy: string }
  | { kind: 'none' };

export function hasGdprDeadline(c: Pick<ExportCase, 'legalBasis'>): boolean {
  return c.legalBasis === DSAR_BASIS;
}

/** The deadline a case shows. A v0.1.0 legal hold's "GDPR due date" (creation + one month) is not one, so it is not shown. */
export function caseDeadline(c: ExportCase): CaseDeadline {
  if (!hasGdprDeadline(c)) return c.neededBy ? { kind: 'needed_by', neededBy: c.neededBy } : { kind: 'none' };
  if (!c.dueAt) return { kind: 'none' };
  const dueOn = c.receivedOn ? addMonthsToDay(c.receivedOn, 1) : c.dueAt.slice(0, 10);
  return { kind: 'gdpr', ...(c.receivedOn ? { receivedOn: c.receivedOn } : {}), dueOn, dueAt: c.dueAt, ...(c.extension ? { extension: c.extension } : {}) };
}

/** When a DSAR's response is due now: the extended instant if extended. */
export function effectiveDue(c: ExportCase): { dueOn: string; dueAt: string } | undefined {
  const d = caseDeadline(c);
  if (d.kind !== 'gdpr') return undefined;
  return d.extension ? { dueOn: d.extension.dueOn, dueAt: d.extension.dueAt } : { dueOn: d.dueOn, dueAt: d.dueAt };
}

/** The due day of a DSAR received on `receivedOn`, and the instant it ends in the requester's time zone. */
export function gdprDueDate(receivedOn: string, timeZone: string | undefined): { dueOn: string; dueAt: string } {
  const dueOn = addMonthsToDay(receivedOn, 1);
  return { dueOn, dueAt: endOfDayIn(dueOn, timeZone).toISOString() };
}

/** "Today" for the requester: the latest receipt day they may give, and the default of the form. */
export function requesterToday(now: Date, timeZone: string | undefined): string {
  return dayIn(now, timeZone);
}

/** The deadline fields of a new case (its input already checked by the policy). */
export function newCaseDeadline(input: NewCaseInput): Pick<ExportCase, 'dueAt' | 'receivedOn' | 'neededBy' | 'timeZone'> {
  const zone = input.timeZone ? { timeZone: input.timeZone } : {};
  if (input.legalBasis === DSAR_BASIS && input.receivedOn) {
    return { receivedOn: input.receivedOn, dueAt: gdprDueDate(input.receivedOn, input.timeZone).dueAt, ...zone };
  }
  return { ...(input.neededBy ? { neededBy: input.neededBy } : {}), ...zone };
}

// ---------------------------------------------------------------- extension (art. 12(3))

export const EXTENSION_MAX_MONTHS = 2;

export type ExtensionStep = { case: ExportCase; refusal?: undefined } | { case?: undefined; refusal: Refusal };

/**
 * Extends a DSAR's deadline once, by one or two further months counted from the original due day
 * (the month-end rule applies again: due 28 February + 2 → 28 April, never later than the law
 * allows). Only while the first month runs: the data subject must be told within it.
 */
export function extendDeadline(c: ExportCase, actor: string, months: number, reason: string, now: Date): ExtensionStep {
  const d = caseDeadline(c);
  if (d.kind !== 'gdpr') {
    return { refusal: refusalOf('no_gdpr_deadline', 'no_gdpr_deadline', { caseId: c.id }) };
  }
  if (c.extension) {
    return { refusal: refusalOf('already_extended', 'already_extended', { caseId: c.id, dueOn: c.extension.dueOn }) };
  }
  if (isTerminal(c.state)) {
    return { refusal: refusalOf('case_closed', 'closed_no_extension', { caseId: c.id, state: c.state }) };
  }
  if (now.getTime() >= Date.parse(d.dueAt)) {
    return { refusal: refusalOf('extension_too_late', 'extension_too_late', { caseId: c.id, dueOn: d.dueOn }) };
  }
  const text = reason.trim();
  if (!Number.isInteger(months) || months < 1 || months > EXTENSION_MAX_MONTHS || text.length === 0 || text.length > FIELD_LIMITS.extensionReasonMax) {
    return {
      refusal:
        text.length === 0
          ? refusalOf('invalid_request', 'extension_reason_missing', {})
          : text.length > FIELD_LIMITS.extensionReasonMax
            ? refusalOf('invalid_request', 'extension_reason_too_long', { length: text.length })
            : refusalOf('invalid_request', 'extension_months', { maxMonths: EXTENSION_MAX_MONTHS }),
    };
  }
  const dueOn = addMonthsToDay(d.dueOn, months);
  const dueAt = c.receivedOn ? endOfDayIn(dueOn, c.timeZone) : addMonths(new Date(d.dueAt), months);
  const extension: DeadlineExtension = { months, reason: text, by: actor, at: now.toISOString(), dueOn, dueAt: dueAt.toISOString() };
  return { case: { ...c, extension } };
}

// ---------------------------------------------------------------- reminders and escalation

export const DEFAULT_DUE_REMINDER_DAYS = [7, 1];

export interface DeadlineStage {
  /** 'before-7', 'before-1', 'overdue' */
  stage: string;
  kind: 'deadline_reminder' | 'deadline_overdue';
  at: Date;
}

/** Every reminder of an open DSAR's current due day, in time order; none for a closed case or another basis. */
export function deadlineStages(c: ExportCase, reminderDays: readonly number[] = DEFAULT_DUE_REMINDER_DAYS): DeadlineStage[] {
  const due = effectiveDue(c);
  if (!due || isTerminal(c.state)) return [];
  const dueMs = Date.parse(due.dueAt);
  const before = [...new Set(reminderDays)]
    .filter((d) => d > 0)
    .sort((a, b) => b - a)
    .map((d): DeadlineStage => ({ stage: `before-${d}`, kind: 'deadline_reminder', at: new Date(dueMs - d * DAY_MS) }));
  return [...before, { stage: 'overdue', kind: 'deadline_overdue', at: new Date(dueMs) }];
}

/**
 * What the deadline timer does now: the latest stage whose time has come (after a long outage the
 * earlier ones are passed over, not sent in a burst) and when to look again.
 */
export function planDeadline(
  c: ExportCase,
  now: Date,
  reminderDays?: readonly number[],
): { send?: DeadlineStage & { dueOn: string }; next?: Date } {
  const stages = deadlineStages(c, reminderDays);
  const due = effectiveDue(c);
  const reached = stages.filter((s) => s.at.getTime() <= now.getTime()).pop();
  const next = stages.find((s) => s.at.getTime() > now.getTime())?.at;
  return { ...(reached && due ? { send: { ...reached, dueOn: due.dueOn } } : {}), ...(next ? { next } : {}) };
}

/** Who besides the requester hears of an overdue case: its approvers and the oversight list. */
export function overdueAudience(c: ExportCase, config: { approvers: readonly string[]; oversight?: readonly string[] }): string[] {
  const approvers = c.approval.approverIds.length > 0 ? c.approval.approverIds : config.approvers;
  return [...new Set([...approvers, ...(config.oversight ?? [])])];
}

/**
 * Of the audience's members (groups expanded), who is told that the case is overdue: never its
 * requester (told apart), never a person the case concerns.
 */
export function overdueRecipients(c: ExportCase, members: readonly string[]): string[] {
  return [...new Set(members)].filter((id) => id !== c.requesterId && subjectStatusOnCase(c, id) !== 'subject');
}
