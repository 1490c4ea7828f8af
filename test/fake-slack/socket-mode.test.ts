/** The fake's Socket Mode against a real Bolt App with @slack/socket-mode, as the bot runs by default. */
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSocketModeSender, DEFAULT_APP_TOKEN, startFakeSlack, viewSubmissionPayload } from '../../dev/fake-slack/index.js';
import type { FakeSlack, SocketModeSender } from '../../dev/fake-slack/index.js';
import { ALICE, slackErrorOf, webClient } from './web-client.js';

let fake: FakeSlack;
let app: App | undefined;
let sender: SocketModeSender;

beforeEach(async () => {
  fake = await startFakeSlack({ users: [ALICE] });
  sender = createSocketModeSender({ socketMode: fake.socketMode, responseUrlBase: fake.responseUrlBase });
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  // stop() starts the close handshake without waiting for it; let it finish before the fake goes
  await expect.poll(() => fake.socketMode.connectionCount()).toBe(0);
  await fake.close();
});

async function startSocketApp(): Promise<App> {
  const receiver = new SocketModeReceiver({
    appToken: DEFAULT_APP_TOKEN,
    logLevel: LogLevel.ERROR,
    installerOptions: { clientOptions: { slackApiUrl: fake.url } },
  });
  app = new App({ token: 'xoxb-test-token', botId: 'BBOT', botUserId: 'UBOT', receiver, clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } }, logLevel: LogLevel.ERROR });
  app.command('/gdpr-export', async ({ ack, command }) => {
    await ack({ response_type: 'ephemeral', text: `got ${command.text}` });
  });
  app.view('form', async ({ ack }) => {
    await ack({ response_action: 'errors', errors: { subjects: 'Pick someone' } });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'home' } }] } });
  });
  await app.start();
  return app;
}

describe('apps.connections.open', () => {
  it('answers a ws:// URL to the app-level token only', async () => {
    const opened = await webClient(fake.url, DEFAULT_APP_TOKEN).apps.connections.open();
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect(await slackErrorOf(webClient(fake.url, 'xapp-1-wrong').apps.connections.open())).toBe('invalid_auth');
    expect(await slackErrorOf(webClient(fake.url).apps.connections.open())).toBe('not_allowed_token_type');
  });
});

describe('a Bolt app over the fake socket', () => {
  it('connects on hello, and acks envelopes with their payload: a command reply, response_action, an event', async () => {
    await startSocketApp();
    expect(fake.socketMode.connectionCount()).toBe(1);

    const command = await sender.command({ text: 'hi', userId: ALICE.id });
    expect(command).toMatchObject({ status: 200, json: { response_type: 'ephemeral', text: 'got hi' } });

    const submitted = await sender.interactive(viewSubmissionPayload({ userId: ALICE.id, view: { id: 'V1', callback_id: 'form', state_values: {} } }));
    expect(submitted.json).toEqual({ response_action: 'errors', errors: { subjects: 'Pick someone' } });

    await sender.event({ type: 'app_home_opened', user: ALICE.id, channel: 'D0HOME', tab: 'home', event_ts: '1.000' });
    await fake.waitFor('views.publish');
    expect(fake.socketMode.envelopes.map((e) => [e.type, e.ack !== undefined])).toEqual([
      ['slash_commands', true],
      ['interactive', true],
      ['events_api', true],
    ]);
  });

  it('reconnects after a refresh_requested disconnect, through a new apps.connections.open', async () => {
    await startSocketApp();
    fake.socketMode.disconnect('refresh_requested');
    await expect.poll(() => fake.socketMode.connectionCount()).toBe(0);

    await fake.socketMode.waitForConnection(15_000);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await sender.command({ text: 'again', userId: ALICE.id })).json).toMatchObject({ text: 'got again' });
  });

  it('reconnects after the socket drops without a close frame', async () => {
    await startSocketApp();
    fake.socketMode.drop();

    await fake.socketMode.waitForConnection(15_000);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await sender.command({ text: 'back', userId: ALICE.id })).json).toMatchObject({ text: 'got back' });
  });
});
