/**
 * Shutdown means no new work: once stop() begins (SIGTERM), the bot stops taking Slack requests
 * before it finishes the worker's cycle, so a request that arrives meanwhile is refused whole —
 * never acknowledged and half-processed by a process about to exit.
 */
import { Agent, request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { signSlackRequest } from '../../dev/fake-slack/index.js';
import { processState, processes } from '../helpers/processes.js';
import { ALICE, BOB, REQUESTER, SIGNING_SECRET, VALID_FORM, eventually, requestSubmission, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('a request arriving after stop() began is refused and writes nothing, while the cycle under way finishes', async () => {
  h = await startHarness();
  const harness = h;
  // the worker's cycle is slow (each Slack post takes 1.5 s), so stop() has a cycle to wait for
  harness.slack.setDelay('chat.postMessage', 1_500);
  const first = await harness.sender.interactive(requestSubmission(REQUESTER, 'VSHUTDOWN1', { users: [ALICE], ...VALID_FORM }));
  expect(first.status).toBe(200);
  await harness.slack.waitFor('conversations.open', () => true, 10_000); // the cycle is posting approval cards

  const stopping = harness.app.stop();
  const late = await harness.sender
    .interactive(requestSubmission(REQUESTER, 'VSHUTDOWN2', { users: [BOB], ...VALID_FORM }))
    .then((r) => `HTTP ${r.status}`, (e: unknown) => `refused: ${(e as { cause?: { code?: string } }).cause?.code ?? String(e)}`);
  await stopping;

  expect(late, 'the late request is not acknowledged').not.toBe('HTTP 200');
  const cases = await harness.app.workflow.listMyCases(REQUESTER, 10);
  expect(cases.map((c) => c.subjects.map((s) => s.slackUserId))).toEqual([[ALICE]]);
  // the cycle under way was finished, not cut: its card posts reached Slack
  expect(harness.slack.callsTo('chat.postMessage').filter((c) => c.ok).length).toBeGreaterThan(0);
});

/** a signed interactive POST over `agent`; resolves the HTTP status, or the connection error's code */
function postOver(agent: Agent, port: number, payload: object): Promise<string> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/slack/events',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...signSlackRequest(SIGNING_SECRET, body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(`HTTP ${res.statusCode}`));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`refused: ${e.code ?? e.message}`));
    req.end(body);
  });
}

it('a request sent on a keep-alive connection that was busy when stop() began is refused too', async () => {
  h = await startHarness();
  const harness = h;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // the first submission is slow (Genesys takes 1 s to find the person): its connection is busy when stop() begins
    harness.sim.inject({ kind: 'delay', ms: 1_000, match: { method: 'GET', path: '/api/v2/gdpr/subjects' } });
    const slow = postOver(agent, harness.app.port!, requestSubmission(REQUESTER, 'VKEEPALIVE1', { users: [ALICE], ...VALID_FORM }));
    await new Promise((r) => setTimeout(r, 400));
    const stopping = harness.app.stop();
    expect(await slow, 'what arrived before stop() is finished').toBe('HTTP 200');
    // the same socket (one per agent), now idle after its answer
    const late = await postOver(agent, harness.app.port!, requestSubmission(REQUESTER, 'VKEEPALIVE2', { users: [BOB], ...VALID_FORM }));
    await stopping;
    expect(late).not.toBe('HTTP 200');
    const cases = await harness.app.workflow.listMyCases(REQUESTER, 10);
    expect(cases.map((c) => c.subjects.map((s) => s.slackUserId))).toEqual([[ALICE]]);
  } finally {
    agent.destroy();
  }
});

it.runIf(process.platform === 'linux')('starts the timeline worker launcher with the bot and ends it with stop()', async () => {
  h = await startHarness();
  const launcher = await eventually(async () => (await processes()).find((p) => p.ppid === process.pid && p.command.includes('worker-launcher-process')), (p) => p !== undefined, 10_000, 'the worker launcher');
  await h.app.stop();
  // gone, not left behind as an orphan; a zombie waiting to be reaped counts as gone
  const isRunning = async (pid: number) => !['Z', undefined].includes(await processState(pid));
  expect(await eventually(() => isRunning(launcher!.pid), (alive) => !alive, 10_000, 'the launcher to end')).toBe(false);
});
