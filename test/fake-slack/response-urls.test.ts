import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newResponseUrlId, startFakeSlack } from '../../dev/fake-slack/index.js';
import type { FakeSlack } from '../../dev/fake-slack/index.js';
import { webClient } from './web-client.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack({ channels: ['C0AUDIT'] });
});
afterEach(() => fake.close());

/** What Bolt's respond() does: POST JSON to the response_url. */
function respond(id: string, message: object): Promise<Response> {
  return fetch(`${fake.responseUrlBase}${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
}

describe('response_url', () => {
  it('accepts a message and records it as method response_url with the URL used', async () => {
    const answer = await respond('r-1', { text: 'Working on it', response_type: 'ephemeral' });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect(fake.callsTo('response_url')).toMatchObject([{ ok: true, args: { text: 'Working on it', response_url: `${fake.responseUrlBase}r-1` } }]);
  });

  it('refuses blocks that break limits with HTTP 400, and warns about blocks without text', async () => {
    const header = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };
    const refused = await respond('r-2', { text: 'x', blocks: [header] });
    await respond('r-3', { blocks: [{ type: 'divider' }] });

    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.callsTo('response_url').map((c) => [c.ok, c.error, c.warning])).toEqual([
      [false, 'invalid_blocks', undefined],
      [true, undefined, 'missing_text'],
    ]);
  });

  it('answers 404 for an armed failure, as Slack does for an expired URL', async () => {
    fake.failWith('response_url', 'expired_url');
    expect((await respond('r-4', { text: 'late' })).status).toBe(404);
    expect((await respond('r-4', { text: 'again' })).status).toBe(200);
  });

  it('replaces or deletes the message a response_url was issued for', async () => {
    const slack = webClient(fake.url);
    const kept = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'keep', blocks: [{ type: 'divider' }] });
    const gone = await slack.chat.postMessage({ channel: 'C0AUDIT', text: 'delete me' });

    await respond(newResponseUrlId({ channelId: 'C0AUDIT', messageTs: kept.ts as string }), { replace_original: true, text: 'replaced' });
    await respond(newResponseUrlId({ channelId: 'C0AUDIT', messageTs: gone.ts as string }), { delete_original: true });
    await respond(newResponseUrlId({ channelId: 'C0AUDIT', messageTs: kept.ts as string }), { text: 'a new ephemeral, not a replacement' });

    expect(fake.messages('C0AUDIT')).toEqual([expect.objectContaining({ ts: kept.ts, text: 'replaced' })]);
    expect(fake.messages('C0AUDIT')[0]).not.toHaveProperty('blocks');
  });
});
