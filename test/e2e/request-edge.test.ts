/**
 * The request edge: what the bot checks on every signed request before a listener acts (replay
 * claim on the request itself, workspace and acting user's team, Enterprise Grid ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionPayload, newTriggerId, signSlackRequest } from '../../dev/fake-slack/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { signatureVariants } from '../helpers/signature-variants.js';
import { ALICE, REQUESTER, SIGNING_SECRET, VALID_FORM, eventually, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the replay guard claims the request, not the header string', () => {
  it('padded, doubled and case-changed signatures of one signed view submission create exactly one case', async () => {
    const viewId = await openModal(h, REQUESTER);
    const payload = requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, caseReference: 'REPLAY-VARIANTS' });
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const headers = { ...FORM, ...signSlackRequest(SIGNING_SECRET, body) };
    const first = await h.sender.raw(body, headers);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ response_action: 'update' });

    for (const [what, signature] of signatureVariants(headers['x-slack-signature'])) {
      const replay = await h.sender.raw(body, { ...headers, 'x-slack-signature': signature });
      expect(replay.status, what).toBe(401);
    }
    const cases = (await h.app.workflow.listMyCases(REQUESTER, 50)).filter((c) => c.caseReference === 'REPLAY-VARIANTS');
    expect(cases).toHaveLength(1);
  });
});

type Payload = Record<string, unknown>;

/** The "New request" button of App Home: it opens the request form, so a refusal shows as no views.open. */
function newRequestClick(teamId: string, change: (p: Payload) => void = () => undefined): Payload {
  const payload = blockActionPayload({ userId: REQUESTER, teamId, actionId: ids.OPEN_REQUEST_MODAL, container: { type: 'view', viewId: `VHOME${Date.now()}` } }) as Payload;
  change(payload);
  return payload;
}

function homeOpened(extra: Payload): Payload {
  return { type: 'event_callback', api_app_id: 'A0FAKESLACK', event: { type: 'app_home_opened', user: REQUESTER, tab: 'home', channel: 'D0HOME' }, event_id: `Ev${Date.now()}${Math.random()}`, event_time: 1, ...extra };
}

/** refusals for another workspace, audited: a repeat by the same person within minutes raises `count` on one entry */
async function deniedOtherWorkspace(x: Harness): Promise<number> {
  let n = 0;
  for await (const e of x.app.store.readAudit(new Date(0))) if (e.action === 'denied' && e.detail === 'other_workspace') n += e.count ?? 1;
  return n;
}

/** Did the click open the request form? Waits a little for a views.open that should not come. */
async function opensForm(x: Harness, payload: Payload): Promise<boolean> {
  const before = x.slack.callsTo('views.open').length;
  const res = await x.sender.interactive(payload);
  expect(res.status).toBe(200);
  return eventually(() => x.slack.callsTo('views.open').length > before, (opened) => opened, 1_500, 'views.open').catch(() => false);
}

async function publishesHome(x: Harness, payload: Payload): Promise<boolean> {
  const before = x.slack.callsTo('views.publish').length;
  await x.sender.interactive(payload);
  return eventually(() => x.slack.callsTo('views.publish').length > before, (published) => published, 1_500, 'views.publish').catch(() => false);
}

function commandBody(x: Harness, fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'fake-verification-token',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: REQUESTER,
    user_name: 'rita',
    command: '/gdpr-export',
    text: 'help',
    api_app_id: 'A0FAKESLACK',
    response_url: `${x.slack.responseUrlBase}r-edge-${Date.now()}`,
    trigger_id: newTriggerId(REQUESTER),
    ...fields,
  }).toString();
}

async function commandReply(x: Harness, fields: Record<string, string>): Promise<string> {
  const body = commandBody(x, fields);
  const before = x.slack.callsTo('response_url').length;
  const res = await x.sender.raw(body, { ...FORM, ...signSlackRequest(SIGNING_SECRET, body) });
  expect(res.status).toBe(200);
  if (res.json?.text) return String(res.json.text);
  const call = await x.slack.waitFor('response_url', () => x.slack.callsTo('response_url').length > before);
  return String(call.args.text);
}

const OTHER_WORKSPACE = /serves another Slack workspace/;

describe('the workspace guard checks the payload and the acting user (SLACK_TEAM_ID=T…)', () => {
  it('a Slack Connect user from another workspace, clicking in a channel of ours, is refused and audited', async () => {
    const denied = await deniedOtherWorkspace(h);
    const fromGuest = newRequestClick('T0TEST', (p) => ((p.user as Payload).team_id = 'T0GUEST'));
    expect(await opensForm(h, fromGuest)).toBe(false);
    expect(await deniedOtherWorkspace(h)).toBe(denied + 1);
    // the same click by a user of our workspace opens the form
    expect(await opensForm(h, newRequestClick('T0TEST'))).toBe(true);
  });

  it('a form submitted by a Slack Connect user is replaced by the refusal and creates no case', async () => {
    const viewId = await openModal(h, REQUESTER);
    const payload = requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, caseReference: 'GUEST-FORM' }) as Payload;
    (payload.user as Payload).team_id = 'T0GUEST';
    const res = await h.sender.interactive(payload);
    expect(res.json?.response_action).toBe('update');
    expect(JSON.stringify(res.json.view)).toMatch(OTHER_WORKSPACE);
    expect((await h.app.workflow.listMyCases(REQUESTER, 50)).filter((c) => c.caseReference === 'GUEST-FORM')).toEqual([]);
  });

  it('an event of our workspace from a user of another one is ignored', async () => {
    expect(await publishesHome(h, homeOpened({ team_id: 'T0TEST', event: { type: 'app_home_opened', user: REQUESTER, user_team: 'T0GUEST', tab: 'home', channel: 'D0HOME' } }))).toBe(false);
    expect(await publishesHome(h, homeOpened({ team_id: 'T0OTHER' }))).toBe(false);
    expect(await publishesHome(h, homeOpened({ team_id: 'T0TEST' }))).toBe(true);
  });

  it('a command from a user of another workspace is refused, whatever the channel', async () => {
    expect(await commandReply(h, { team_id: 'T0TEST', user_team: 'T0GUEST' })).toMatch(OTHER_WORKSPACE);
    expect(await commandReply(h, { team_id: 'T0TEST' })).toMatch(/\/gdpr-export/);
  });
});

