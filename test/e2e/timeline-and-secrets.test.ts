import { createHash } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { defaultSimUsers } from '../../dev/genesys-simulator/index.js';
import {
  ALICE,
  APPROVER_1,
  BOB,
  REQUESTER,
  SIGNING_SECRET,
  SLACK_USERS,
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
import { timelineSubmission } from './timeline-support.js';
import { processes } from '../helpers/processes.js';

const JUSTIFICATION = 'Regulator asked for the supplier negotiation between Alice and Bob in March.';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // One full flow: request with approval, completion, a download link and a timeline.
  const viewId = await openModal(h, REQUESTER, `<@${ALICE}> <@${BOB}>`);
  await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM, justification: JUSTIFICATION }));
  const c = await caseOf(h, REQUESTER);
  await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'ok'));
  await eventually(() => caseOf(h, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
  const finished = await eventually(
    () => dmMessages(h, REQUESTER).find((m) => buttonsOf(m).some((b) => b.action_id === ids.BUILD_TIMELINE)),
    (m) => m !== undefined,
    10_000,
    'the case-finished message',
  );
  const dm = h.slack.dmChannelOf(REQUESTER)!;
  const ready = dmMessages(h, REQUESTER).find((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK))!;
  const link = buttonsOf(ready).find((b) => b.action_id === ids.GET_DOWNLOAD_LINK)!;
  await h.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, link.value!, dm, ready.ts));
  await h.slack.waitFor('views.update', (call) => JSON.stringify(call.args.view).includes('/signed/'), 10_000);
  await h.sender.interactive(buttonClick(REQUESTER, ids.BUILD_TIMELINE, c.id, dm, finished!.ts));
  await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.TIMELINE_MODAL), 10_000);
  await h.sender.interactive(timelineSubmission(c.id, {}));
  await h.slack.waitFor('files.completeUploadExternal', undefined, 20_000);
  // the build is over once audited: a second one started before would be refused as "already being built"
  await eventually(async () => (await timelineAudits()).length, (n) => n >= 1, 10_000, 'the timeline_built audit entry');
  caseId = c.id;
  // what this flow built, kept apart from what a test adds later (the date-range test builds again)
  firstBuild = [...h.slack.files()];
}, 60_000);

let caseId = '';
let firstBuild: ReturnType<Harness['slack']['files']> = [];

async function timelineAudits() {
  const found = [];
  for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'timeline_built') found.push(e);
  return found;
}

afterAll(async () => {
  await h.close();
});


