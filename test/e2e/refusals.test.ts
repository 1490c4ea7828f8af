import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { signSlackRequest } from '../../dev/fake-slack/index.js';
import {
  A_BOT,
  ALICE,
  BOB,
  GONE,
  NOMATCH,
  NO_EMAIL,
  OUTSIDER,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  SHARED,
  SIGNING_SECRET,
  VALID_FORM,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { GDPR_MAX_SUBJECTS: '3' } });
});
afterAll(async () => {
  await h.close();
});

/** Sends the command and returns the ephemeral reply the person sees. */
async function reply(text: string, userId = REQUESTER, teamId?: string): Promise<string> {
  const before = h.slack.callsTo('response_url').length;
  const res = await h.sender.command({ text, userId, ...(teamId ? { teamId } : {}) });
  expect(res.status).toBe(200);
  if (res.json?.text) return String(res.json.text);
  const call = await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length > before);
  return String(call.args.text);
}

async function casesOf(userId: string) {
  return h.app.workflow.listMyCases(userId, 50);
}

/**
 * What a refusal must leave untouched: the cases of the requester and the modals opened. The
 * harness is shared by every test of the file (the replay test creates a case, the modal tests
 * open modals), so each test compares with what was there before it, never with zero.
 */
async function snapshot(userId = REQUESTER) {
  return { caseIds: (await casesOf(userId)).map((c) => c.id), modalsOpened: h.slack.callsTo('views.open').length };
}

async function auditActions(): Promise<string[]> {
  const out: string[] = [];
  for await (const e of h.app.store.readAudit(new Date(0))) out.push(`${e.action}:${e.actor}:${e.detail ?? ''}`);
  return out;
}

