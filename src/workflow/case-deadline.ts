/**
 * The one place oversight reads a case's GDPR response due date. The deadlines work (received
 * dates, extensions, bases without a GDPR deadline) changes this function, not its callers.
 */
import type { ExportCase } from './model.js';
import { isTerminal } from './state-machine.js';

/** the date the response is due, or undefined when the case has none (or it is unreadable) */
export function gdprDueDate(c: ExportCase): Date | undefined {
  const ms = Date.parse(c.dueAt);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** still being worked on: not rejected, expired, completed or failed */
export function isOpenCase(c: ExportCase): boolean {
  return !isTerminal(c.state);
}

/** open and past its due date */
export function isOverdue(c: ExportCase, now: Date): boolean {
  const due = gdprDueDate(c);
  return isOpenCase(c) && due !== undefined && due.getTime() < now.getTime();
}
