/**
 * The one place oversight reads a case's GDPR response due date: the deadline rules
 * (deadlines.ts: received date, extension, bases without a GDPR deadline) decide it.
 */
import { effectiveDue } from './deadlines.js';
import type { ExportCase } from './model.js';
import { isTerminal } from './state-machine.js';

/** the date the response is due, or undefined when the case has none (or it is unreadable) */
export function dueInstantOf(c: ExportCase): Date | undefined {
  const due = effectiveDue(c);
  const ms = due ? Date.parse(due.dueAt) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** still being worked on: not rejected, expired, completed or failed */
export function isOpenCase(c: ExportCase): boolean {
  return !isTerminal(c.state);
}

/** open and past its due date */
export function isOverdue(c: ExportCase, now: Date): boolean {
  const due = dueInstantOf(c);
  return isOpenCase(c) && due !== undefined && due.getTime() < now.getTime();
}
