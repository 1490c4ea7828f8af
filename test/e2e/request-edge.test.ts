/**
 * The request edge: what the bot checks on every signed request before a listener acts (replay
 * claim on the request itself, workspace and acting user's team, Enterprise Grid ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../dev/fake-slack/index.js';
import { signatureVariants } from '../helpers/signature-variants.js';
import { ALICE, REQUESTER, SIGNING_SECRET, VALID_FORM, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the replay guard claims the request, not the header string', () => {
  it('padded, doubled and case-changed signatures of one signed view submission create exactly one case', async () => {
    const viewId = await openModal(h, REQUESTER);
    const payload = requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, caseReference: 'REPLAY-VARIANTS' });
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const headers = { ...FORM, ...signSlackRequest(SIGNING_SECRET, body) };
    const first = await h.sender.raw(body, headers);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ response_action: 'update' });

    for (const [what, signature] of signatureVariants(headers['x-slack-signature'])) {
      const replay = await h.sender.raw(body, { ...headers, 'x-slack-signature': signature });
      expect(replay.status, what).toBe(401);
    }
    const cases = (await h.app.workflow.listMyCases(REQUESTER, 50)).filter((c) => c.caseReference === 'REPLAY-VARIANTS');
    expect(cases).toHaveLength(1);
  });
});
