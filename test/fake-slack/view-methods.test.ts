import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { ModalView } from '@slack/web-api';
import { newTriggerId, startFakeSlack } from '../../dev/fake-slack/index.js';
import type { FakeSlack } from '../../dev/fake-slack/index.js';
import { ALICE, slackErrorOf, webClient } from './web-client.js';

const modal = (title = 'Request an export', extra: Partial<ModalView> = {}): ModalView => ({
  type: 'modal',
  callback_id: 'gdpr_request',
  title: { type: 'plain_text', text: title },
  submit: { type: 'plain_text', text: 'Request' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Who?' } }],
  ...extra,
});

let fake: FakeSlack;
let slack: WebClient;

beforeEach(async () => {
  fake = await startFakeSlack({ users: [ALICE] });
  slack = webClient(fake.url);
});
afterEach(() => fake.close());

describe('views.open and views.push', () => {
  it('opens a modal with a view id and hash, for the user the trigger belongs to', async () => {
    const opened = await slack.views.open({ trigger_id: newTriggerId(ALICE.id), view: modal() });

    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.any(String), callback_id: 'gdpr_request', type: 'modal', team_id: 'T0TEST' });
    const stored = fake.views().get(opened.view?.id as string);
    expect(stored).toMatchObject({ user: ALICE.id, view: { title: { text: 'Request an export' } } });
  });

  it('accepts each trigger id once: the second use is exchanged_trigger_id', async () => {
    const trigger = newTriggerId(ALICE.id);
    await slack.views.open({ trigger_id: trigger, view: modal() });

    expect(await slackErrorOf(slack.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
    expect(await slackErrorOf(slack.views.push({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
    expect(fake.views().size).toBe(1);
  });

  it('refuses a trigger older than 3 s and a missing one', async () => {
    const stale = newTriggerId(ALICE.id, Date.now() - 3_500);
    expect(await slackErrorOf(slack.views.open({ trigger_id: stale, view: modal() }))).toBe('expired_trigger_id');
    expect(await slackErrorOf(slack.views.open({ trigger_id: '', view: modal() }))).toBe('invalid_trigger_id');
  });

  it('refuses a view that breaks Block Kit limits and leaves the trigger usable', async () => {
    const trigger = newTriggerId(ALICE.id);
    const refused = await slack.views
      .open({ trigger_id: trigger, view: modal('A title far longer than twenty-four characters') })
      .catch((e: { data: unknown }) => e.data);

    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((refused as { response_metadata: { messages: string[] } }).response_metadata.messages.join('\n')).toMatch(/title/);
    expect(fake.callsTo('views.open')).toMatchObject([{ ok: false, error: 'invalid_arguments' }]);
    await expect(slack.views.open({ trigger_id: trigger, view: modal() })).resolves.toMatchObject({ ok: true });
  });

  it('pushes a second view on a fresh trigger', async () => {
    await slack.views.open({ trigger_id: newTriggerId(ALICE.id), view: modal() });
    const pushed = await slack.views.push({ trigger_id: newTriggerId(ALICE.id), view: modal('Confirm') });

    expect(fake.views().get(pushed.view?.id as string)?.view.title.text).toBe('Confirm');
    expect(fake.views().size).toBe(2);
  });
});

describe('views.update', () => {
  it('replaces a view by id with a new hash, and refuses the old hash with hash_conflict', async () => {
    const opened = await slack.views.open({ trigger_id: newTriggerId(ALICE.id), view: modal() });
    const id = opened.view?.id as string;
    const firstHash = opened.view?.hash as string;

    const updated = await slack.views.update({ view_id: id, hash: firstHash, view: modal('Step 2') });
    expect(updated.view).toMatchObject({ id, title: { text: 'Step 2' } });
    expect(updated.view?.hash).not.toBe(firstHash);

    expect(await slackErrorOf(slack.views.update({ view_id: id, hash: firstHash, view: modal('Step 3') }))).toBe('hash_conflict');
    expect(fake.views().get(id)?.view.title.text).toBe('Step 2');
  });

  it('finds a view by external_id and answers not_found for unknown ids', async () => {
    await slack.views.open({ trigger_id: newTriggerId(ALICE.id), view: modal('First', { external_id: 'case-42' }) });
    await slack.views.update({ external_id: 'case-42', view: modal('Updated', { external_id: 'case-42' }) });

    expect([...fake.views().values()].map((v) => v.view.title.text)).toEqual(['Updated']);
    expect(await slackErrorOf(slack.views.update({ view_id: 'V0NOPE', view: modal() }))).toBe('not_found');
    expect(await slackErrorOf(slack.views.update({ external_id: 'nope', view: modal() }))).toBe('not_found');
  });

  it('refuses an update that breaks limits and keeps the previous view', async () => {
    const opened = await slack.views.open({ trigger_id: newTriggerId(ALICE.id), view: modal() });
    const tooLong = modal('ok', { private_metadata: 'x'.repeat(3001) });

    expect(await slackErrorOf(slack.views.update({ view_id: opened.view?.id as string, view: tooLong }))).toBe('invalid_arguments');
    expect(fake.views().get(opened.view?.id as string)?.view.private_metadata).toBe('');
  });
});

describe('views.publish', () => {
  const home = (text: string) => ({ type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

  it('publishes a Home tab keyed by user id and republishes in place', async () => {
    const first = await slack.views.publish({ user_id: ALICE.id, view: home('v1') });
    await slack.views.publish({ user_id: ALICE.id, view: home('v2') });

    const published = fake.views().get(ALICE.id);
    expect(published).toMatchObject({ id: first.view?.id, user: ALICE.id, view: { type: 'home', blocks: [{ text: { text: 'v2' } }] } });
    expect(fake.views().size).toBe(1);
  });

  it('refuses a stale hash, an unknown user and a modal sent as a Home tab', async () => {
    const first = await slack.views.publish({ user_id: ALICE.id, view: home('v1') });
    await slack.views.publish({ user_id: ALICE.id, view: home('v2') });

    expect(await slackErrorOf(slack.views.publish({ user_id: ALICE.id, hash: first.view?.hash, view: home('v3') }))).toBe('hash_conflict');
    expect(await slackErrorOf(slack.views.publish({ user_id: 'U0NOBODY', view: home('x') }))).toBe('user_not_found');
    expect(await slackErrorOf(slack.views.publish({ user_id: ALICE.id, view: modal() }))).toBe('invalid_arguments');
  });
});
