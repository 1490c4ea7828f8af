import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES, manifestBotScopes, startFakeSlack } from '../../dev/fake-slack/index.js';
import type { FakeSlack, FakeSlackOptions } from '../../dev/fake-slack/index.js';
import { ALICE, BOB, GONE, slackErrorOf, webClient } from './web-client.js';

let fake: FakeSlack | undefined;
async function start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  fake = await startFakeSlack({ users: [ALICE, BOB, GONE], ...options });
  return fake;
}
afterEach(() => fake?.close());

describe('auth.test', () => {
  it('names the bot and team, and reports the configured scopes in x-oauth-scopes', async () => {
    const slack = webClient((await start({ teamId: 'T0ACME', botUserId: 'U0GDPR', botId: 'B0GDPR', scopes: ['chat:write', 'users:read'] })).url);
    const answer = await slack.auth.test();

    expect(answer).toMatchObject({ ok: true, team_id: 'T0ACME', user_id: 'U0GDPR', bot_id: 'B0GDPR' });
    // WebClient copies the x-oauth-scopes header into response_metadata.scopes.
    expect(answer.response_metadata?.scopes).toEqual(['chat:write', 'users:read']);
  });

  it('uses its own token option', async () => {
    const f = await start({ botToken: 'xoxb-other' });
    await expect(webClient(f.url, 'xoxb-other').auth.test()).resolves.toMatchObject({ ok: true });
    expect(await slackErrorOf(webClient(f.url).auth.test())).toBe('invalid_auth');
  });
});

describe('users.info', () => {
  it('returns the profile with email when the bot has users:read.email', async () => {
    const slack = webClient((await start()).url);
    const { user } = await slack.users.info({ user: ALICE.id });

    expect(user).toMatchObject({
      id: ALICE.id,
      team_id: 'T0TEST',
      name: 'alice',
      real_name: 'Alice Adams',
      deleted: false,
      is_bot: false,
      tz: 'Europe/Berlin',
      profile: { email: 'alice@example.com', real_name: 'Alice Adams', display_name: 'alice' },
    });
    expect((await slack.users.info({ user: GONE.id })).user?.deleted).toBe(true);
  });

  it('adds the locale only when asked with include_locale, as Slack does', async () => {
    const f = await start();
    f.addUser({ id: 'U0FR', name: 'francoise', locale: 'fr-FR' });
    const slack = webClient(f.url);

    expect((await slack.users.info({ user: 'U0FR' })).user).not.toHaveProperty('locale');
    expect((await slack.users.info({ user: 'U0FR', include_locale: true })).user?.locale).toBe('fr-FR');
    expect((await slack.users.info({ user: ALICE.id, include_locale: true })).user?.locale).toBe('en-US');
  });

  it('leaves the email out without users:read.email, as Slack does', async () => {
    const slack = webClient((await start({ scopes: DEFAULT_SCOPES.filter((s) => s !== 'users:read.email') })).url);
    const { user } = await slack.users.info({ user: ALICE.id });

    expect(user?.profile).not.toHaveProperty('email');
    expect(user?.profile?.real_name).toBe('Alice Adams');
  });

  it('answers user_not_found for an unknown id, until the user is added', async () => {
    const f = await start();
    const slack = webClient(f.url);
    expect(await slackErrorOf(slack.users.info({ user: 'U0LATE' }))).toBe('user_not_found');

    f.addUser({ id: 'U0LATE', name: 'late', email: 'late@example.com' });
    expect((await slack.users.info({ user: 'U0LATE' })).user?.profile?.email).toBe('late@example.com');
  });

  it('answers missing_scope when the bot lacks users:read', async () => {
    const slack = webClient((await start({ scopes: ['chat:write'] })).url);
    const data = await slack.users.info({ user: ALICE.id }).catch((e: { data: unknown }) => e.data);
    expect(data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'users:read' });
  });
});

