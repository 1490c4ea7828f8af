/**
 * The bot as the manifest ships it: Socket Mode. The same flows as over HTTP, with envelopes over the
 * fake's WebSocket (unsigned: the socket itself is authenticated), plus what only a socket does:
 * connecting, refresh_requested, a dropped connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { FakeSlack } from '../../dev/fake-slack/index.js';
import { freePort } from '../reliability/support/util.js';
import {
  ALICE,
  APPROVER_1,
  BOB,
  GENESYS_ALICE,
  GENESYS_BOB,
  OUTSIDER,
  REQUESTER,
  VALID_FORM,
  buttonClick,
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

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const genesysPosts = (harness: Harness) => harness.sim.log.filter((l) => l.method === 'POST' && l.path === '/api/v2/gdpr/requests');
const readyMessages = (harness: Harness) => dmMessages(harness, REQUESTER).filter((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK));

/** Requests Alice and Bob over the socket and approves; resolves with the case id once approved. */
async function requestAndApprove(harness: Harness): Promise<string> {
  const viewId = await openModal(harness, REQUESTER, `<@${ALICE}> <@${BOB}>`);
  const submitted = await harness.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
  // The response_action travels in the ack, over the socket.
  expect(submitted.json).toMatchObject({ response_action: 'update' });
  const c = await caseOf(harness, REQUESTER);
  const card = await harness.slack.waitFor('chat.postMessage', (call) => JSON.stringify(call.args).includes(ids.APPROVE_CASE));
  await harness.sender.interactive(buttonClick(APPROVER_1, ids.APPROVE_CASE, c.id, String(card.args.channel), '1.000'));
  await harness.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.APPROVE_MODAL));
  const approved = await harness.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'OK'));
  expect(approved.json ?? {}).not.toHaveProperty('errors');
  return c.id;
}

/** Clicks the first "Get download link" and fetches the signed link the modal shows. */
async function downloadFirstArchive(harness: Harness): Promise<number> {
  const value = buttonsOf(readyMessages(harness)[0]!).find((b) => b.action_id === ids.GET_DOWNLOAD_LINK)!.value!;
  const before = harness.slack.callsTo('views.update').length;
  await harness.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, value, harness.slack.dmChannelOf(REQUESTER)!, '1.000'));
  const update = await harness.slack.waitFor('views.update', () => harness.slack.callsTo('views.update').length > before, 10_000);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/signed\/[^|>"\\]+)/.exec(JSON.stringify(update.args.view))?.[1];
  expect(url).toBeDefined();
  return (await fetch(url!.replace(/&amp;/g, '&'))).status;
}

