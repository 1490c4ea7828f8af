/**
 * The form and the workflow agree on every length limit: what a Block Kit input lets a person
 * type (min_length / max_length) is exactly what the workflow accepts — one character more is
 * refused (or cut, for the optional notes), one character less is refused at a minimum. The
 * bounds are read from the views and probed on the workflow's behaviour, so a view or a policy
 * that drifts from the other fails here.
 */
import { describe, expect, it } from 'vitest';
import type { ViewSubmitAction } from '@slack/bolt';
import { problemText, refusalText, readerFor } from '../../../src/slack/catalog/index.js';
import { readRequestForm } from '../../../src/slack/listeners/request-flow.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { approveModal, extendModal, rejectModal, requestModal, withdrawModal } from '../../../src/slack/views/index.js';
import type { ModalView } from '../../../src/slack/views/block-kit.js';
import { checkNewCase } from '../../../src/workflow/policy.js';
import { APPROVER, REQUESTER } from '../workflow/fakes.js';
import { createWorld, newCaseInput } from '../workflow/world.js';

interface TextBounds {
  min_length?: number;
  max_length?: number;
}

/** the min/max of the plain_text_input with this action id; fails if the view has no such input */
function boundsOf(view: ModalView, actionId: string): TextBounds {
  for (const block of view.blocks) {
    const element = (block as { element?: { type?: string; action_id?: string } & TextBounds }).element;
    if (element?.type === 'plain_text_input' && element.action_id === actionId) {
      return { min_length: element.min_length, max_length: element.max_length };
    }
  }
  throw new Error(`no plain_text_input ${actionId} in ${view.callback_id}`);
}

function maxOf(view: ModalView, actionId: string): number {
  const max = boundsOf(view, actionId).max_length;
  if (max === undefined) throw new Error(`${actionId} in ${view.callback_id} has no max_length`);
  return max;
}

function minOf(view: ModalView, actionId: string): number {
  const min = boundsOf(view, actionId).min_length;
  if (min === undefined) throw new Error(`${actionId} in ${view.callback_id} has no min_length`);
  return min;
}

const form = requestModal({
  maxSubjects: 5,
  initialUserIds: [],
  initialExtraIds: [],
  today: '2025-03-03',
  approvers: { required: true, userIds: [APPROVER] },
  privateMetadata: '{}',
}, readerFor('en'));

const policyOk = (overrides: Parameters<typeof newCaseInput>[1]) => checkNewCase(newCaseInput(1, overrides), { maxSubjects: 5, today: '2025-03-03' }).ok;

type Values = ViewSubmitAction['view']['state']['values'];
function formValues(caseReference: string, justification: string): Values {
  return {
    [ids.SUBJECTS_BLOCK]: { [ids.SUBJECTS_ACTION]: { type: 'multi_users_select', selected_users: ['U0ALICE'] } },
    [ids.LEGAL_BASIS_BLOCK]: { [ids.LEGAL_BASIS_ACTION]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'legal_hold' } } },
    [ids.CASE_REFERENCE_BLOCK]: { [ids.CASE_REFERENCE_ACTION]: { type: 'plain_text_input', value: caseReference } },
    [ids.JUSTIFICATION_BLOCK]: { [ids.JUSTIFICATION_ACTION]: { type: 'plain_text_input', value: justification } },
  } as unknown as Values;
}
const formOk = (caseReference: string, justification: string) => readRequestForm(formValues(caseReference, justification), readerFor('en')).success;

async function pendingCase() {
  const w = await createWorld();
  const created = await w.workflow.requestExport(newCaseInput(1));
  if (!created.ok) throw new Error(`${created.refusal.code}: ${created.refusal.reason}`);
  return { w, c: created.value };
}

const text = (n: number) => 'x'.repeat(n);
const JUSTIFICATION = 'A DSAR from the subject, ticket 42.';