describe('usergroups.users.list', () => {
  it('lists a group’s members and answers no_such_subteam for an unknown group', async () => {
    const slack = webClient((await start({ usergroups: { S0APPROVERS: [ALICE.id, BOB.id] } })).url);

    expect((await slack.usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual([ALICE.id, BOB.id]);
    expect(await slackErrorOf(slack.usergroups.users.list({ usergroup: 'S0NOPE' }))).toBe('no_such_subteam');
  });
});

describe('file uploads (files.getUploadURLExternal → upload → files.completeUploadExternal)', () => {
  it('takes a filesUploadV2 upload end to end and shares it in the channel', async () => {
    const f = await start({ channels: ['C0AUDIT'] });
    const slack = webClient(f.url);
    const content = 'case,subject\ncase-1,alice — ü\n';

    const uploaded = await slack.filesUploadV2({ channel_id: 'C0AUDIT', filename: 'audit.csv', title: 'Audit log', content, initial_comment: 'Audit export' });

    expect(uploaded.ok).toBe(true);
    const files = f.files();
    expect(files).toMatchObject([{ filename: 'audit.csv', title: 'Audit log', channel_id: 'C0AUDIT', initial_comment: 'Audit export' }]);
    expect(files[0]?.bytes.toString('utf8')).toBe(content);
    expect(f.messages('C0AUDIT')).toMatchObject([{ text: 'Audit export', files: [{ id: files[0]?.id, name: 'audit.csv' }] }]);
    expect(f.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    expect(f.calls.every((c) => c.ok && c.warning === undefined)).toBe(true);
  });

  it('warns when the declared length does not match the bytes (characters counted instead of bytes)', async () => {
    const f = await start();
    const slack = webClient(f.url);
    const { upload_url, file_id } = await slack.files.getUploadURLExternal({ filename: 'a.txt', length: 1 });
    await fetch(upload_url as string, { method: 'POST', body: 'üü' });
    await slack.files.completeUploadExternal({ files: [{ id: file_id as string }] });

    expect(f.callsTo('files.completeUploadExternal')).toMatchObject([{ ok: true, warning: 'length_mismatch' }]);
    expect(f.files()[0]?.bytes.length).toBe(4);
  });

  it('refuses to complete a file whose bytes never arrived, and an unknown channel', async () => {
    const f = await start();
    const slack = webClient(f.url);
    const { file_id } = await slack.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });

    expect(await slackErrorOf(slack.files.completeUploadExternal({ files: [{ id: file_id as string }] }))).toBe('file_not_found');
    expect(await slackErrorOf(slack.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).toBe('file_not_found');
    const upload = await fetch(`${f.url.replace('/api/', '/upload/')}F0NOPE`, { method: 'POST', body: 'abc' });
    expect(upload.status).toBe(404);

    const { upload_url } = await slack.files.getUploadURLExternal({ filename: 'b.txt', length: 3 });
    const second = await fetch(upload_url as string, { method: 'POST', body: 'abc' });
    expect(second.status).toBe(200);
    const secondId = (upload_url as string).split('/').pop() as string;
    expect(await slackErrorOf(slack.files.completeUploadExternal({ files: [{ id: secondId, title: 'B' }], channel_id: 'C0NOPE' }))).toBe('channel_not_found');
    expect(f.files()).toMatchObject([{ id: secondId, title: 'b.txt' }]);
  });
});

describe('files.delete', () => {
  it('removes an uploaded file and its share, answers file_not_found after, and needs files:write', async () => {
    const f = await start({ channels: ['C0AUDIT'] });
    const slack = webClient(f.url);
    await slack.filesUploadV2({ channel_id: 'C0AUDIT', filename: 'a.csv', content: 'x', initial_comment: 'A file' });
    const id = f.files()[0]!.id;

    expect((await slack.files.delete({ file: id })).ok).toBe(true);
    expect(f.files()).toEqual([]);
    expect(f.messages('C0AUDIT')[0]?.files).toEqual([]);
    expect(await slackErrorOf(slack.files.delete({ file: id }))).toBe('file_not_found');

    const narrow = webClient((await start({ scopes: ['chat:write'] })).url);
    const data = await narrow.files.delete({ file: id }).catch((e: { data: unknown }) => e.data);
    expect(data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'files:write' });
  });
});

describe('the default grant', () => {
  it('is what manifest.yml grants: a channel history read answers missing_scope with needed/provided, and is recorded', async () => {
    const f = await start({ channels: ['C0APPROVALS'] });
    const granted = manifestBotScopes();
    expect([...DEFAULT_SCOPES]).toEqual(granted);

    const data = await webClient(f.url).conversations.history({ channel: 'C0APPROVALS' }).catch((e: { data: unknown }) => e.data);

    expect(granted).not.toContain('channels:history');
    expect(data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'channels:history', provided: granted.join(',') });
    expect(f.scopeRefusals()).toEqual([{ method: 'conversations.history', needed: 'channels:history' }]);
  });
});

describe('conversations.members', () => {
  it('lists a channel’s members by cursor pages, needs channels:read (groups:read for a private channel)', async () => {
    const members = ['U01', 'U02', 'U03'];
    const slack = webClient((await start({ channels: ['C0APPROVALS', 'G0PRIVATE'], channelMembers: { C0APPROVALS: members } })).url);
    const first = await slack.conversations.members({ channel: 'C0APPROVALS', limit: 2 });
    expect(first.members).toEqual(['U01', 'U02']);
    const second = await slack.conversations.members({ channel: 'C0APPROVALS', limit: 2, cursor: first.response_metadata?.next_cursor });
    expect(second).toMatchObject({ members: ['U03'], response_metadata: { next_cursor: '' } });
    expect((await slack.conversations.members({ channel: 'G0PRIVATE' })).members).toEqual([]);
    expect(await slackErrorOf(slack.conversations.members({ channel: 'C0UNKNOWN' }))).toBe('channel_not_found');

    await fake?.close();
    const narrow = webClient((await start({ channels: ['C0APPROVALS', 'G0PRIVATE'], scopes: DEFAULT_SCOPES.filter((s) => s !== 'channels:read' && s !== 'groups:read') })).url);
    const publicData = await narrow.conversations.members({ channel: 'C0APPROVALS' }).catch((e: { data: unknown }) => e.data);
    expect(publicData).toMatchObject({ ok: false, error: 'missing_scope', needed: 'channels:read' });
    const privateData = await narrow.conversations.members({ channel: 'G0PRIVATE' }).catch((e: { data: unknown }) => e.data);
    expect(privateData).toMatchObject({ ok: false, error: 'missing_scope', needed: 'groups:read' });
  });
});
