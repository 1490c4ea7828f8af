/**
 * Shutdown means no new work: once stop() begins (SIGTERM), the bot stops taking Slack requests
 * before it finishes the worker's cycle, so a request that arrives meanwhile is refused whole —
 * never acknowledged and half-processed by a process about to exit.
 */
import { afterEach, expect, it } from 'vitest';
import { ALICE, BOB, REQUESTER, VALID_FORM, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('a request arriving after stop() began is refused and writes nothing, while the cycle under way finishes', async () => {
  h = await startHarness();
  const harness = h;
  // the worker's cycle is slow (each Slack post takes 1.5 s), so stop() has a cycle to wait for
  harness.slack.setDelay('chat.postMessage', 1_500);
  const first = await harness.sender.interactive(requestSubmission(REQUESTER, 'VSHUTDOWN1', { users: [ALICE], ...VALID_FORM }));
  expect(first.status).toBe(200);
  await harness.slack.waitFor('conversations.open', () => true, 10_000); // the cycle is posting approval cards

  const stopping = harness.app.stop();
  const late = await harness.sender
    .interactive(requestSubmission(REQUESTER, 'VSHUTDOWN2', { users: [BOB], ...VALID_FORM }))
    .then((r) => `HTTP ${r.status}`, (e: unknown) => `refused: ${(e as { cause?: { code?: string } }).cause?.code ?? String(e)}`);
  await stopping;

  expect(late, 'the late request is not acknowledged').not.toBe('HTTP 200');
  const cases = await harness.app.workflow.listMyCases(REQUESTER, 10);
  expect(cases.map((c) => c.subjects.map((s) => s.slackUserId))).toEqual([[ALICE]]);
  // the cycle under way was finished, not cut: its card posts reached Slack
  expect(harness.slack.callsTo('chat.postMessage').filter((c) => c.ok).length).toBeGreaterThan(0);
});
