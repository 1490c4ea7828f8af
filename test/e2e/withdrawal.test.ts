/** Withdrawing a request through signed payloads: before approval, and after submission. */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  REQUESTER,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseModalSubmission,
  caseOf,
  decisionSubmission,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function withdrawSubmission(userId: string, caseId: string, reason: string, note: string | null = null): object {
  return caseModalSubmission(
    userId,
    ids.WITHDRAW_MODAL,
    caseId,
    { block: ids.WITHDRAW_REASON_BLOCK, action: ids.WITHDRAW_REASON_ACTION, value: reason },
    { block: ids.WITHDRAW_NOTE_BLOCK, action: ids.WITHDRAW_NOTE_ACTION, value: note },
  );
}

const posts = (h: Harness) => h.sim.log.filter((l) => l.method === 'POST' && l.path === '/api/v2/gdpr/requests');

describe('withdrawing a request', () => {
  it('before approval: the cards say withdrawn, lose their buttons, and nothing is sent to Genesys', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
    const c = await caseOf(h, REQUESTER);
    await eventually(() => dmMessages(h!, APPROVER_1).filter((m) => JSON.stringify(m).includes(c.id)), (m) => m.length === 1, 15_000, 'the card');
    const status = await eventually(() => dmMessages(h!, REQUESTER)[0], (m) => m !== undefined, 15_000, 'the status message');
    expect(buttonsOf(status!).find((b) => b.action_id === ids.WITHDRAW_CASE)?.value).toBe(c.id);

    const opens = h.slack.callsTo('views.open').length;
    await h.sender.interactive(buttonClick(REQUESTER, ids.WITHDRAW_CASE, c.id, h.slack.dmChannelOf(REQUESTER)!, status!.ts));
    await h.slack.waitFor('views.open', () => h!.slack.callsTo('views.open').length > opens);
    const modal = [...h.slack.views().values()].find((v) => v.view?.callback_id === ids.WITHDRAW_MODAL);
    expect(JSON.stringify(modal?.view)).toContain('Nothing has been sent to Genesys Cloud');

    // an approver cannot withdraw someone else's request
    const forged = await h.sender.interactive(withdrawSubmission(APPROVER_1, c.id, 'made_in_error'));
    expect(JSON.stringify(forged.json)).toMatch(/Only the person who requested/);
    const done = await h.sender.interactive(withdrawSubmission(REQUESTER, c.id, 'subject_withdrew', 'Ticket closed by the subject'));
    expect(done.json ?? {}).not.toHaveProperty('errors');

    const cards = await eventually(
      () => [APPROVER_1, APPROVER_2].flatMap((u) => dmMessages(h!, u)).filter((m) => JSON.stringify(m).includes(c.id)),
      (ms) => ms.length === 2 && ms.every((m) => JSON.stringify(m).includes('Withdrawn by')),
      15_000,
      'withdrawn cards',
    );
    for (const card of cards) expect(buttonsOf(card).map((b) => b.action_id)).not.toContain(ids.APPROVE_CASE);
    await eventually(() => JSON.stringify(dmMessages(h!, REQUESTER)), (t) => t.includes('is withdrawn. Nothing was sent to Genesys Cloud'), 15_000, 'the requester told');
    // a late approval is refused, and nothing ever reaches Genesys
    const late = await h.sender.interactive(decisionSubmission(APPROVER_2, ids.APPROVE_MODAL, c.id, null));
    expect(late.json).toMatchObject({ response_action: 'errors' });
    expect(posts(h)).toEqual([]);
    const audit = [];
    for await (const e of h.app.store.readAudit(new Date(0))) audit.push(e);
    expect(audit.filter((e) => e.action === 'withdrawn')).toEqual([expect.objectContaining({ actor: REQUESTER, detail: 'before_approval: subject_withdrew' })]);
  });

  it('after submission: says Genesys cannot cancel a running export, stops polling and fetches nothing', async () => {
    h = await startHarness({ sim: { exportDurationMs: 365 * 86_400_000 } });
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
    const c = await caseOf(h, REQUESTER);
    await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, null));
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'in_progress', 15_000, 'in progress');

    const opens = h.slack.callsTo('views.open').length;
    await h.sender.command({ text: `withdraw ${c.id}`, userId: REQUESTER });
    await h.slack.waitFor('views.open', () => h!.slack.callsTo('views.open').length > opens);
    const modal = [...h.slack.views().values()].filter((v) => v.view?.callback_id === ids.WITHDRAW_MODAL).pop();
    expect(JSON.stringify(modal?.view)).toContain('Genesys Cloud cannot cancel an export that is already running');
    await h.sender.interactive(withdrawSubmission(REQUESTER, c.id, 'duplicate'));

    await eventually(() => JSON.stringify(dmMessages(h!, REQUESTER)), (t) => t.includes('will not fetch the results'), 15_000, 'the requester told');
    const withdrawn = await caseOf(h, REQUESTER);
    expect(withdrawn.withdrawal).toMatchObject({ by: REQUESTER, reason: 'duplicate', stage: 'after_submission' });
    const timers = await h.app.store.dueTimers(new Date(Date.now() + 365 * 86_400_000), 50);
    expect(timers.filter((t) => t.includes(c.id))).toEqual([`purge:${c.id}`]);
    expect(posts(h)).toHaveLength(1);
  });
});
