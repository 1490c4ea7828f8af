import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClientEvent } from '@slack/web-api';
import { startFakeSlack } from '../../dev/fake-slack/index.js';
import type { FakeSlack } from '../../dev/fake-slack/index.js';
import { ALICE, slackErrorOf, webClient } from './web-client.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack({ users: [ALICE] });
});
afterEach(() => fake.close());

describe('rateLimit', () => {
  it('answers HTTP 429 with Retry-After, which WebClient waits out before retrying', async () => {
    fake.rateLimit('users.info', 1, 1);
    const slack = webClient(fake.url, undefined, 1);
    const rateLimited: number[] = [];
    slack.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));

    const started = Date.now();
    const answer = await slack.users.info({ user: ALICE.id });

    expect(answer.user?.id).toBe(ALICE.id);
    expect(rateLimited).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('users.info').map((c) => [c.ok, c.error])).toEqual([
      [false, 'ratelimited'],
      [true, undefined],
    ]);
  });

  it('limits only the named method and only the armed number of calls', async () => {
    fake.rateLimit('chat.postMessage', 2, 0);
    const raw = () => fetch(`${fake.url}chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test-token' }, body: 'channel=U0ALICE&text=hi' });

    expect((await fetch(`${fake.url}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test-token' } })).status).toBe(200);
    const first = await raw();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('0');
    expect((await raw()).status).toBe(429);
    expect((await raw()).status).toBe(200);
    expect(fake.messages()).toHaveLength(1);
  });
});

describe('failWith', () => {
  it('fails the next N calls with the given error and changes nothing', async () => {
    const slack = webClient(fake.url);
    fake.failWith('chat.postMessage', 'fatal_error', 2);

    expect(await slackErrorOf(slack.chat.postMessage({ channel: ALICE.id, text: 'a' }))).toBe('fatal_error');
    expect(await slackErrorOf(slack.chat.postMessage({ channel: ALICE.id, text: 'b' }))).toBe('fatal_error');
    await slack.chat.postMessage({ channel: ALICE.id, text: 'c' });

    expect(fake.messages().map((m) => m.text)).toEqual(['c']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.error)).toEqual(['fatal_error', 'fatal_error', undefined]);
  });

  it('queues different errors in the order they were armed', async () => {
    const slack = webClient(fake.url);
    fake.failWith('users.info', 'ratelimited');
    fake.failWith('users.info', 'internal_error');

    expect(await slackErrorOf(slack.users.info({ user: ALICE.id }))).toBe('ratelimited');
    expect(await slackErrorOf(slack.users.info({ user: ALICE.id }))).toBe('internal_error');
    await expect(slack.users.info({ user: ALICE.id })).resolves.toMatchObject({ ok: true });
  });

  it('rejects nonsense counts', () => {
    expect(() => fake.failWith('users.info', 'x', 0)).toThrow(/at least 1/);
    expect(() => fake.rateLimit('users.info', 1.5, 1)).toThrow(/whole number/);
    expect(() => fake.setDelay('users.info', -1)).toThrow(/0 or more/);
  });
});

describe('setDelay', () => {
  it('holds the answer for the given time, for that method only, until reset to 0', async () => {
    const slack = webClient(fake.url);
    const finished: string[] = [];
    const race = () =>
      Promise.all([slack.users.info({ user: ALICE.id }).then(() => finished.push('users.info')), slack.auth.test().then(() => finished.push('auth.test'))]);

    fake.setDelay('users.info', 600);
    const started = Date.now();
    await race();
    expect(finished).toEqual(['auth.test', 'users.info']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);

    finished.length = 0;
    fake.setDelay('users.info', 0);
    fake.setDelay('auth.test', 600);
    await race();
    expect(finished).toEqual(['users.info', 'auth.test']);
  });

  it('does not keep close() waiting for a delayed answer', async () => {
    fake.setDelay('auth.test', 60_000);
    const pending = webClient(fake.url).auth.test().catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('waitFor', () => {
  it('resolves with a call that already happened, or with one that comes later', async () => {
    const slack = webClient(fake.url);
    await slack.auth.test();
    await expect(fake.waitFor('auth.test')).resolves.toMatchObject({ method: 'auth.test', ok: true });

    const later = fake.waitFor('chat.postMessage', (c) => c.args.text === 'second');
    await slack.chat.postMessage({ channel: ALICE.id, text: 'first' });
    await slack.chat.postMessage({ channel: ALICE.id, text: 'second' });
    await expect(later).resolves.toMatchObject({ args: { channel: ALICE.id, text: 'second' } });
  });

  it('rejects on timeout naming the calls that were seen', async () => {
    const slack = webClient(fake.url);
    await slack.auth.test();
    await slackErrorOf(slack.chat.postMessage({ channel: 'C0NOPE', text: 'x' }));

    await expect(fake.waitFor('views.open', undefined, 50)).rejects.toThrow(/no matching views\.open call within 50 ms.*auth\.test ×1.*chat\.postMessage ×1 \(1 failed: channel_not_found\)/);
    await expect(fake.waitFor('auth.test', (c) => c.ok === false, 50)).rejects.toThrow(/auth\.test calls arrived but none matched/);
  });
});
