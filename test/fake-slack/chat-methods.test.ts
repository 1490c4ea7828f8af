import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { DEFAULT_SCOPES, startFakeSlack } from '../../dev/fake-slack/index.js';
import type { FakeSlack } from '../../dev/fake-slack/index.js';
import { ALICE, BOB, GONE, OTHER_BOT, slackErrorOf, webClient } from './web-client.js';

const SECTION = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const METADATA = { event_type: 'gdpr_case', event_payload: { caseId: 'case-1', state: 'pending' } };

let fake: FakeSlack;
let slack: WebClient;

beforeEach(async () => {
  // channels:history beyond the manifest's grant: these tests read a channel to check the fake's history.
  fake = await startFakeSlack({ users: [ALICE, BOB, GONE, OTHER_BOT], channels: ['C0AUDIT'], scopes: [...DEFAULT_SCOPES, 'channels:history'] });
  slack = webClient(fake.url);
});
afterEach(() => fake.close());

describe('chat.postMessage', () => {
  it('DMs a person through their user id on one stable D channel', async () => {
    const first = await slack.chat.postMessage({ channel: ALICE.id, text: 'hello' });
    const second = await slack.chat.postMessage({ channel: ALICE.id, text: 'again' });
    const toBob = await slack.chat.postMessage({ channel: BOB.id, text: 'hi bob' });

    expect(first.channel).toMatch(/^D/);
    expect(second.channel).toBe(first.channel);
    expect(toBob.channel).not.toBe(first.channel);
    expect(fake.dmChannelOf(ALICE.id)).toBe(first.channel);
    expect(fake.messages(first.channel).map((m) => m.text)).toEqual(['hello', 'again']);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('posts to a known channel and keeps blocks, metadata and thread_ts', async () => {
    const parent = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'case opened', blocks: [SECTION('*case*')], metadata: METADATA });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'reply', thread_ts: parent.ts });

    expect(parent.message?.metadata).toEqual(METADATA);
    expect(fake.messages('C0AUDIT')).toMatchObject([
      { channel: 'C0AUDIT', ts: parent.ts, text: 'case opened', blocks: [SECTION('*case*')], metadata: METADATA, user: 'UBOT' },
      { text: 'reply', thread_ts: parent.ts },
    ]);
  });

  it('refuses channels the bot does not know, deleted people and bots', async () => {
    expect(await slackErrorOf(slack.chat.postMessage({ channel: 'C0UNKNOWN', text: 'x' }))).toBe('channel_not_found');
    expect(await slackErrorOf(slack.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).toBe('channel_not_found');
    expect(await slackErrorOf(slack.chat.postMessage({ channel: 'D0NEVEROPENED', text: 'x' }))).toBe('channel_not_found');
    expect(await slackErrorOf(slack.chat.postMessage({ channel: GONE.id, text: 'x' }))).toBe('user_disabled');
    expect(await slackErrorOf(slack.chat.postMessage({ channel: OTHER_BOT.id, text: 'x' }))).toBe('cannot_dm_bot');
    expect(fake.messages()).toEqual([]);
    expect(fake.callsTo('chat.postMessage').every((c) => !c.ok)).toBe(true);
  });

  it('refuses a message with neither text nor blocks, and malformed metadata', async () => {
    expect(await slackErrorOf(slack.chat.postMessage({ channel: 'C0AUDIT', text: '' }))).toBe('no_text');
    const badMetadata = { event_type: 'gdpr_case' } as unknown as typeof METADATA;
    expect(await slackErrorOf(slack.chat.postMessage({ channel: 'C0AUDIT', text: 'x', metadata: badMetadata }))).toBe('invalid_metadata_format');
  });

  it('refuses blocks that break Block Kit limits and records why', async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => SECTION(`line ${i}`));
    const error = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'x', blocks: tooMany }).catch((e: { data: unknown }) => e.data);

    expect(error).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect((error as { errors: string[] }).errors.join('\n')).toMatch(/51 items > 50/);
    expect(fake.callsTo('chat.postMessage')).toMatchObject([{ ok: false, error: 'invalid_blocks' }]);
    expect(fake.messages()).toEqual([]);
  });

  it('accepts blocks without a text fallback but records a missing_text warning', async () => {
    await slack.chat.postMessage({ channel: 'C0AUDIT', blocks: [SECTION('only blocks')] });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'fallback', blocks: [SECTION('with text')] });

    expect(fake.callsTo('chat.postMessage').map((c) => [c.ok, c.warning])).toEqual([
      [true, 'missing_text'],
      [true, undefined],
    ]);
  });
});

describe('chat.update', () => {
  it('replaces text and blocks, and keeps metadata the update leaves out', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'pending', blocks: [SECTION('pending')], metadata: METADATA });
    const updated = await slack.chat.update({ channel: 'C0AUDIT', ts: posted.ts as string, text: 'approved', blocks: [SECTION('approved')] });

    expect(updated).toMatchObject({ ok: true, channel: 'C0AUDIT', ts: posted.ts, text: 'approved' });
    expect(fake.messages('C0AUDIT')).toMatchObject([{ ts: posted.ts, text: 'approved', blocks: [SECTION('approved')], metadata: METADATA }]);
    expect(fake.messages('C0AUDIT')[0]?.edited).toBeDefined();
  });

  it('answers message_not_found for an unknown ts and channel_not_found for an unknown channel', async () => {
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'x' });
    expect(await slackErrorOf(slack.chat.update({ channel: 'C0AUDIT', ts: '1.000001', text: 'y' }))).toBe('message_not_found');
    expect(await slackErrorOf(slack.chat.update({ channel: 'C0NOPE', ts: '1.000001', text: 'y' }))).toBe('channel_not_found');
  });
});