describe('conversation timeline', () => {
  it('merges both people’s exports into one chronological CSV and HTML in the requester’s DM', () => {
    // exactly the three files of one build, nothing else uploaded by the flow
    expect(firstBuild.map((f) => f.filename)).toEqual([`${caseId}-timeline.csv`, `${caseId}-timeline.html`, `${caseId}-timeline-custody.json`]);
    const [csv, html] = firstBuild as [(typeof firstBuild)[number], (typeof firstBuild)[number]];
    const complete = h.slack.callsTo('files.completeUploadExternal')[0]!;
    expect(complete.args.channel_id).toBe(h.slack.dmChannelOf(REQUESTER));
    expect(String(complete.args.initial_comment)).toMatch(/Alice Martin: \d+ messages?/);

    const rows = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n(?=\d{4}-)/);
    const authors = rows.slice(1).map((r) => (r.includes('Alice Martin') ? 'A' : r.includes('Bob') ? 'B' : '?'));
    expect(authors).toContain('A');
    expect(authors).toContain('B');
    const times = rows.slice(1).map((r) => r.slice(0, 20));
    expect([...times].sort()).toEqual(times);
    // Alice and Bob alternate somewhere: the conversation is interleaved, not one block per person.
    expect(authors.join('')).toMatch(/AB|BA/);
    // Times are shown in the requester's Slack time zone too (Europe/Paris, UTC+1 in March, for Rita).
    expect(csv.bytes.toString('utf8')).toContain('2025-03-03T09:05:00.000Z,2025-03-03 10:05:00,');
    expect(html.bytes.toString('utf8')).toMatch(/<html[\s\S]*Alice Martin[\s\S]*<\/html>/);
  });

  it('honours a date range chosen in the modal, and refuses an inverted one', async () => {
    const inverted = await h.sender.interactive(timelineSubmission(caseId, { from: '2025-03-05', to: '2025-03-04' }));
    expect(inverted.json).toMatchObject({ response_action: 'errors', errors: { [ids.TIMELINE_TO_BLOCK]: expect.stringMatching(/on or after/) } });
    const before = h.slack.callsTo('files.completeUploadExternal').length;
    await h.sender.interactive(timelineSubmission(caseId, { from: '2025-03-04', to: '2025-03-04' }));
    await h.slack.waitFor('files.completeUploadExternal', () => h.slack.callsTo('files.completeUploadExternal').length > before, 20_000);
    const csv = h.slack.files().filter((f) => f.filename.endsWith('.csv')).pop()!;
    const rows = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n(?=\d{4}-)/).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^2025-03-04T14:20:00.000Z,.*Bob/);
  });

  it('delivers a chain of custody that proves the files came from those exports, unaltered, and audits it', async () => {
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const custodyJson = firstBuild.find((f) => f.filename === `${caseId}-timeline-custody.json`)!;
    const doc = JSON.parse(custodyJson.bytes.toString('utf8')) as { caseId: string; archives: Array<Record<string, unknown>>; files: Array<{ name: string; sha256: string; bytes: number }> };
    expect(doc.caseId).toBe(caseId);
    // every delivered file is the one the custody names, byte for byte
    expect(doc.files.map((f) => f.name)).toEqual([`${caseId}-timeline.csv`, `${caseId}-timeline.html`]);
    for (const f of doc.files) expect(sha256(firstBuild.find((d) => d.filename === f.name)!.bytes)).toBe(f.sha256);
    // one archive per person, tied to the Genesys request and the subject
    const c = (await h.app.store.getCase(caseId))!;
    expect(doc.archives).toEqual(
      c.subjects.map((s) =>
        expect.objectContaining({ requestId: s.requestId, subjectId: s.genesysUserId, completedAt: s.completedAt, archive: 1, messages: 3, zipSha256: expect.stringMatching(/^[0-9a-f]{64}$/), chatSha256: [expect.stringMatching(/^[0-9a-f]{64}$/)] }),
      ),
    );
    // the ZIP hash is the hash of what Genesys serves (the link minted earlier in this flow)
    const link = /https?:\/\/[^"\s|>]*\/signed\/[^"\s|>]*/.exec(JSON.stringify(h.slack.callsTo('views.update').map((u) => u.args.view)))![0].replaceAll('&amp;', '&');
    const download = await fetch(link);
    expect(download.status).toBe(200);
    const served = Buffer.from(await download.arrayBuffer());
    expect(doc.archives.map((a) => a.zipSha256)).toContain(sha256(served));
    // the readable timeline shows the same custody
    const html = firstBuild.find((f) => f.filename.endsWith('.html'))!.bytes.toString('utf8');
    expect(html).toContain('Chain of custody');
    for (const a of doc.archives) expect(html).toContain(String(a.zipSha256));
    // the audit entry carries it, with the hash of the custody file itself
    const audited = [];
    for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'timeline_built') audited.push(e);
    expect(audited[0]!.custody!.archives).toEqual(doc.archives);
    expect(audited[0]!.custody!.files).toEqual([...doc.files, { name: custodyJson.filename, bytes: custodyJson.bytes.length, sha256: sha256(custodyJson.bytes) }]);
  });

  it.runIf(process.platform === 'linux')('builds in a worker that the bot’s worker launcher forked, never the bot itself', async () => {
    // every earlier build is over (audited after its upload), or this one would be refused as a duplicate
    const uploads = () => h.slack.callsTo('files.completeUploadExternal').length;
    await eventually(async () => (await timelineAudits()).length, (n) => n === uploads(), 10_000, 'the earlier builds to end');
    // the downloads are held back, so the worker is there to be looked at
    h.sim.inject({ kind: 'delay', ms: 1_500, times: 2, match: { path: /^\/signed\// } });
    const before = uploads();
    await h.sender.interactive(timelineSubmission(caseId, {}));
    const worker = await eventually(async () => (await processes()).find((p) => p.command.includes('timeline-worker')), (p) => p !== undefined, 10_000, 'the build worker');
    const parent = (await processes()).find((p) => p.pid === worker!.ppid);
    expect(worker!.ppid).not.toBe(process.pid);
    expect(parent).toMatchObject({ ppid: process.pid, command: expect.stringContaining('worker-launcher-process') });
    await eventually(async () => (await timelineAudits()).length, (n) => n === before + 1, 20_000, 'this build to end');
  });

  it('refuses to build another person’s timeline', async () => {
    const res = await h.sender.interactive(buttonClick(APPROVER_1, ids.BUILD_TIMELINE, caseId, 'C0GENERAL', '1.000'));
    expect(res.status).toBe(200);
    const answer = await h.slack.waitFor('response_url', (call) => /Only the person who made the request/.test(String(call.args.text)));
    expect(answer.ok).toBe(true);
  });

  it('is audited with the Genesys request ids, never the text', async () => {
    const timelineEntries = async () => {
      const found = [];
      for await (const e of h.app.store.readAudit(new Date(0))) if (e.action === 'timeline_built') found.push(e);
      return found;
    };
    // the build of beforeAll is audited once it is over; the date-range test may have added another
    const [built] = await timelineEntries();
    const c = (await h.app.store.getCase(caseId))!;
    expect(built?.caseId).toBe(caseId);
    expect(built?.actor).toBe(REQUESTER);
    expect([...(built?.requestIds ?? [])].sort()).toEqual(c.subjects.map((s) => s.requestId).sort());
    expect(c.subjects.every((s) => typeof s.requestId === 'string' && s.requestId.length > 0)).toBe(true);
    const entry = JSON.stringify(built);
    for (const text of defaultSimUsers().flatMap((u) => (u.messages ?? []).map((m) => m.text.split('\n')[0]!.slice(0, 30)))) expect(entry).not.toContain(text);
    expect(entry).not.toContain(JUSTIFICATION.slice(0, 30));
  });
});

describe('secrets never reach a log line or a stored record', () => {
  const simUsers = defaultSimUsers();
  const forbidden: Array<[string, RegExp]> = [
    ['bot token', /xoxb-test-token/],
    ['signing secret', new RegExp(SIGNING_SECRET)],
    ['Genesys client secret', /sim-secret/],
    ['bearer token', /Bearer\s+[A-Za-z0-9._-]{8,}/],
    ['signed URL', /\/signed\/|[?&]sig=/],
    ['results URL', /\/platform\/api\/v2\/downloads\//],
    ['email address', /[A-Za-z0-9._%+-]+@(example\.com|corp\.example|elsewhere\.example)/],
    ['justification', new RegExp(JUSTIFICATION.slice(0, 30))],
    ...simUsers.flatMap((u) => (u.messages ?? []).map((m) => ['message text', new RegExp(escape(m.text.split('\n')[0]!.slice(0, 30)))] as [string, RegExp])),
    ...SLACK_USERS.filter((u) => u.email).map((u) => ['Slack email', new RegExp(escape(u.email!))] as [string, RegExp]),
  ];

  it('in the logs of the whole flow', () => {
    expect(h.logLines.length).toBeGreaterThan(50);
    const leaks = h.logLines.flatMap((line) => forbidden.filter(([, re]) => re.test(line)).map(([what]) => `${what}: ${line.slice(0, 200)}`));
    expect(leaks).toEqual([]);
  });

  it('in the store', async () => {
    const client = createClient({ url: h.redisUrl });
    await client.connect();
    const values: string[] = [];
    try {
      for await (const keys of client.scanIterator({ MATCH: `${h.prefix}*`, COUNT: 500 })) {
        for (const key of ([] as string[]).concat(keys)) {
          const type = await client.type(key);
          if (type === 'string') values.push(`${key}=${await client.get(key)}`);
          else if (type === 'hash') values.push(`${key}=${JSON.stringify(await client.hGetAll(key))}`);
          else if (type === 'zset') values.push(`${key}=${JSON.stringify(await client.zRange(key, 0, -1))}`);
          else if (type === 'set') values.push(`${key}=${JSON.stringify(await client.sMembers(key))}`);
          else if (type === 'list') values.push(`${key}=${JSON.stringify(await client.lRange(key, 0, -1))}`);
        }
      }
    } finally {
      await client.quit();
    }
    expect(values.length).toBeGreaterThan(5);
    const storedForbidden = forbidden.filter(([what]) => what !== 'justification');
    const leaks = values.flatMap((v) => storedForbidden.filter(([, re]) => re.test(v)).map(([what]) => `${what}: ${v.slice(0, 200)}`));
    expect(leaks).toEqual([]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
