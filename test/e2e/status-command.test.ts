/** `/gdpr-export status` through signed payloads: each person's last Genesys status and when it was checked. */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { ALICE, APPROVER_1, BOB, OUTSIDER, REQUESTER, VALID_FORM, caseOf, commandReply, decisionSubmission, eventually, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function commandAnswer(harness: Harness, userId: string, text: string): Promise<string> {
  return JSON.stringify(await commandReply(harness, userId, text));
}

describe('/gdpr-export status', () => {
  it('lists each open case with every person’s last Genesys status and check time, and shows one case in full to its requester only', async () => {
    h = await startHarness({ sim: { exportDurationMs: 365 * 86_400_000 } });
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
    const c = await caseOf(h, REQUESTER);
    await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, null));
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.subjects.every((s) => s.lastCheckedAt !== undefined), 15_000, 'both exports checked');

    const list = await commandAnswer(h, REQUESTER, 'status');
    expect(list).toContain('Alice Martin');
    expect(list).toContain('Bob Nguyen');
    expect(list.match(/preparing it \(`[A-Z_]+`\) · last checked <!date\^/g)).toHaveLength(2);

    const full = await commandAnswer(h, REQUESTER, `status ${c.id}`);
    expect(full).toContain(`*GDPR export \`${c.id}\`*`);
    expect(full).toContain('*Deadline:* GDPR response due');
    expect(full).toContain('last checked');

    const refused = await commandAnswer(h, OUTSIDER, `status ${c.id}`);
    expect(refused).toContain(`Only the requester of ${c.id}, the approvers and the GDPR auditors can see it.`);
    expect(refused).not.toContain('Alice Martin');
    const denied = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'denied' && e.actor === OUTSIDER) denied.push(e.detail);
    expect(denied).toEqual(['view_case:not_allowed']);
  });
});