describe('an Enterprise Grid id (SLACK_TEAM_ID=E…) works for every kind of payload', () => {
  let g: Harness;
  beforeAll(async () => {
    g = await startHarness({ env: { SLACK_TEAM_ID: 'E0ORG' } });
  });
  afterAll(async () => {
    await g.close();
  });
  const grid = (enterpriseId: string) => (p: Payload) => {
    p.team = { id: 'T0ORGWS', domain: 'org-ws', enterprise_id: enterpriseId, enterprise_name: 'Org' };
    p.enterprise = { id: enterpriseId, name: 'Org' };
    (p.user as Payload).team_id = 'T0ORGWS';
  };

  it('commands: enterprise_id', async () => {
    expect(await commandReply(g, { team_id: 'T0ORGWS', enterprise_id: 'E0ORG', enterprise_name: 'Org' })).toMatch(/\/gdpr-export/);
    expect(await commandReply(g, { team_id: 'T0ORGWS', enterprise_id: 'E0OTHER', enterprise_name: 'Other' })).toMatch(OTHER_WORKSPACE);
    expect(await commandReply(g, { team_id: 'T0ORGWS' })).toMatch(OTHER_WORKSPACE);
  });

  it('buttons: enterprise.id, team.enterprise_id, and an org-wide install without a team', async () => {
    expect(await opensForm(g, newRequestClick('T0ORGWS', grid('E0ORG')))).toBe(true);
    const teamOnly = (p: Payload) => {
      grid('E0ORG')(p);
      p.enterprise = null;
    };
    expect(await opensForm(g, newRequestClick('T0ORGWS', teamOnly))).toBe(true);
    const orgWide = (p: Payload) => {
      p.team = null;
      p.enterprise = { id: 'E0ORG', name: 'Org' };
      p.is_enterprise_install = true;
    };
    expect(await opensForm(g, newRequestClick('T0ORGWS', orgWide))).toBe(true);
    expect(await opensForm(g, newRequestClick('T0ORGWS', grid('E0OTHER')))).toBe(false);
    expect(await opensForm(g, newRequestClick('T0ORGWS'))).toBe(false);
  });

  it('forms: the request is taken with team.enterprise_id, and refused from another organisation', async () => {
    const submit = async (enterpriseId: string, reference: string) => {
      const payload = requestSubmission(REQUESTER, `VGRID${reference}`, { users: [ALICE], ...VALID_FORM, caseReference: reference }, 'T0ORGWS') as Payload;
      payload.team = { id: 'T0ORGWS', domain: 'org-ws', enterprise_id: enterpriseId, enterprise_name: 'Org' };
      return (await g.sender.interactive(payload)).json;
    };
    expect(JSON.stringify((await submit('E0OTHER', 'GRID-OTHER')).view)).toMatch(OTHER_WORKSPACE);
    expect((await submit('E0ORG', 'GRID-OURS')).response_action).toBe('update');
    const refs = (await g.app.workflow.listMyCases(REQUESTER, 50)).map((c) => c.caseReference);
    expect(refs).toContain('GRID-OURS');
    expect(refs).not.toContain('GRID-OTHER');
  });

  it('events: authorizations[].enterprise_id or enterprise_id', async () => {
    const authorizations = (enterpriseId: string) => [{ enterprise_id: enterpriseId, team_id: 'T0ORGWS', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }];
    expect(await publishesHome(g, homeOpened({ team_id: 'T0ORGWS', authorizations: authorizations('E0ORG') }))).toBe(true);
    expect(await publishesHome(g, homeOpened({ team_id: 'T0ORGWS', enterprise_id: 'E0ORG' }))).toBe(true);
    expect(await publishesHome(g, homeOpened({ team_id: 'T0ORGWS', authorizations: authorizations('E0OTHER') }))).toBe(false);
  });
});

describe('METRICS_PORT serves /metrics apart from Slack', () => {
  it('answers /metrics on its own port and 404s it on the main one', async () => {
    const m = await startHarness({ env: { METRICS_PORT: '0' } });
    try {
      const metricsPort = (m.app as { metricsPort?: number }).metricsPort;
      expect(metricsPort, 'the metrics port in use').toBeGreaterThan(0);
      expect(metricsPort).not.toBe(m.app.port);
      const there = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(there.status).toBe(200);
      expect(await there.text()).toMatch(/^# HELP gdpr_export_/m);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/slack/events`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${m.app.port}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${m.app.port}/healthz`)).status).toBe(200);
    } finally {
      await m.close();
    }
  });

  it('keeps /metrics on the main port when METRICS_PORT is not set', async () => {
    expect((await fetch(`http://127.0.0.1:${h.app.port}/metrics`)).status).toBe(200);
  });
});
