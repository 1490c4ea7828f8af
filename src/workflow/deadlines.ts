/**
 * The GDPR deadline of a case (art. 12(3)): a data subject access request must be answered within
 * one month of its receipt. Other legal bases have no GDPR deadline, only the day the requester
 * needs the exports by, if they gave one. Pure: the views and the reminder step read the same rules.
 */
import { addMonthsToDay, dayIn, endOfDayIn } from './dates.js';
import type { ExportCase, NewCaseInput } from './model.js';

export const DSAR_BASIS = 'data_subject_access_request';

export type CaseDeadline =
  | {
      kind: 'gdpr';
      /** undefined for a v0.1.0 case: the receipt date was not recorded, its due date counts from creation */
      receivedOn?: string;
      /** the day and instant the response is due */
      dueOn: string;
      dueAt: string;
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
  return { kind: 'gdpr', ...(c.receivedOn ? { receivedOn: c.receivedOn } : {}), dueOn, dueAt: c.dueAt };
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
