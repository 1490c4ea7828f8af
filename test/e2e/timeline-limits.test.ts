import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  BOB,
  REQUESTER,
  VALID_FORM,
  buttonsOf,
  caseOf,
  decisionSubmission,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';
import { timelineSubmission } from './timeline-support.js';

let h: Harness;
let caseId = '';
beforeAll(async () => {
  // The simulator's exports hold a handful of messages: a cap of 2 is passed, a wide date range is needed to pass it.
  h = await startHarness({ env: { TIMELINE_MAX_MESSAGES: '2' } });
  const viewId = await openModal(h, REQUESTER, `<@${ALICE}> <@${BOB}>`);
  await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
  const c = await caseOf(h, REQUESTER);
  await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'ok'));
  await eventually(() => caseOf(h, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
  await eventually(
    () => dmMessages(h, REQUESTER).find((m) => buttonsOf(m).some((b) => b.action_id === ids.BUILD_TIMELINE)),
    (m) => m !== undefined,
    10_000,
    'the case-finished message',
  );
  caseId = c.id;
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('timeline limits', () => {
  it('stops past TIMELINE_MAX_MESSAGES, names the limit and the way out, delivers nothing, audits the refusal', async () => {
    await h.sender.interactive(timelineSubmission(caseId));
    const told = await eventually(
      () => dmMessages(h, REQUESTER).find((m) => /TIMELINE_MAX_MESSAGES/.test(String(m.text))),
      (m) => m !== undefined,
      20_000,
      'the limit message',
    );
    expect(String(told!.text)).toMatch(/more than 2 messages.*No timeline was delivered.*shorter date range/);
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(h.slack.files()).toHaveLength(0);
    const denied = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'denied') denied.push(e.detail);
    expect(denied).toContain('timeline:limit_messages');
    // the process lives: the bot still answers a slash command
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
    expect(viewId).toBeTruthy();
  });
});
