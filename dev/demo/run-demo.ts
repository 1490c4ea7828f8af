/**
 * `npm run demo`: the whole flow on this machine, printed as a transcript. A requester asks for
 * two people's chat, an approver approves, the bot submits one export per person and waits while
 * Genesys works (two simulated days in a few seconds), the requester is told in a DM and gets a
 * download link that works against the simulator. Everything is driven by signed Slack payloads,
 * exactly as Slack would send them to the real bot.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locale } from '../../src/slack/catalog/index.js';
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
import type { DemoWords } from './demo-words.js';
import { createTranscript, type Transcript } from './transcript.js';

export interface DemoOptions {
  write: (text: string) => void;
  /** the transcript's language, the people's Slack language and the bot's DEFAULT_LOCALE; default en */
  locale?: Locale;
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
  const t = createTranscript(options.write, options.locale);
  const w = t.words;
  const keepAliveSeconds = Math.max(0, options.keepAliveSeconds ?? 0);
  // links must outlive the keep-alive; the bot allows at most an hour
  const linkTtlSeconds = Math.min(3600, Math.max(300, keepAliveSeconds + 60));
  const nameOf = demoNames();
  const summary: DemoSummary = { ok: false, archiveEntries: [], problems: [] };

  const name = (id: string) => nameOf(id) ?? id;
  t.section('demo', w.stage.title());
  const world = await startDemoWorld({ exportDurationMs: SIMULATED_EXPORT_MS, linkTtlSeconds, locale: t.reader.locale });
  t.say(
    ...w.stage.lines({
      simulatorUrl: world.sim.baseUrl,
      exportDays: SIMULATED_EXPORT_MS / DAY_MS,
      port: String(world.app.port),
      requester: name(REQUESTER),
      approver: name(APPROVER),
      subjects: t.reader.list([name(ALICE), name(BOB)]),
    }),
  );

  const feed = createActivityFeed({ store: world.app.store, slack: world.slack, requesterId: REQUESTER, nameOf, words: w });
  let genesysSeen = 0;
  const newGenesysCalls = () => {
    const calls = world.genesysCalls.slice(genesysSeen);
    genesysSeen += calls.length;
    return calls;
  };
  const reportBot = async () => {
    // the demo's own fetch of the signed link is not the bot's doing
    const botCalls = newGenesysCalls().filter((c) => !c.path.startsWith('/signed/'));
    const lines = [...(await feed.drain()).map((e) => e.line), ...summariseCalls(botCalls, w.calls).map((l) => w.botCall(l))];
    if (lines.length === 0) return;
    t.say('', w.meanwhile());
    for (const line of lines) t.say(`  ${line}`);
  };

  try {
    const viewId = await requesterOpensForm(world, t, nameOf);
    summary.caseId = await requesterSubmits(world, t, nameOf, viewId);
    await reportBot();
    await approverApproves(world, t, nameOf, summary.caseId);
    await reportBot();
    await botWaitsForGenesys(world, t, feed, summary.caseId, newGenesysCalls);
    requesterReadsDms(world, t, nameOf);
    const link = await requesterDownloads(world, t, nameOf);
    await reportBot();
    Object.assign(summary, link);
  } finally {
    summary.problems = collectProblems(world, w);
    wrapUp(world, t, summary);
    summary.ok = summary.problems.length === 0 && summary.downloadStatus === 200;
    await world.stopBot();
    if (summary.downloadUrl && keepAliveSeconds > 0) await keepAlive(t, summary.downloadUrl, keepAliveSeconds, options.signal);
    await world.close();
  }
  return summary;
}

function wrapUp(world: DemoWorld, t: Transcript, summary: DemoSummary): void {
  const w = t.words;
  t.section('demo', w.summary.title());
  t.say(w.summary.callsHeading());
  for (const line of countCalls(world.genesysCalls.filter((c) => !c.path.startsWith('/signed/')), w.calls)) t.say(`  ${line}`);
  if (summary.problems.length === 0) t.say('', w.summary.noProblems());
  else t.say('', w.summary.problems(), ...summary.problems.map((p) => `  ${p}`));
  if (summary.downloadUrl) t.say('', w.summary.downloadLink({ url: summary.downloadUrl }));
}

function collectProblems(world: DemoWorld, w: DemoWords): string[] {
  return [
    ...world.botProblems.map((line) => w.problems.botLog({ line })),
    ...world.slack.calls.filter((c) => !c.ok).map((c) => w.problems.slackRefused({ method: c.method, error: c.error })),
    ...world.genesysCalls.filter((c) => c.status === 'dropped' || c.status >= 400).map((c) => w.problems.genesysAnswered(c)),
  ];
}

async function keepAlive(t: Transcript, url: string, seconds: number, signal?: AbortSignal): Promise<void> {
  t.say('', t.words.keepAlive.waiting({ seconds }), `  curl -o export.zip '${url}'`);
  try {
    await sleep(seconds * 1000, undefined, { signal });
  } catch {
    // aborted: the person is done
  }
  t.say(t.words.keepAlive.stopped());
}
