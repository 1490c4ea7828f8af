import { describe, expect, it } from 'vitest';
import { approvalExpireTimer, approvalRemindTimer, parseTimerKey, pollTimer, purgeTimer, submitTimer } from '../../../src/workflow/timer-keys.js';

describe('timer keys', () => {
  it('read back what they were built from', () => {
    expect(parseTimerKey(submitTimer('GX-1', 's1'))).toEqual({ kind: 'submit', caseId: 'GX-1', subjectId: 's1' });
    expect(parseTimerKey(pollTimer('GX-1', 's2'))).toEqual({ kind: 'poll', caseId: 'GX-1', subjectId: 's2' });
    expect(parseTimerKey(approvalRemindTimer('GX-1'))).toEqual({ kind: 'approval-remind', caseId: 'GX-1' });
    expect(parseTimerKey(approvalExpireTimer('GX-1'))).toEqual({ kind: 'approval-expire', caseId: 'GX-1' });
    expect(parseTimerKey(purgeTimer('GX-1'))).toEqual({ kind: 'purge', caseId: 'GX-1' });
  });

  it('refuse keys this version does not know', () => {
    for (const key of ['submit:GX-1', 'purge:GX-1:s1', 'poll::s1', 'nudge:GX-1', 'submit:GX-1:s1:extra', '']) {
      expect(parseTimerKey(key)).toBeUndefined();
    }
  });
});