describe('the slash command refuses, ephemerally, and stores nothing', () => {
  it.each([
    ['<!channel>', /whole organisation/i],
    ['<!here|here>', /whole organisation/i],
    ['<!everyone>', /whole organisation/i],
    ['@here', /whole organisation/i],
    ['<!subteam^S0123|@legal>', /group/i],
    ['<#C0GENERAL|general>', /channel/i],
    [`<@${ALICE}> <@${BOB}> <@${SHARED}> <@${NOMATCH}>`, /at most 3/i],
    ['please export everything', /please|don.t recognise|not a person/i],
    [', ,', /name/i],
    ['not-an-email@', /email/i],
  ])('%s', async (text, expected) => {
    const before = await snapshot();
    const message = await reply(text);
    expect(message).toMatch(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('help and status answer without opening anything', async () => {
    // a requester (by group) with no case, whatever the other tests of this file created
    const before = await snapshot(REQUESTER_AND_APPROVER);
    expect(before.caseIds).toEqual([]);
    expect(await reply('help', REQUESTER_AND_APPROVER)).toMatch(/\/gdpr-export/);
    expect(await reply('status', REQUESTER_AND_APPROVER)).toMatch(/no (export )?requests|nothing/i);
    expect(await snapshot(REQUESTER_AND_APPROVER)).toEqual(before);
  });

  it.each([
    [A_BOT, /bot/i],
    [GONE, /deactivated/i],
  ])('refuses naming %s', async (who, expected) => {
    const before = await snapshot();
    expect(await reply(`<@${who}>`)).toMatch(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a caller who is not an allowed requester, and audits the denial', async () => {
    expect(await reply(`<@${ALICE}>`, OUTSIDER)).toMatch(/requester|allowed|permission/i);
    expect(await casesOf(OUTSIDER)).toEqual([]);
    expect(await auditActions()).toContain(`denied:${OUTSIDER}:not_requester`);
  });

  it('refuses requests from another workspace', async () => {
    const res = await h.sender.command({ text: `<@${ALICE}>`, userId: REQUESTER, teamId: 'T0OTHER' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json ?? res.body)).toMatch(/another Slack workspace/);
    expect((await auditActions()).some((a) => a.startsWith(`denied:${REQUESTER}:other_workspace`))).toBe(true);
  });
});

describe('the request modal refuses on submit with errors on the field', () => {
  async function submit(form: Parameters<typeof requestSubmission>[2], userId = REQUESTER) {
    const viewId = await openModal(h, userId);
    const res = await h.sender.interactive(requestSubmission(userId, viewId, form));
    expect(res.status).toBe(200);
    return res.json as { response_action: string; errors?: Record<string, string> };
  }

  it.each([
    ['nobody named', { ...VALID_FORM }, ids.SUBJECTS_BLOCK, /at least one person/i],
    ['no Genesys match', { users: [NOMATCH], ...VALID_FORM }, ids.SUBJECTS_BLOCK, /no Genesys Cloud user/i],
    ['several Genesys matches', { users: [SHARED], ...VALID_FORM }, ids.SUBJECTS_BLOCK, /several/i],
    ['no email in Slack', { users: [NO_EMAIL], ...VALID_FORM }, ids.SUBJECTS_BLOCK, /email/i],
    ['an invalid extra identifier', { extraIds: 'bob at example', ...VALID_FORM }, ids.EXTRA_IDS_BLOCK, /email|Genesys user ID/i],
    ['too many people', { users: [ALICE, BOB], extraIds: 'dana@example.com\ncarol@example.com', ...VALID_FORM }, ids.SUBJECTS_BLOCK, /at most 3/i],
    ['no legal basis', { users: [ALICE], caseReference: 'X-1', justification: 'A sufficiently long reason.' }, ids.LEGAL_BASIS_BLOCK, /legal basis/i],
    ['an empty case reference', { users: [ALICE], ...VALID_FORM, caseReference: '   ' }, ids.CASE_REFERENCE_BLOCK, /case reference/i],
    ['a short justification', { users: [ALICE], ...VALID_FORM, justification: 'because' }, ids.JUSTIFICATION_BLOCK, /at least 10/i],
  ])('%s', async (_name, form, block, expected) => {
    const before = await casesOf(REQUESTER);
    const ack = await submit(form);
    expect(ack.response_action).toBe('errors');
    expect(ack.errors?.[block]).toMatch(expected);
    expect(await casesOf(REQUESTER)).toEqual(before);
  });

  it('refuses a request only the requester could approve', async () => {
    const solo = await startHarness({ env: { GDPR_APPROVERS: REQUESTER_AND_APPROVER, GDPR_REQUESTERS: REQUESTER_AND_APPROVER } });
    try {
      const viewId = await openModal(solo, REQUESTER_AND_APPROVER);
      const res = await solo.sender.interactive(requestSubmission(REQUESTER_AND_APPROVER, viewId, { users: [ALICE], ...VALID_FORM }));
      expect(res.json.response_action).toBe('errors');
      expect(JSON.stringify(res.json.errors)).toMatch(/approve their own/i);
      expect(await solo.app.workflow.listMyCases(REQUESTER_AND_APPROVER)).toEqual([]);
    } finally {
      await solo.close();
    }
  });
});

describe('hostile requests', () => {
  const url = () => `http://127.0.0.1:${h.app.port}/slack/events`;
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const signed = (body: string, ts?: number) => ({ ...FORM, ...signSlackRequest(SIGNING_SECRET, body, ts) });
  const form = (text: string) =>
    new URLSearchParams({ team_id: 'T0TEST', user_id: REQUESTER, command: '/gdpr-export', text, trigger_id: `1.${Date.now()}.abc`, response_url: `${h.slack.responseUrlBase}x` }).toString();

  it('refuses a bad signature, a stale timestamp and a future timestamp with 401', async () => {
    const body = form('help');
    const good = signed(body);
    const bad = await h.sender.raw(body, { ...good, 'x-slack-signature': good['x-slack-signature'].replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
    expect(bad.status).toBe(401);
    const stale = await h.sender.raw(body, signed(body, Math.floor(Date.now() / 1000) - 400));
    expect(stale.status).toBe(401);
    const future = await h.sender.raw(body, signed(body, Math.floor(Date.now() / 1000) + 600));
    const fine = await h.sender.raw(body, signed(body));
    expect(fine.status).toBe(200);
    expect(future.status).toBe(401);
    const missing = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(missing.status).toBe(401);
  });

  it('refuses a replayed signed request, so a submission cannot create a case twice', async () => {
    const viewId = await openModal(h, REQUESTER);
    const payload = requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, caseReference: 'REPLAY-1' });
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const headers = signed(body);
    const first = await h.sender.raw(body, headers);
    expect(first.status).toBe(200);
    const replay = await h.sender.raw(body, headers);
    expect(replay.status).toBe(401);
    const cases = (await casesOf(REQUESTER)).filter((c) => c.caseReference === 'REPLAY-1');
    expect(cases).toHaveLength(1);
  });
});