describe('the request form and the policy accept the same lengths', () => {
  it('case reference: the view’s max_length is the longest the form schema and the policy accept', () => {
    const max = maxOf(form, ids.CASE_REFERENCE_ACTION);
    expect(policyOk({ caseReference: text(max) })).toBe(true);
    expect(policyOk({ caseReference: text(max + 1) })).toBe(false);
    expect(formOk(text(max), JUSTIFICATION)).toBe(true);
    expect(formOk(text(max + 1), JUSTIFICATION)).toBe(false);
  });

  it('justification: the view’s min_length and max_length are the bounds of the form schema and the policy', () => {
    const min = minOf(form, ids.JUSTIFICATION_ACTION);
    const max = maxOf(form, ids.JUSTIFICATION_ACTION);
    expect(policyOk({ justification: text(min) })).toBe(true);
    expect(policyOk({ justification: text(min - 1) })).toBe(false);
    expect(policyOk({ justification: text(max) })).toBe(true);
    expect(policyOk({ justification: text(max + 1) })).toBe(false);
    expect(formOk('REF-1', text(min))).toBe(true);
    expect(formOk('REF-1', text(min - 1))).toBe(false);
    expect(formOk('REF-1', text(max))).toBe(true);
    expect(formOk('REF-1', text(max + 1))).toBe(false);
  });

  it('the form schema says the same words as the policy when a field is too long', () => {
    const max = maxOf(form, ids.JUSTIFICATION_ACTION);
    const parsed = readRequestForm(formValues('REF-1', text(max + 1)), readerFor('en'));
    const checked = checkNewCase(newCaseInput(1, { justification: text(max + 1) }), { maxSubjects: 5 });
    expect(parsed.success).toBe(false);
    expect(checked.ok).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(checked.ok || !checked.problems[0] ? undefined : problemText(checked.problems[0], readerFor('en')));
  });
});

describe('the decision, extension and withdrawal dialogs accept what the workflow accepts', () => {
  it('reject reason: the view’s min_length and max_length are what the workflow accepts', async () => {
    const { w, c } = await pendingCase();
    const view = rejectModal(c, readerFor('en'));
    const min = minOf(view, ids.REASON_ACTION);
    const max = maxOf(view, ids.REASON_ACTION);
    expect(await w.workflow.reject(c.id, APPROVER, text(min - 1))).toMatchObject({ ok: false, refusal: { code: 'invalid_request' } });
    expect(await w.workflow.reject(c.id, APPROVER, text(max + 1))).toMatchObject({ ok: false, refusal: { code: 'invalid_request' } });
    const rejected = await w.workflow.reject(c.id, APPROVER, text(max));
    expect(rejected.ok).toBe(true);
    expect(rejected.ok && rejected.value.approval?.note).toHaveLength(max);
  });

  it('reject reason at the minimum is accepted', async () => {
    const { w, c } = await pendingCase();
    expect((await w.workflow.reject(c.id, APPROVER, text(minOf(rejectModal(c, readerFor('en')), ids.REASON_ACTION)))).ok).toBe(true);
  });

  it('approval note: the workflow keeps exactly what the view lets an approver type', async () => {
    const { w, c } = await pendingCase();
    const max = maxOf(approveModal(c, readerFor('en')), ids.NOTE_ACTION);
    const approved = await w.workflow.approve(c.id, APPROVER, text(max + 1));
    expect(approved.ok && approved.value.approval?.note).toHaveLength(max);
  });

  it('extension reason: the view’s max_length is the longest reason the workflow accepts', async () => {
    const { w, c } = await pendingCase();
    const max = maxOf(extendModal(c, readerFor('en')), ids.EXTEND_REASON_ACTION);
    const tooLong = await w.workflow.extendDeadline(c.id, REQUESTER, 1, text(max + 1));
    expect(tooLong).toMatchObject({ ok: false, refusal: { code: 'invalid_request' } });
    expect(tooLong.ok ? '' : refusalText(tooLong.refusal, readerFor('en'))).toContain(`${(max + 1).toLocaleString('en-US')} characters long`);
    const extended = await w.workflow.extendDeadline(c.id, REQUESTER, 1, text(max));
    expect(extended.ok && extended.value.extension?.reason).toHaveLength(max);
  });

  it('withdrawal note: the workflow keeps exactly what the view lets the requester type', async () => {
    const { w, c } = await pendingCase();
    const max = maxOf(withdrawModal(c, readerFor('en')), ids.WITHDRAW_NOTE_ACTION);
    const withdrawn = await w.workflow.withdraw(c.id, REQUESTER, 'duplicate', text(max + 1));
    expect(withdrawn.ok && withdrawn.value.withdrawal?.note).toHaveLength(max);
  });
});
