import { describe, expect, it } from 'vitest';
import { addMonthsToDay, dayIn, endOfDayIn, isCalendarDay } from '../../../src/workflow/dates.js';
import { caseDeadline, effectiveDue, extendDeadline, gdprDueDate, newCaseDeadline, overdueRecipients, requesterToday } from '../../../src/workflow/deadlines.js';
import { checkNewCase } from '../../../src/workflow/policy.js';
import { problemText, readerFor } from '../../../src/slack/catalog/index.js';
import type { NewCaseInput } from '../../../src/workflow/model.js';
import { requestModal } from '../../../src/slack/views/index.js';
import { deadlineLine, dueWords } from '../../../src/slack/views/labels.js';
import { makeCase } from '../slack/fixtures.js';

const EN = readerFor('en');

describe('calendar days', () => {
  it('adds months with the month-end rule of addOneMonth', () => {
    expect(addMonthsToDay('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDay('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDay('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonthsToDay('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonthsToDay('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('knows a real day from a malformed one', () => {
    expect(isCalendarDay('2025-02-28')).toBe(true);
    expect(isCalendarDay('2025-02-30')).toBe(false);
    expect(isCalendarDay('2025-2-3')).toBe(false);
    expect(isCalendarDay('yesterday')).toBe(false);
  });

  it('tells the day in a time zone, and when that day ends there', () => {
    const instant = new Date('2025-03-09T23:30:00.000Z');
    expect(dayIn(instant, 'UTC')).toBe('2025-03-09');
    expect(dayIn(instant, 'Europe/Paris')).toBe('2025-03-10');
    expect(dayIn(instant, 'America/New_York')).toBe('2025-03-09');
    expect(dayIn(instant, 'Not/AZone')).toBe('2025-03-09');
    expect(endOfDayIn('2025-04-09', 'UTC').toISOString()).toBe('2025-04-10T00:00:00.000Z');
    expect(endOfDayIn('2025-04-09', 'Europe/Paris').toISOString()).toBe('2025-04-09T22:00:00.000Z'); // CEST
    expect(endOfDayIn('2025-01-09', 'Europe/Paris').toISOString()).toBe('2025-01-09T23:00:00.000Z'); // CET
    expect(endOfDayIn('2025-04-09', 'Pacific/Auckland').toISOString()).toBe('2025-04-09T12:00:00.000Z');
    // the day clocks go forward in Paris still ends at local midnight
    expect(endOfDayIn('2025-03-30', 'Europe/Paris').toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });
});

describe('the GDPR deadline of a data subject access request', () => {
  it('is due one month after the day of receipt, at the end of that day where the requester is', () => {
    expect(gdprDueDate('2025-01-31', 'Europe/Paris')).toEqual({ dueOn: '2025-02-28', dueAt: '2025-02-28T23:00:00.000Z' });
    expect(gdprDueDate('2024-01-31', undefined)).toEqual({ dueOn: '2024-02-29', dueAt: '2024-03-01T00:00:00.000Z' });
  });

  it("counts today in the requester's time zone", () => {
    const lateEvening = new Date('2025-03-09T23:30:00.000Z');
    expect(requesterToday(lateEvening, 'Europe/Paris')).toBe('2025-03-10');
    expect(requesterToday(lateEvening, undefined)).toBe('2025-03-09');
  });

  const dsar: NewCaseInput = {
    teamId: 'T1',
    requesterId: 'U1',
    subjects: [{ genesysUserId: 'g-1', resolvedVia: 'genesys_user_id' }],
    legalBasis: 'data_subject_access_request',
    caseReference: 'DSAR-1',
    justification: 'The subject asked for their chat history.',
    receivedOn: '2025-03-10',
    timeZone: 'Europe/Paris',
  };
  const problems = (input: NewCaseInput, today = '2025-03-10') => {
    const r = checkNewCase(input, { maxSubjects: 3, today });
    return r.ok ? [] : r.problems.map((p) => ({ field: p.field, message: problemText(p, readerFor('en')) }));
  };

  it('refuses a receipt date in the future, a missing one and a malformed one, on the field', () => {
    expect(problems(dsar)).toEqual([]);
    expect(problems(dsar, '2025-03-09')).toEqual([
      { field: 'receivedOn', message: expect.stringContaining('The receipt date 2025-03-10 is in the future (today is 2025-03-09 in your time zone)') },
    ]);
    expect(problems({ ...dsar, receivedOn: undefined })).toEqual([{ field: 'receivedOn', message: expect.stringContaining('one-month GDPR deadline counts from it') }]);
    expect(problems({ ...dsar, receivedOn: '2025-02-30' })).toEqual([{ field: 'receivedOn', message: expect.stringContaining('not a valid date') }]);
  });

  it('keeps only the date that applies to the legal basis', () => {
    const kept = checkNewCase({ ...dsar, neededBy: '2025-04-01' }, { maxSubjects: 3, today: '2025-03-10' });
    expect(kept.ok).toBe(true);
    expect(kept.ok ? kept.value.neededBy : 'refused').toBeUndefined();
    const hold = checkNewCase({ ...dsar, legalBasis: 'legal_hold', neededBy: '2025-04-01' }, { maxSubjects: 3, today: '2025-03-10' });
    expect(hold.ok && [hold.value.receivedOn, hold.value.neededBy]).toEqual([undefined, '2025-04-01']);
    expect(newCaseDeadline(hold.ok ? hold.value : dsar)).toEqual({ neededBy: '2025-04-01', timeZone: 'Europe/Paris' });
    expect(newCaseDeadline(dsar)).toEqual({ receivedOn: '2025-03-10', dueAt: '2025-04-10T22:00:00.000Z', timeZone: 'Europe/Paris' });
  });

  it('shows a DSAR its receipt and due days, another basis only its "needed by" day, a v0.1.0 case no invented receipt', () => {
    const fresh = makeCase({ receivedOn: '2025-03-10', dueAt: '2025-04-10T22:00:00.000Z' });
    expect(deadlineLine(fresh, EN)).toBe('GDPR response due 10 April 2025 (request received 10 March 2025)');
    const hold = makeCase({ legalBasis: 'legal_hold', dueAt: undefined, neededBy: '2025-05-02' });
    expect(deadlineLine(hold, EN)).toBe('Needed by 2 May 2025');
    expect(deadlineLine(makeCase({ legalBasis: 'legal_hold', dueAt: undefined }), EN)).toBeUndefined();
    // v0.1.0 wrote creation + one month on every case: a legal hold's is not a GDPR deadline
    expect(caseDeadline(makeCase({ legalBasis: 'legal_hold' }))).toEqual({ kind: 'none' });
    const legacy = makeCase();
    expect(caseDeadline(legacy)).toEqual({ kind: 'gdpr', dueOn: '2025-04-01', dueAt: '2025-04-01T08:15:00.000Z' });
    expect(deadlineLine(legacy, EN)).toContain('receipt date not recorded');
  });

  it('counts the days left to a due day: 0 on the day itself, overdue after it', () => {
    const fresh = makeCase({ receivedOn: '2025-03-10', dueAt: '2025-04-10T22:00:00.000Z' });
    expect(dueWords(fresh, new Date('2025-04-10T08:00:00.000Z'), EN)).toBe('10 April 2025 (today)');
    expect(dueWords(fresh, new Date('2025-04-09T08:00:00.000Z'), EN)).toBe('10 April 2025 (in 1 day)');
    expect(dueWords(fresh, new Date('2025-04-10T22:00:01.000Z'), EN)).toBe('10 April 2025 (:warning: overdue)');
  });

  it('defaults the form to today, and "Request again" to the original receipt (or to nothing when none was recorded)', () => {
    const base = { maxSubjects: 5, initialUserIds: [], initialExtraIds: [], today: '2025-03-10', approvers: 'loading' as const, privateMetadata: '{}' };
    const picker = (view: ReturnType<typeof requestModal>) =>
      JSON.stringify(view.blocks.find((b) => (b as { block_id?: string }).block_id === 'received_on'));
    expect(picker(requestModal(base, readerFor('en')))).toContain('"initial_date":"2025-03-10"');
    expect(picker(requestModal({ ...base, initial: { receivedOn: '2025-02-01' } }, readerFor('en')))).toContain('"initial_date":"2025-02-01"');
    expect(JSON.stringify(requestModal({ ...base, initial: { receivedOn: '2025-02-01' } }, readerFor('en')).blocks)).toContain('due by *1 March 2025*');
    expect(picker(requestModal({ ...base, initial: {} }, readerFor('en')))).not.toContain('initial_date');
  });
});

describe('extending a DSAR deadline', () => {
  const open = () => makeCase({ receivedOn: '2025-01-31', dueAt: '2025-02-28T23:00:00.000Z', timeZone: 'Europe/Paris' });
  const before = new Date('2025-02-20T10:00:00.000Z');

  it('adds one or two months to the original due day, with the month-end rule', () => {
    const two = extendDeadline(open(), 'U0REQUEST1', 2, '  Many systems to search  ', before);
    expect(two.case?.extension).toEqual({
      months: 2,
      reason: 'Many systems to search',
      by: 'U0REQUEST1',
      at: before.toISOString(),
      dueOn: '2025-04-28',
      dueAt: '2025-04-28T22:00:00.000Z',
    });
    expect(effectiveDue(two.case!)).toEqual({ dueOn: '2025-04-28', dueAt: '2025-04-28T22:00:00.000Z' });
    expect(deadlineLine(two.case!, EN)).toBe('GDPR response due 28 April 2025, extended by 2 months (request received 31 January 2025)');
    expect(extendDeadline(open(), 'U1', 1, 'Complex', before).case?.extension?.dueOn).toBe('2025-03-28');
  });

  it('extends once only, within the first month, a DSAR only, open cases only, by 1 or 2 months with a reason', () => {
    const extended = extendDeadline(open(), 'U1', 1, 'Complex', before).case!;
    expect(extendDeadline(extended, 'U1', 1, 'again', before).refusal?.code).toBe('already_extended');
    expect(extendDeadline(open(), 'U1', 1, 'late', new Date('2025-02-28T23:00:00.000Z')).refusal?.code).toBe('extension_too_late');
    expect(extendDeadline(makeCase({ legalBasis: 'legal_hold' }), 'U1', 1, 'x', before).refusal?.code).toBe('no_gdpr_deadline');
    expect(extendDeadline(open(), 'U1', 1, 'done', before).refusal).toBeUndefined();
    expect(extendDeadline({ ...open(), state: 'completed' }, 'U1', 1, 'done', before).refusal?.code).toBe('case_closed');
    expect(extendDeadline(open(), 'U1', 3, 'too long', before).refusal?.code).toBe('invalid_request');
    expect(extendDeadline(open(), 'U1', 1, '   ', before).refusal?.code).toBe('invalid_request');
  });

  it('extends a v0.1.0 DSAR from its stored due instant', () => {
    const legacy = extendDeadline(makeCase(), 'U1', 2, 'Complex', new Date('2025-03-10T00:00:00.000Z')).case!;
    expect(legacy.extension).toMatchObject({ dueOn: '2025-06-01', dueAt: '2025-06-01T08:15:00.000Z' });
  });
});

describe('who is told of an overdue case', () => {
  it('everyone in the audience once, but never the requester nor a person the case concerns', () => {
    const c = makeCase();
    const subject = c.subjects[0]!.slackUserId!;
    expect(overdueRecipients(c, ['UAPPROVER1', c.requesterId, subject, 'UAUDITOR1', 'UAPPROVER1'])).toEqual(['UAPPROVER1', 'UAUDITOR1']);
  });
});