describe('Socket Mode, end to end', () => {
  it('opens the socket through SLACK_API_URL, not slack.com', async () => {
    h = await startHarness({ mode: 'socket' });
    expect(h.slack.callsTo('apps.connections.open')).toEqual([expect.objectContaining({ ok: true })]);
    expect(h.slack.socketMode.connectionCount()).toBe(1);
  });

  it('stops start-up with a clear message when Slack refuses the app-level token', async () => {
    await expect(startHarness({ mode: 'socket', env: { SLACK_APP_TOKEN: 'xapp-1-not-the-right-one' } })).rejects.toThrow(
      /Socket Mode could not connect \(invalid_auth\)\. Check SLACK_APP_TOKEN/,
    );
  });

  it('from slash command to download link, with health, readiness and metrics served', async () => {
    h = await startHarness({ mode: 'socket' });
    await requestAndApprove(h);

    const done = await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');
    expect(done.subjects.map((s) => s.genesysUserId).sort()).toEqual([GENESYS_ALICE, GENESYS_BOB].sort());
    await eventually(() => readyMessages(h!).length, (n) => n === 2, 10_000, 'two ready messages');
    expect(await downloadFirstArchive(h)).toBe(200);

    // The Events API arrives over the socket too.
    await h.socketSender!.event({ type: 'app_home_opened', user: REQUESTER, channel: h.slack.dmChannelOf(REQUESTER), tab: 'home', event_ts: '1.000' });
    await h.slack.waitFor('views.publish', (call) => call.args.user_id === REQUESTER);

    // Every envelope was acked; nothing was signed, so the replay guard stored no claim.
    expect(h.slack.socketMode.envelopes.filter((e) => !e.ack)).toEqual([]);
    expect(h.logLines.filter((l) => /replay|signature/i.test(l))).toEqual([]);
    // Socket Mode's own logging (whole payloads at debug, the socket URL) reaches no log line.
    const logs = h.logLines.join('\n');
    for (const secret of [h.slack.socketMode.appToken, 'ticket=', VALID_FORM.justification, 'alice@example.com']) expect(logs).not.toContain(secret);

    const base = `http://127.0.0.1:${h.app.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true, checks: { store: true, genesysToken: true } });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/gdpr_export_requests_total\{outcome="created"\} 1/);
  });

  it('refuses a caller who is not a requester, in the command’s ack, and stores nothing', async () => {
    h = await startHarness({ mode: 'socket' });
    const res = await h.sender.command({ text: `<@${ALICE}>`, userId: OUTSIDER });
    const before = h.slack.callsTo('response_url').length;
    const text = res.json?.text ?? String((await h.slack.waitFor('response_url', () => h!.slack.callsTo('response_url').length > before)).args.text);

    expect(text).toMatch(/requester|allowed|permission/i);
    expect(await h.app.workflow.listMyCases(OUTSIDER, 10)).toEqual([]);
    expect(h.slack.callsTo('views.open')).toEqual([]);
    const audit: string[] = [];
    for await (const e of h.app.store.readAudit(new Date(0))) audit.push(`${e.action}:${e.actor}:${e.detail ?? ''}`);
    expect(audit).toContain(`denied:${OUTSIDER}:not_requester`);
  });

  it('a refresh and a dropped socket in the middle of a case lose nothing and double nothing', async () => {
    h = await startHarness({ mode: 'socket' });
    const caseId = await requestAndApprove(h);

    // Slack recycles the connection while the exports run; the bot reconnects by itself.
    h.slack.socketMode.disconnect('refresh_requested');
    await eventually(() => h!.slack.callsTo('apps.connections.open').length, (n) => n === 2, 20_000, 'a new connection after the refresh');
    await h.slack.socketMode.waitForConnection(10_000);
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');

    // Then the connection dies without a word; the next click still arrives.
    h.slack.socketMode.drop();
    await eventually(() => h!.slack.callsTo('apps.connections.open').length, (n) => n === 3, 20_000, 'a new connection after the drop');
    await eventually(() => readyMessages(h!).length, (n) => n >= 2, 10_000, 'two ready messages');
    expect(await downloadFirstArchive(h)).toBe(200);

    expect((await h.app.workflow.listMyCases(REQUESTER, 10)).map((c) => c.id)).toEqual([caseId]);
    expect(genesysPosts(h)).toHaveLength(2);
    expect(readyMessages(h)).toHaveLength(2);
    // Each notification reached each of its channels once (approval cards go to every approver's DM).
    const deliveries = h.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.ok)
      .map((call) => `${String(call.args.channel)} ${(call.args.metadata as { event_payload?: { notification_id?: string } } | undefined)?.event_payload?.notification_id}`);
    expect(new Set(deliveries).size, deliveries.join('\n')).toBe(deliveries.length);
    expect(h.slack.socketMode.envelopes.filter((e) => !e.ack)).toEqual([]);
  });

  it('answers /healthz while the socket is still connecting', async () => {
    const port = await freePort();
    let fake: FakeSlack | undefined;
    const starting = startHarness({
      mode: 'socket',
      env: { PORT: String(port) },
      beforeApps: ({ slack }) => {
        fake = slack;
        slack.socketMode.pauseHello();
      },
    });
    const base = `http://127.0.0.1:${port}`;
    const health = await eventually(() => fetch(`${base}/healthz`).then((r) => r.status, () => 0), (s) => s !== 0, 10_000, '/healthz answering');
    expect(health).toBe(503);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);

    fake!.socketMode.resumeHello();
    h = await starting;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
