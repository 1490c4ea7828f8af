/**
 * Slack Web API calls per case. One two-person case (request, approval, two exports, "ready" for
 * each, "all done") runs through the real app against the fake Slack and the Genesys simulator (the
 * demo's world: embedded store, Genesys days passing in seconds). Counted from the fake's call log:
 * calls by method, and for each message the bot keeps updating (the requester's status message,
 * the approval card) the states a person sees against the chat.update calls made. An update that
 * shows exactly what the message already shows is wasted; the goal is none.
 * Run alone: `npx tsx bench/slack-calls-bench.ts`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { RecordedCall } from '../dev/fake-slack/index.js';
import { ALICE, APPROVER, BOB, DEMO_FORM, REQUESTER, approvalSubmission, requestFormSubmission } from '../dev/demo/demo-cast.js';
import { REAL_EXPORT_MS, SIMULATED_EXPORT_MS } from '../dev/demo/demo-steps.js';
import { startDemoWorld, type DemoWorld } from '../dev/demo/demo-world.js';
import * as ids from '../src/slack/views/block-kit-ids.js';
import { notificationIds } from '../src/workflow/notifications.js';
import type { FigureRow } from './support/table.js';

const STEP_TIMEOUT_MS = 60_000;

export interface UpdatedMessage {
  /** 'status message' or 'approval card' */
  what: string;
  /** what a person saw: the post, then each update that changed it */
  states: number;
  updates: number;
  /** updates identical to what the message already showed */
  identicalUpdates: number;
}

export interface SlackCallsResult {
  subjects: number;
  /** Web API calls by method (ok or not), response_url posts included */
  byMethod: Record<string, number>;
  total: number;
  messages: UpdatedMessage[];
}

export async function benchSlackCalls(): Promise<SlackCallsResult> {
  const world = await startDemoWorld({ exportDurationMs: SIMULATED_EXPORT_MS, linkTtlSeconds: 300 });
  try {
    const caseId = await runOneCase(world);
    const calls = [...world.slack.calls];
    const byMethod: Record<string, number> = {};
    for (const c of calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    const subjects = (await world.app.workflow.getCase(caseId))?.subjects.length ?? 0;
    return { subjects, byMethod, total: calls.length, messages: updatedMessages(world, calls) };
  } finally {
    await world.close();
  }
}

/** the demo's case, without the transcript: form, submit, approve, exports done, everything said */
async function runOneCase(world: DemoWorld): Promise<string> {
  const command = await world.sender.command({ text: `<@${ALICE}|alice> <@${BOB}|bob>`, userId: REQUESTER });
  if (command.status !== 200) throw new Error(`the bot answered the slash command with HTTP ${command.status}`);
  await world.slack.waitFor('views.open', (c) => c.ok, STEP_TIMEOUT_MS);
  const viewId = [...world.slack.views().values()].find((v) => v.callbackId === ids.REQUEST_MODAL)?.id;
  if (!viewId) throw new Error('the request form did not open');
  const submitted = await world.sender.interactive(requestFormSubmission(REQUESTER, viewId, DEMO_FORM));
  if ((submitted.json as { response_action?: string } | undefined)?.response_action !== 'update') throw new Error('the form was refused');
  const caseId = await until(async () => (await world.app.workflow.listMyCases(REQUESTER, 1))[0]?.id, 'the case');
  await world.slack.waitFor('chat.postMessage', (c) => c.ok && JSON.stringify(c.args).includes(ids.APPROVE_CASE), STEP_TIMEOUT_MS);
  const approved = await world.sender.interactive(approvalSubmission(APPROVER, 'VBENCHAPPROVE', caseId, 'Scope matches the DSAR.'));
  if (approved.status !== 200 || (approved.json as { errors?: unknown } | undefined)?.errors) throw new Error('the approval was refused');
  world.clock.setSpeed(Math.round(SIMULATED_EXPORT_MS / REAL_EXPORT_MS));
  await until(async () => {
    const c = await world.app.workflow.getCase(caseId);
    if (!c || c.state !== 'completed') return undefined;
    const finished = await world.app.store.getNotification(notificationIds.caseFinished(c));
    const pending = await world.app.store.dueNotifications(new Date(Date.now() + 86_400_000), 1);
    return finished?.status === 'sent' && pending.length === 0 ? true : undefined;
  }, 'the case completed and every notification sent');
  world.clock.setSpeed(1);
  return caseId;
}

/**
 * Replays the calls in order: each successful post to a DM is matched with the DM's messages in
 * the order the fake stored them, so every chat.update finds the content it replaced.
 */
function updatedMessages(world: DemoWorld, calls: RecordedCall[]): UpdatedMessage[] {
  const content = (c: RecordedCall) => JSON.stringify([c.args.text ?? null, c.args.blocks ?? null]);
  const shown = new Map<string, { what: string; content: string; states: number; updates: number; identical: number }>();
  const nextIndex = new Map<string, number>();
  for (const call of calls) {
    if (!call.ok) continue;
    const channel = String(call.args.channel);
    if (call.method === 'chat.postMessage' && channel.startsWith('D')) {
      const i = nextIndex.get(channel) ?? 0;
      nextIndex.set(channel, i + 1);
      const stored = world.slack.messages(channel)[i];
      if (!stored || (stored.thread_ts && stored.thread_ts !== stored.ts)) continue; // replies are never updated
      const what = JSON.stringify(call.args.blocks ?? []).includes(ids.APPROVE_CASE) ? 'approval card' : 'status message';
      shown.set(`${channel} ${stored.ts}`, { what, content: content(call), states: 1, updates: 0, identical: 0 });
    } else if (call.method === 'chat.update') {
      const entry = shown.get(`${channel} ${String(call.args.ts)}`);
      if (!entry) continue;
      entry.updates += 1;
      const next = content(call);
      if (next === entry.content) entry.identical += 1;
      else entry.states += 1;
      entry.content = next;
    }
  }
  return [...shown.values()].map((e) => ({ what: e.what, states: e.states, updates: e.updates, identicalUpdates: e.identical }));
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function slackCallsFigures(r: SlackCallsResult): FigureRow[] {
  const bench = 'Slack calls per case';
  const methods = Object.entries(r.byMethod)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, n]) => `${method} ${n}`)
    .join(', ');
  const updates = r.messages.reduce((n, m) => n + m.updates, 0);
  const identical = r.messages.reduce((n, m) => n + m.identicalUpdates, 0);
  const perMessage = (what: string) => {
    const ms = r.messages.filter((m) => m.what === what);
    const sum = (f: (m: UpdatedMessage) => number) => ms.reduce((n, m) => n + f(m), 0);
    return `${ms.length} message(s): ${sum((m) => m.states)} states seen, ${sum((m) => m.updates)} chat.update (${sum((m) => m.identicalUpdates)} identical)`;
  };
  return [
    { bench, figure: `Web API calls for one ${r.subjects}-person case, by method (${r.total} in all)`, value: methods },
    { bench, figure: 'requester’s status message: states seen vs updates', value: perMessage('status message') },
    { bench, figure: 'approval cards: states seen vs updates', value: perMessage('approval card') },
    { bench, figure: 'chat.update identical to what the message already showed', value: `${identical} of ${updates}`, goal: '0', met: identical === 0 },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSlackCalls();
  console.log(JSON.stringify(result, null, 2));
  for (const row of slackCallsFigures(result)) console.log(`${row.figure}: ${row.value}`);
}
