/**
 * Approval-channel mode after a crash, with only the scopes manifest.yml grants (no
 * channels:history): the bot must not stall on a channel history read it may not make.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { notificationIds } from '../../src/workflow/notifications.js';
import {
  ALICE,
  APPROVER_1,
  REQUESTER,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseOf,
  decisionSubmission,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';

const APPROVAL_CHANNEL = 'C0APPROVALS';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const cardsInChannel = (harness: Harness) =>
  harness.slack.messages(APPROVAL_CHANNEL).filter((m) => buttonsOf(m).some((b) => b.action_id === ids.APPROVE_CASE));

/** Requests an export for Alice and waits until the approval card was delivered and marked sent. */
async function requestedCase(harness: Harness) {
  const viewId = await openModal(harness, REQUESTER, `<@${ALICE}>`);
  await harness.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
  const c = await caseOf(harness, REQUESTER);
  const id = notificationIds.approvalRequested(c.id);
  const sent = await eventually(() => harness.app.store.getNotification(id), (n) => n?.status === 'sent', 10_000, 'approval card sent');
  return { c, id, sentAt: sent!.sentAt };
}

/** What the outbox finds after a crash between delivering and recording "sent". */
async function crashBeforeMarkedSent(harness: Harness, id: string, sentAt: string | undefined) {
  await harness.app.store.updateNotification(id, { status: 'sending', nextAttemptAt: new Date().toISOString() });
  await eventually(() => harness.app.store.getNotification(id), (n) => n?.status === 'sent' && n.sentAt !== sentAt, 10_000, 'approval card re-delivered');
}

async function approveFromCard(harness: Harness, caseId: string) {
  const card = cardsInChannel(harness)[0]!;
  expect((await harness.sender.interactive(buttonClick(APPROVER_1, ids.APPROVE_CASE, caseId, APPROVAL_CHANNEL, card.ts))).status).toBe(200);
  await harness.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.APPROVE_MODAL));
  expect((await harness.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, caseId, null))).status).toBe(200);
  await eventually(() => caseOf(harness, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');
}

describe('approval channel, after a crash, with the manifest’s scopes', () => {
  it('a card already recorded is not posted again, and the case goes on', async () => {
    h = await startHarness({ env: { GDPR_APPROVAL_CHANNEL: APPROVAL_CHANNEL } });
    const { c, id, sentAt } = await requestedCase(h);
    expect(cardsInChannel(h)).toHaveLength(1);

    await crashBeforeMarkedSent(h, id, sentAt);

    expect(cardsInChannel(h)).toHaveLength(1);
    expect(h.slack.scopeRefusals()).toEqual([]);
    await approveFromCard(h, c.id);
  });

  it('a card whose post was never recorded is posted again (the channel cannot be read), rather than stalling', async () => {
    h = await startHarness({ env: { GDPR_APPROVAL_CHANNEL: APPROVAL_CHANNEL } });
    const { c, id, sentAt } = await requestedCase(h);
    // The crash fell between Slack accepting the card and the bot recording it (as a delivered
    // part of the notification, and among the case's cards).
    await h.app.store.deleteMeta(`slack:cards:${c.id}`);
    await h.app.store.updateNotification(id, { deliveredParts: {} });

    await crashBeforeMarkedSent(h, id, sentAt);

    expect(cardsInChannel(h)).toHaveLength(2);
    expect(h.slack.callsTo('conversations.history').filter((call) => call.args.channel === APPROVAL_CHANNEL)).toEqual([]);
    await approveFromCard(h, c.id);
  });
});
