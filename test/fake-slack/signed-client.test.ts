import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { blockActionPayload, createSlackSender, signSlackRequest, viewSubmissionPayload } from '../../dev/fake-slack/index.js';

const SECRET = 'test-signing-secret';

describe('signSlackRequest', () => {
  it("reproduces the worked example in Slack's 'Verifying requests from Slack' guide", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    });
  });

  it('signs "v0:<ts>:<body>" with HMAC-SHA256 of the secret, stamped now by default', () => {
    const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
    const before = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest(SECRET, body);
    const ts = Number(headers['x-slack-request-timestamp']);
    const expected = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');

    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(headers['x-slack-signature']).toBe(expected);
    expect(signSlackRequest(SECRET, body + ' ', ts)['x-slack-signature']).not.toBe(expected);
  });
});

/** A server that keeps the exact bytes and headers it received, to check what the sender puts on the wire. */
interface Captured {
  body: string;
  headers: IncomingHttpHeaders;
}
let capture: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (capture ? capture.close(() => resolve()) : resolve())));

async function startCapture(): Promise<{ url: string; received: Captured[] }> {
  const received: Captured[] = [];
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"response_action":"clear"}');
    });
  });
  await new Promise<void>((resolve) => capture?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(capture.address() as AddressInfo).port}/slack/events`, received };
}

function expectSignedOverExactBytes(got: Captured): void {
  expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
  const expected = signSlackRequest(SECRET, got.body, Number(got.headers['x-slack-request-timestamp']));
  expect(got.headers['x-slack-signature']).toBe(expected['x-slack-signature']);
}

describe('createSlackSender on the wire', () => {
  it("sends a slash command as Slack's percent-encoded form, fields in Slack's order, with a fresh trigger each time", async () => {
    const { url, received } = await startCapture();
    const sender = createSlackSender({ appUrl: url, signingSecret: SECRET, responseUrlBase: 'http://127.0.0.1:1/response/' });

    const first = await sender.command({ text: '<@U0ALICE|alice> please', userId: 'U0BOB' });
    const second = await sender.command({ text: 'x', userId: 'U0BOB', command: '/other', channelId: 'C0AUDIT' });

    const got = received[0] as Captured;
    expectSignedOverExactBytes(got);
    expect(got.body).toContain('&text=%3C%40U0ALICE%7Calice%3E+please&');
    expect(got.body).toContain('&command=%2Fgdpr-export&');
    const fields = new URLSearchParams(got.body);
    expect([...fields.keys()]).toEqual([
      'token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name',
      'command', 'text', 'api_app_id', 'is_enterprise_install', 'response_url', 'trigger_id',
    ]);
    expect(fields.get('response_url')).toMatch(/^http:\/\/127\.0\.0\.1:1\/response\/.+/);
    expect(fields.get('trigger_id')).toBe(first.triggerId);
    expect(first.triggerId).not.toBe(second.triggerId);
    expect(new URLSearchParams(received[1]?.body).get('channel_id')).toBe('C0AUDIT');
    expect(first).toMatchObject({ status: 200, json: { response_action: 'clear' } });
  });

  it('sends interactivity as payload=<encoded JSON>, adding a trigger and a response_url naming the message', async () => {
    const { url, received } = await startCapture();
    const sender = createSlackSender({ appUrl: url, signingSecret: SECRET, responseUrlBase: 'http://fake/response/' });
    const payload = blockActionPayload({ userId: 'U0BOB', actionId: 'approve', value: 'case-1', container: { type: 'message', channelId: 'C0AUDIT', messageTs: '1700000000.000100' } });

    const sent = await sender.interactive(payload);

    const got = received[0] as Captured;
    expectSignedOverExactBytes(got);
    expect(got.body.startsWith('payload=')).toBe(true);
    const decoded = JSON.parse(new URLSearchParams(got.body).get('payload') as string);
    expect(decoded).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', team_id: 'T0TEST' },
      team: { id: 'T0TEST' },
      container: { type: 'message', channel_id: 'C0AUDIT', message_ts: '1700000000.000100' },
      channel: { id: 'C0AUDIT' },
      message: { ts: '1700000000.000100' },
      trigger_id: sent.triggerId,
      response_url: expect.stringMatching(/^http:\/\/fake\/response\/m-C0AUDIT-1700000000\.000100-/),
      actions: [{ action_id: 'approve', value: 'case-1', type: 'button', block_id: 'actions' }],
    });
  });

  it('builds view_submission payloads with the state values where Bolt and the bot read them', () => {
    const payload = viewSubmissionPayload({
      userId: 'U0BOB',
      view: { id: 'V1', callback_id: 'gdpr_request', private_metadata: '{"case":"1"}', state_values: { subject: { pick: { type: 'users_select', selected_user: 'U0ALICE' } } } },
    });

    expect(payload).toMatchObject({
      type: 'view_submission',
      trigger_id: expect.stringMatching(/^\d{13}\.U0BOB\./),
      view: { id: 'V1', type: 'modal', callback_id: 'gdpr_request', private_metadata: '{"case":"1"}', hash: expect.any(String), root_view_id: 'V1', state: { values: { subject: { pick: { selected_user: 'U0ALICE' } } } } },
    });
    expect((payload as { view: object }).view).not.toHaveProperty('state_values');
  });
});
