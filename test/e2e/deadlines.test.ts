/** Deadlines through signed payloads: the receipt date, the GDPR due date and where it shows. */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/ids.js';
import { ALICE, APPROVER_1, REQUESTER, VALID_FORM, caseOf, dmMessages, eventually, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const inWords = (day: string) => `${Number(day.slice(8))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

describe('the GDPR deadline counts from the receipt of the request', () => {
  it('refuses a receipt date in the future on its field, and stores nothing', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    const opened = h.slack.views().get(viewId);
    // the form opens on today in the requester's zone (Europe/Paris), which is never in the future
    expect(JSON.stringify(opened?.view)).toContain(`"action_id":"${ids.RECEIVED_ON_ACTION}"`);
    const res = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: dayFromNow(2) }));
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [ids.RECEIVED_ON_BLOCK]: expect.stringMatching(/is in the future/) } });
    expect(await h.app.workflow.listMyCases(REQUESTER)).toEqual([]);
  });

  it('shows the due date (receipt + one month) in the approval card and the status message', async () => {
    h = await startHarness();
    const received = '2026-01-31';
    const viewId = await openModal(h, REQUESTER);
    const res = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, receivedOn: received }));
    expect(res.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(res.json)).toContain('GDPR response due 28 February 2026 (request received 31 January 2026)');
    const c = await caseOf(h, REQUESTER);
    expect(c).toMatchObject({ receivedOn: received, timeZone: 'Europe/Paris', dueAt: '2026-02-28T23:00:00.000Z' });
    const card = await eventually(
      () => dmMessages(h!, APPROVER_1).find((m) => JSON.stringify(m).includes(c.id)),
      (m) => m !== undefined,
      15_000,
      'the approval card',
    );
    expect(JSON.stringify(card)).toContain(`*Request received*\\n${inWords(received)}`);
    expect(JSON.stringify(card)).toContain('*GDPR response due*\\n28 February 2026');
    const status = await eventually(() => dmMessages(h!, REQUESTER)[0], (m) => m !== undefined, 15_000, 'the status message');
    expect(JSON.stringify(status)).toContain('GDPR response due 28 February 2026');
  });

  it('gives a legal hold no GDPR due date, only the "needed by" date the requester gave', async () => {
    h = await startHarness();
    const viewId = await openModal(h, REQUESTER);
    const neededBy = dayFromNow(20);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, legalBasis: 'legal_hold', neededBy }));
    const c = await caseOf(h, REQUESTER);
    expect(c.dueAt).toBeUndefined();
    expect(c.receivedOn).toBeUndefined();
    expect(c.neededBy).toBe(neededBy);
    const card = await eventually(() => dmMessages(h!, APPROVER_1).find((m) => JSON.stringify(m).includes(c.id)), (m) => m !== undefined);
    expect(JSON.stringify(card)).not.toContain('GDPR response due');
    expect(JSON.stringify(card)).toContain(`*Needed by*\\n${inWords(neededBy)}`);
  });
});
