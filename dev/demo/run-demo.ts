/**
 * `npm run demo`: the whole flow on this machine, printed as a transcript. A requester asks for
 * two people's chat, an approver approves, the bot submits one export per person and waits while
 * Genesys works (two simulated days in a few seconds), the requester is told in a DM and gets a
 * download link that works against the simulator. Everything is driven by signed Slack payloads,
 * exactly as Slack would send them to the real bot.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createActivityFeed } from './activity-feed.js';
import { ALICE, APPROVER, BOB, REQUESTER, demoNames } from './demo-cast.js';
import {
  DAY_MS,
  SIMULATED_EXPORT_MS,
  approverApproves,
  botWaitsForGenesys,
  requesterDownloads,
  requesterOpensForm,
  requesterReadsDms,
  requesterSubmits,
} from './demo-steps.js';
import { startDemoWorld, type DemoWorld } from './demo-world.js';
import { countCalls, summariseCalls } from './genesys-calls.js';
import { createTranscript, type Transcript } from './transcript.js';

export interface DemoOptions {
  write: (text: string) => void;
  /** keep the simulator up this long after the flow, so a person can try the link; default 0 */
  keepAliveSeconds?: number;
  /** ends the keep-alive early (Ctrl-C) */
  signal?: AbortSignal;
}

export interface DemoSummary {
  ok: boolean;
  caseId?: string;
  downloadUrl?: string;
  downloadStatus?: number;
  archiveBytes?: number;
  archiveEntries: string[];
  /** bot log warnings and errors, refused Slack calls, failed Genesys calls */
  problems: string[];
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const t = createTranscript(options.write);
  const keepAliveSeconds = Math.max(0, options.keepAliveSeconds ?? 0);
  // links must outlive the keep-alive; the bot allows at most an hour
  const linkTtlSeconds = Math.min(3600, Math.max(300, keepAliveSeconds + 60));
  const nameOf = demoNames();
  const summary: DemoSummary = { ok: false, archiveEntries: [], problems: [] };

  t.section('Demo', 'setting the stage');
  const world = await startDemoWorld({ exportDurationMs: SIMULATED_EXPORT_MS, linkTtlSeconds });
  t.say(
    `Genesys Cloud simulator: ${world.sim.baseUrl} (exports take ${SIMULATED_EXPORT_MS / DAY_MS} days, as they can in Genesys)`,
    'Slack: a local fake of the Web API; people act through signed requests, as Slack sends them',
    'Store: the embedded SQLite store in a temporary directory',
    `The bot: the real app (startApp), HTTP mode on port ${world.app.port}, polling from every 1 s up to every 2 s`,
    `People: ${nameOf(REQUESTER)} (requester), ${nameOf(APPROVER)} (approver), ${nameOf(ALICE)} and ${nameOf(BOB)} (whose chat is exported)`,
  );

  const feed = createActivityFeed({ store: world.app.store, slack: world.slack, requesterId: REQUESTER, nameOf });
  let genesysSeen = 0;
  const newGenesysCalls = () => {
    const calls = world.genesysCalls.slice(genesysSeen);
    genesysSeen += calls.length;
    return calls;
  };
  const reportBot = async (label: string) => {
    // the demo's own fetch of the signed link is not the bot's doing
    const botCalls = newGenesysCalls().filter((c) => !c.path.startsWith('/signed/'));
    const lines = [...(await feed.drain()).map((e) => e.line), ...summariseCalls(botCalls).map((l) => `bot → Genesys: ${l}`)];
    if (lines.length === 0) return;
    t.say('', `${label}:`);
    for (const line of lines) t.say(`  ${line}`);
  };

  try {
    const viewId = await requesterOpensForm(world, t, nameOf);
    summary.caseId = await requesterSubmits(world, t, nameOf, viewId);
    await reportBot('Meanwhile the bot');
    await approverApproves(world, t, nameOf, summary.caseId);
    await reportBot('Meanwhile the bot');
    await botWaitsForGenesys(world, t, feed, summary.caseId, newGenesysCalls);
    requesterReadsDms(world, t, nameOf);
    const link = await requesterDownloads(world, t, nameOf);
    await reportBot('Meanwhile the bot');
    Object.assign(summary, link);
  } finally {
    summary.problems = collectProblems(world);
    wrapUp(world, t, summary);
    summary.ok = summary.problems.length === 0 && summary.downloadStatus === 200;
    await world.stopBot();
    if (summary.downloadUrl && keepAliveSeconds > 0) await keepAlive(t, summary.downloadUrl, keepAliveSeconds, options.signal);
    await world.close();
  }
  return summary;
}

function wrapUp(world: DemoWorld, t: Transcript, summary: DemoSummary): void {
  t.section('Demo', 'summary');
  t.say('Genesys Cloud calls the bot made (method, path, status: no query, body or token):');
  for (const line of countCalls(world.genesysCalls.filter((c) => !c.path.startsWith('/signed/')))) t.say(`  ${line}`);
  if (summary.problems.length === 0) t.say('', 'Problems: none (no bot warning or error, no refused Slack call, no failed Genesys call).');
  else t.say('', 'Problems:', ...summary.problems.map((p) => `  ${p}`));
  if (summary.downloadUrl) t.say('', `Download link: ${summary.downloadUrl}`);
}

function collectProblems(world: DemoWorld): string[] {
  return [
    ...world.botProblems.map((p) => `bot log ${p}`),
    ...world.slack.calls.filter((c) => !c.ok).map((c) => `Slack refused ${c.method}: ${c.error ?? 'unknown error'}`),
    ...world.genesysCalls.filter((c) => c.status === 'dropped' || c.status >= 400).map((c) => `Genesys answered ${c.method} ${c.path} with ${c.status}`),
  ];
}

async function keepAlive(t: Transcript, url: string, seconds: number, signal?: AbortSignal): Promise<void> {
  t.say('', `The bot has stopped; the Genesys simulator stays up for ${seconds} s so you can try the link (Ctrl-C ends it sooner):`, `  curl -o export.zip '${url}'`);
  try {
    await sleep(seconds * 1000, undefined, { signal });
  } catch {
    // aborted: the person is done
  }
  t.say('Simulator stopped.');
}