describe('chat.postEphemeral', () => {
  it('returns a message_ts, records the call and adds nothing to the channel', async () => {
    const sent = await slack.chat.postEphemeral({ channel: 'C0AUDIT', user: ALICE.id, text: 'only you' });

    expect(sent.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.callsTo('chat.postEphemeral')).toMatchObject([{ ok: true, args: { channel: 'C0AUDIT', user: ALICE.id, text: 'only you' } }]);
    expect(fake.messages()).toEqual([]);
  });

  it('refuses an unknown user', async () => {
    expect(await slackErrorOf(slack.chat.postEphemeral({ channel: 'C0AUDIT', user: 'U0NOBODY', text: 'x' }))).toBe('user_not_found');
  });
});

describe('conversations', () => {
  it('open gives the same D channel that posting to the user id uses', async () => {
    const opened = await slack.conversations.open({ users: BOB.id });
    const again = await slack.conversations.open({ users: BOB.id });
    const posted = await slack.chat.postMessage({ channel: BOB.id, text: 'hi' });

    expect(opened.channel?.id).toMatch(/^D/);
    expect(again).toMatchObject({ channel: { id: opened.channel?.id }, already_open: true });
    expect(posted.channel).toBe(opened.channel?.id);
    expect(await slackErrorOf(slack.conversations.open({ users: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('history lists top-level messages newest first, with metadata only when asked', async () => {
    const first = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'one', metadata: METADATA });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'reply', thread_ts: first.ts });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'two' });

    const plain = await slack.conversations.history({ channel: 'C0AUDIT' });
    const withMetadata = await slack.conversations.history({ channel: 'C0AUDIT', include_all_metadata: true, limit: 1 });

    expect(plain.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(plain.messages?.[1]).not.toHaveProperty('metadata');
    expect(withMetadata.messages?.map((m) => m.text)).toEqual(['two']);
    expect(withMetadata.has_more).toBe(true);
    const older = await slack.conversations.history({ channel: 'C0AUDIT', include_all_metadata: true, cursor: withMetadata.response_metadata?.next_cursor });
    expect(older.messages).toMatchObject([{ text: 'one', metadata: METADATA }]);
    expect(await slackErrorOf(slack.conversations.history({ channel: 'C0NOPE' }))).toBe('channel_not_found');
  });
});

describe('conversations.replies', () => {
  it('lists the parent then its replies, oldest first, with metadata only when asked', async () => {
    const parent = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'parent' });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'first reply', thread_ts: parent.ts, metadata: METADATA });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'elsewhere' });
    await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'second reply', thread_ts: parent.ts });

    const plain = await slack.conversations.replies({ channel: 'C0AUDIT', ts: parent.ts as string });
    const withMetadata = await slack.conversations.replies({ channel: 'C0AUDIT', ts: parent.ts as string, include_all_metadata: true });

    expect(plain.messages?.map((m) => m.text)).toEqual(['parent', 'first reply', 'second reply']);
    expect(plain.messages?.[1]).not.toHaveProperty('metadata');
    expect(withMetadata.messages?.[1]).toMatchObject({ text: 'first reply', metadata: METADATA });
    expect(await slackErrorOf(slack.conversations.replies({ channel: 'C0AUDIT', ts: '1.000' }))).toBe('thread_not_found');
    expect(await slackErrorOf(slack.conversations.replies({ channel: 'C0NOPE', ts: parent.ts as string }))).toBe('channel_not_found');
  });
});

describe('authentication and routing', () => {
  it('refuses a wrong token with invalid_auth and records it without the token', async () => {
    const intruder = webClient(fake.url, 'xoxb-wrong');
    expect(await slackErrorOf(intruder.chat.postMessage({ channel: 'C0AUDIT', text: 'x' }))).toBe('invalid_auth');
    expect(fake.calls).toMatchObject([{ method: 'chat.postMessage', ok: false, error: 'invalid_auth' }]);
    expect(JSON.stringify(fake.calls)).not.toContain('xoxb-');
  });

  it('answers unknown_method for a method it does not model', async () => {
    expect(await slackErrorOf(slack.apiCall('reactions.add', { channel: 'C0AUDIT', name: 'x' }))).toBe('unknown_method');
  });

  it('accepts a token form field and a JSON body, as other clients send them', async () => {
    const form = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=xoxb-test-token',
    });
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-test-token' },
      body: JSON.stringify({ channel: 'C0AUDIT', text: 'from json', metadata: METADATA }),
    });

    expect(await form.json()).toMatchObject({ ok: true, user_id: 'UBOT' });
    expect(fake.callsTo('auth.test')[0]?.args).not.toHaveProperty('token');
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C0AUDIT' });
    expect(fake.messages('C0AUDIT')).toMatchObject([{ text: 'from json', metadata: METADATA }]);
  });
});
