import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as catalogModule from '../../../../src/slack/catalog/index.js';
import { readerFor } from '../../../../src/slack/catalog/index.js';

const en = readerFor('en');
const catalog = en.t;
const refusalText = (r: Parameters<typeof catalogModule.refusalText>[0]) => catalogModule.refusalText(r, en);
const subjectFailureText = (e: Parameters<typeof catalogModule.subjectFailureText>[0]) => catalogModule.subjectFailureText(e, en);
import { refusalOf } from '../../../../src/workflow/result.js';
import type { PolicyProblem } from '../../../../src/workflow/policy.js';
import { GENESYS_ERROR_CODES } from '../../../../src/workflow/genesys-error.js';
import { TIMELINE_ERROR_CODES } from '../../../../src/timeline/errors.js';

const WORKFLOW_DIR = join(import.meta.dirname, '../../../../src/workflow');

describe('message catalog', () => {
  it('has words for every Genesys error code, with and without params', () => {
    for (const code of GENESYS_ERROR_CODES) {
      for (const operation of [undefined, 'create_export', 'export_status'] as const) {
        const text = catalog.genesysError[code]({ operation, permission: 'gdpr:request:add', reference: 'corr-1' });
        expect(text.length, `${code}/${operation ?? '-'}`).toBeGreaterThan(20);
        expect(text).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('has words for every timeline error code', () => {
    for (const code of TIMELINE_ERROR_CODES) {
      const text = catalog.timelineError[code]({ where: { subject: 1, subjects: 2, archive: 1, archives: 1 } });
      expect(text.length, code).toBeGreaterThan(20);
      expect(text).not.toMatch(/undefined|\[object/);
    }
  });

  it('words every stored subject failure, and shows a sentence stored by v0.1.0 as it is', () => {
    for (const code of [...GENESYS_ERROR_CODES, 'export_error']) {
      for (const stage of ['submit', 'poll', 'retrying', undefined] as const) {
        const { text, stored } = subjectFailureText({ code, stage, at: '2025-01-01T00:00:00.000Z' });
        expect(stored).toBe(false);
        expect(text, `${code}/${stage ?? '-'}`).not.toMatch(/undefined|\[object/);
      }
    }
    const legacy = { code: 'bad_request', message: 'Genesys Cloud refused the export request as invalid.', at: '2025-01-01T00:00:00.000Z' };
    expect(subjectFailureText(legacy)).toEqual({ text: legacy.message, stored: true });
  });

  it('words a coded refusal as the workflow used to write it', () => {
    expect(refusalText(refusalOf('no_eligible_approver', 'only_approver', {}))).toBe(
      'You are the only approver, and nobody may approve their own request. Ask an administrator to add another approver to GDPR_APPROVERS.',
    );
    const decided = refusalOf('already_decided', 'already_decided', { caseId: 'GDPR-1', decision: 'approved', decidedBy: 'U1', decidedAt: '2025-01-02T03:04:05.000Z' });
    expect(refusalText(decided)).toBe('Request GDPR-1 was already approved by <@U1> on 2025-01-02T03:04:05.000Z. Nothing more to do.');
    expect(refusalText(refusalOf('already_decided', 'already_decided', { caseId: 'GDPR-1' }))).toBe('Request GDPR-1 was already decided. Nothing more to do.');
    expect(refusalText(refusalOf('export_expired', 'export_expired', {}))).toContain('To get the chat of this person again, request it again.');
    expect(refusalText(refusalOf('not_your_case', 'not_owner', { caseId: 'GDPR-1', action: 'retry' }))).toBe('Only the person who requested GDPR-1 can retry its exports.');
    expect(refusalText(refusalOf('case_closed', 'already_closed', { caseId: 'GDPR-1', state: 'approval_expired' }))).toBe(
      'Request GDPR-1 is already closed (approval expired); there is nothing to withdraw.',
    );
  });

  it('words a policy refusal by its problems, one a line', () => {
    const problems: PolicyProblem[] = [
      { field: 'subjects', reason: 'too_many_subjects', params: { count: 4, max: 3 } },
      { field: 'justification', reason: 'justification_too_short', params: {} },
    ];
    expect(refusalText(refusalOf('invalid_request', 'policy_problems', {}, { problems }))).toBe(
      'You chose 4 people; one request may cover at most 3. Split it into several requests.\n' +
        'Explain why this export is needed in at least 10 characters; approvers and auditors read it.',
    );
  });

  it('is imported by no workflow module: the workflow deals in codes only', async () => {
    const files = (await readdir(WORKFLOW_DIR, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(join(WORKFLOW_DIR, file), 'utf8');
      expect(source, file).not.toMatch(/from '[^']*(\/slack\/|catalog)[^']*'/);
    }
  });
});
