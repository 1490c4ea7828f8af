/**
 * Runs in a worker thread (see load.ts), so the load generator has an event loop of its own and
 * its timings are not queued behind the app's work. Sends signed slash commands as Slack does, over
 * a keep-alive agent, phase after phase: `concurrency` at a time (closed loop), or paced at a fixed
 * rate (open loop: a slow answer does not slow the next request); posts the latencies back.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_COMMAND, DEFAULT_COMMAND_CHANNEL, FAKE_APP_ID, newResponseUrlId, newTriggerId, signSlackRequest } from '../../dev/fake-slack/index.js';
import type { LoadPhaseResult, LoadPlan } from './load.js';

const plan = workerData as LoadPlan;
const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });

function commandBody(): string {
  // the fields and order of a real slash command (test/fixtures/slack/slash_command.*.form.txt)
  return new URLSearchParams({
    token: 'fake-verification-token',
    team_id: plan.teamId,
    team_domain: 'bench',
    channel_id: DEFAULT_COMMAND_CHANNEL,
    channel_name: DEFAULT_COMMAND_CHANNEL.toLowerCase(),
    user_id: plan.userId,
    user_name: plan.userId.toLowerCase(),
    command: DEFAULT_COMMAND,
    text: plan.text,
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: `${plan.responseUrlBase}${newResponseUrlId()}`,
    trigger_id: newTriggerId(plan.userId),
  }).toString();
}

/** ms from the request leaving to the whole answer read */
function send(): Promise<{ ms: number; status: number }> {
  const body = commandBody();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    ...signSlackRequest(plan.signingSecret, body),
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(plan.url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('error', reject);
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function runPhase(requests: number, ratePerSecond: number | undefined): Promise<LoadPhaseResult> {
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const one = async () => {
    try {
      const { ms, status } = await send();
      latenciesMs.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    } catch {
      errors += 1;
    }
  };
  const started = performance.now();
  if (ratePerSecond === undefined) {
    let next = 0;
    const lane = async () => {
      while (next < requests) {
        next += 1;
        await one();
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, lane));
  } else {
    const sent: Array<Promise<void>> = [];
    for (let i = 0; i < requests; i++) {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent.push(one());
    }
    await Promise.all(sent);
  }
  return { latenciesMs, statuses, errors, wallMs: performance.now() - started };
}

const results: LoadPhaseResult[] = [];
for (const phase of plan.phases) {
  results.push(await runPhase(phase.requests, phase.ratePerSecond));
  if (phase.pauseAfterMs) await new Promise((r) => setTimeout(r, phase.pauseAfterMs));
}
agent.destroy();
parentPort?.postMessage(results);
