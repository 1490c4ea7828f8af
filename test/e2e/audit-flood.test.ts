/** Issue 11, item 7: refusals repeated by one person cannot flood the audit trail. */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import { ALICE, APPROVER_1, OUTSIDER, REQUESTER, VALID_FORM, buttonClick, caseOf, clickAnswer, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the audit trail cannot be flooded', () => {
  it('collapses repeated refusals of one person into one entry with a count, and keeps distinct ones', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { ...VALID_FORM, users: [ALICE] }));
    const c = await caseOf(h, REQUESTER);
    for (let i = 0; i < 6; i++) await clickAnswer(h, buttonClick(OUTSIDER, ids.APPROVE_CASE, c.id, 'C0GENERAL', '1.000'));
    await clickAnswer(h, buttonClick(OUTSIDER, ids.RETRY_SUBJECT, `${c.id}|s1`, 'C0GENERAL', '1.000'));
    await clickAnswer(h, buttonClick(APPROVER_1, ids.APPROVE_CASE, 'GX-ZZZZZZZZ', 'C0GENERAL', '1.000'));

    const denied: AuditEntry[] = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'denied') denied.push(e);
    const clicks = denied.filter((e) => e.actor === OUTSIDER && e.detail === `not_approver:${c.id}`);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.count).toBe(6);
    expect(denied.filter((e) => e.actor === OUTSIDER && e.detail !== `not_approver:${c.id}`)).toHaveLength(1);
    expect(denied.filter((e) => e.actor === APPROVER_1)).toHaveLength(1);
  });
});
