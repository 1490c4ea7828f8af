/** The fake and the signed client against a real Bolt App in HTTP mode, as the bot's e2e tests use them. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { SlashCommand } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActionPayload, createSlackSender, signSlackRequest, startFakeSlack, viewSubmissionPayload } from '../../dev/fake-slack/index.js';
import type { FakeSlack, SlackSender } from '../../dev/fake-slack/index.js';
import { ALICE, BOB } from './web-client.js';

const SIGNING_SECRET = 'bolt-test-secret';

let fake: FakeSlack;
let app: App;
let sender: SlackSender;
let appUrl: string;
const commandsSeen: SlashCommand[] = [];

beforeEach(async () => {
  commandsSeen.length = 0;
  // The fake must be up before the App exists: Bolt talks to it from its first request on.
  fake = await startFakeSlack({ users: [ALICE, BOB], channels: ['C0AUDIT'] });
  app = new App({
    token: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    botId: 'BBOT',
    botUserId: 'UBOT',
    logLevel: LogLevel.ERROR,
  });
  app.command('/gdpr-export', async ({ ack, body, client, command }) => {
    commandsSeen.push(command);
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { type: 'modal', callback_id: 'gdpr_request', title: { type: 'plain_text', text: 'GDPR export' }, submit: { type: 'plain_text', text: 'Request' }, blocks: [] },
    });
  });
  app.action('approve', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Approved by <@U0BOB>' });
  });
  app.view('gdpr_request', async ({ ack, view }) => {
    const subject = view.state.values.subject?.pick?.selected_user;
    await ack(subject ? undefined : { response_action: 'errors', errors: { subject: 'Choose the person whose chats to export.' } });
  });
  const server = (await app.start(0)) as Server;
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  sender = createSlackSender({ appUrl, signingSecret: SIGNING_SECRET, responseUrlBase: fake.responseUrlBase });
});

afterEach(async () => {
  await app.stop();
  await fake.close();
});

describe('a real Bolt App in HTTP mode', () => {
  it('accepts a signed slash command, and its listener opens a modal on the fake with that trigger', async () => {
    const sent = await sender.command({ text: '<@U0ALICE|alice>', userId: BOB.id });

    expect(sent.status).toBe(200);
    const opened = await fake.waitFor('views.open');
    expect(opened).toMatchObject({ ok: true, args: { trigger_id: sent.triggerId } });
    expect([...fake.views().values()]).toMatchObject([{ user: BOB.id, view: { callback_id: 'gdpr_request' } }]);
    expect(commandsSeen).toMatchObject([{ command: '/gdpr-export', text: '<@U0ALICE|alice>', user_id: BOB.id, team_id: 'T0TEST', channel_id: 'C0GENERAL' }]);
    expect(commandsSeen[0]?.response_url.startsWith(fake.responseUrlBase)).toBe(true);
  });

  it('refuses a tampered signature, a stale timestamp and a missing signature with 401', async () => {
    const body = 'command=%2Fgdpr-export&text=hi&user_id=U0BOB&team_id=T0TEST&trigger_id=1.2.3';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const signedForOtherBody = signSlackRequest(SIGNING_SECRET, body.replace('hi', 'bye'));
    const sixMinutesOld = signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 360);

    expect((await sender.raw(body, { ...form, ...signedForOtherBody })).status).toBe(401);
    expect((await sender.raw(body, { ...form, ...sixMinutesOld })).status).toBe(401);
    expect((await sender.raw(body, form)).status).toBe(401);
    expect((await sender.raw(body, { ...form, ...signSlackRequest('wrong-secret', body) })).status).toBe(401);
    expect(commandsSeen).toEqual([]);
    // The same body, correctly signed, gets through: the refusals above were about the signature.
    expect((await sender.raw(body, { ...form, ...signSlackRequest(SIGNING_SECRET, body) })).status).toBe(200);
    await fake.waitFor('views.open'); // let the listener finish before the fake closes
    expect(commandsSeen).toHaveLength(1);
  });

  it('needs the bare form content-type: with "; charset=utf-8" Bolt answers 400', async () => {
    const body = 'command=%2Fgdpr-export&text=hi';
    const sent = await sender.raw(body, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...signSlackRequest(SIGNING_SECRET, body) });
    expect(sent.status).toBe(400);
  });

  it('routes a button click to the action listener, whose respond() replaces the clicked message on the fake', async () => {
    const posted = await app.client.chat.postMessage({ channel: 'C0AUDIT', text: 'Approve case 1?' });
    const click = blockActionPayload({ userId: BOB.id, actionId: 'approve', value: 'case-1', container: { type: 'message', channelId: 'C0AUDIT', messageTs: posted.ts as string } });

    const sent = await sender.interactive(click);

    expect(sent.status).toBe(200);
    const responded = await fake.waitFor('response_url');
    expect(responded).toMatchObject({ ok: true, args: { replace_original: true, text: 'Approved by <@U0BOB>' } });
    expect(fake.messages('C0AUDIT')).toMatchObject([{ ts: posted.ts, text: 'Approved by <@U0BOB>' }]);
  });

  it('returns the view_submission ack body, so a test can read response_action errors', async () => {
    await sender.command({ text: '', userId: BOB.id });
    await fake.waitFor('views.open');
    const [opened] = [...fake.views().values()];

    const empty = await sender.interactive(viewSubmissionPayload({ userId: BOB.id, view: { ...opened?.view, id: opened?.id as string, callback_id: 'gdpr_request', state_values: {} } }));
    const filled = await sender.interactive(
      viewSubmissionPayload({ userId: BOB.id, view: { id: opened?.id as string, callback_id: 'gdpr_request', state_values: { subject: { pick: { type: 'users_select', selected_user: ALICE.id } } } } }),
    );

    expect(empty.json).toEqual({ response_action: 'errors', errors: { subject: 'Choose the person whose chats to export.' } });
    expect(filled.status).toBe(200);
    expect(filled.body).toBe('');
  });
});
