/**
 * Slash commands skip the replay guard's Redis claim: a replayed command can do no harm (its
 * trigger id is single-use and its response URL answers the original sender only), and the claim
 * was a store round trip before every ack. Form submissions and clicks are still claimed once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTriggerId, signSlackRequest } from '../../dev/fake-slack/index.js';
import { keysUnder } from '../integration/store/redis-test-support.js';
import { REQUESTER, SIGNING_SECRET, TEAM, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it('a slash command is acknowledged without a replay claim in the store, and a replay of it is harmless', async () => {
  const form = new URLSearchParams({
    token: 'verification-token',
    team_id: TEAM,
    team_domain: 'test',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: REQUESTER,
    user_name: 'rita',
    command: '/gdpr-export',
    text: 'help',
    api_app_id: 'A0FAKEAPP',
    response_url: `${h.slack.responseUrlBase}r-replay-command`,
    trigger_id: newTriggerId(REQUESTER),
  }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, form) };
  const first = await h.sender.raw(form, headers);
  expect(first.status).toBe(200);
  expect(await keysUnder(h.redisUrl, `${h.prefix}lease:slack-signature:*`)).toEqual([]);
  const replay = await h.sender.raw(form, headers);
  expect(replay.status).toBe(200);
  // all a replay does is answer the original sender once more, at the original response URL
  await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length >= 2);
  expect(h.slack.callsTo('response_url').every((c) => String(c.args.response_url).endsWith('r-replay-command'))).toBe(true);
});
