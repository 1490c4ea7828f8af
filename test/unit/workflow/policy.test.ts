import { describe, expect, it } from 'vitest';
import type { NewCaseInput } from '../../../src/workflow/model.js';
import { checkNewCase } from '../../../src/workflow/policy.js';
import { problemText, readerFor } from '../../../src/slack/catalog/index.js';

const valid: NewCaseInput = {
  teamId: 'T1',
  requesterId: 'U1',
  subjects: [
    { genesysUserId: 'g-1', name: 'Ann', resolvedVia: 'slack_profile_email', slackUserId: 'U9' },
    { genesysUserId: 'g-2', resolvedVia: 'genesys_user_id' },
  ],
  legalBasis: 'data_subject_access_request',
  receivedOn: '2025-03-01',
  caseReference: '  DSAR-42  ',
  justification: '  The subject asked for their chat history.\n\tTicket attached.  ',
};
const limits = { maxSubjects: 3, today: '2025-03-03' };

function problemsOf(patch: Partial<NewCaseInput>) {
  const r = checkNewCase({ ...valid, ...patch }, limits);
  return r.ok ? [] : r.problems.map((p) => ({ field: p.field, message: problemText(p, readerFor('en')) }));
}

describe('checkNewCase', () => {
  it('accepts a valid case and trims the text fields', () => {
    const r = checkNewCase(valid, limits);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.caseReference).toBe('DSAR-42');
    expect(r.value.justification).toBe('The subject asked for their chat history.\n\tTicket attached.');
  });

  it('refuses no subjects and too many', () => {
    expect(problemsOf({ subjects: [] })).toEqual([{ field: 'subjects', message: expect.stringContaining('at least one') }]);
    const four = ['a', 'b', 'c', 'd'].map((id) => ({ genesysUserId: id, resolvedVia: 'genesys_user_id' as const }));
    expect(problemsOf({ subjects: four })[0]?.message).toMatch(/4 people.*at most 3/);
  });

  it('refuses the same Genesys user twice, naming them', () => {
    const dup = [
      { genesysUserId: 'g-1', name: 'Ann', resolvedVia: 'email' as const },
      { genesysUserId: 'g-1', name: 'Ann', resolvedVia: 'genesys_user_id' as const },
    ];
    expect(problemsOf({ subjects: dup })).toEqual([{ field: 'subjects', message: expect.stringContaining('(Ann)') }]);
  });

  it('refuses an empty or over-long case reference, and one with line breaks', () => {
    expect(problemsOf({ caseReference: '   ' })[0]?.field).toBe('caseReference');
    expect(problemsOf({ caseReference: 'x'.repeat(101) })[0]?.message).toMatch(/101 characters.*100/);
    expect(problemsOf({ caseReference: 'x'.repeat(100) })).toEqual([]);
    expect(problemsOf({ caseReference: 'a\nb' })[0]?.message).toMatch(/single line/);
  });

  it('refuses a justification that is too short, too long or holds control characters', () => {
    expect(problemsOf({ justification: '   short   ' })[0]?.message).toMatch(/at least 10/);
    expect(problemsOf({ justification: 'x'.repeat(2001) })[0]?.message).toMatch(/2,001 characters.*2,000/);
    expect(problemsOf({ justification: 'x'.repeat(2000) })).toEqual([]);
    expect(problemsOf({ justification: 'hidden \u0007 bell in here' })[0]?.message).toMatch(/control characters/);
    expect(problemsOf({ justification: 'bidi \u009B escape in here' })[0]?.field).toBe('justification');
    expect(problemsOf({ justification: 'windows line\r\nbreaks are fine' })).toEqual([]);
    expect(problemsOf({ justification: 'a lone \r carriage return' })[0]?.field).toBe('justification');
    expect(problemsOf({ caseReference: 'tab\there' })[0]?.field).toBe('caseReference');
  });

  it('refuses a legal basis not on the list', () => {
    expect(problemsOf({ legalBasis: 'because' as never })).toEqual([{ field: 'legalBasis', message: expect.any(String) }]);
  });

  it('reports every problem at once', () => {
    const fields = problemsOf({ subjects: [], caseReference: '', justification: '' }).map((p) => p.field);
    expect(fields).toEqual(['subjects', 'caseReference', 'justification']);
  });
});
