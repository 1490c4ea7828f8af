/**
 * The steps of the demo, one per moment of the story. Each acts as a person would (through signed
 * Slack payloads), waits for the bot's answer on the fake Slack, and writes what was seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_CASE_STATES } from '../../src/workflow/model.js';
import { DEFAULT_READER } from '../../src/slack/catalog/index.js';
import { notificationIds } from '../../src/workflow/notifications.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { RecordedCall } from '../fake-slack/index.js';
import type { SimRequestLogEntry } from '../genesys-simulator/index.js';
import type { ActivityFeed } from './activity-feed.js';
import { ALICE, APPROVAL_NOTE, APPROVER, BOB, DEMO_FORM, REQUESTER, approvalSubmission, buttonClick, requestFormSubmission } from './demo-cast.js';
import type { DemoWorld } from './demo-world.js';
import { renderBlocks, renderMessage, renderModal, type NameOf } from './render-blocks.js';
import type { Transcript } from './transcript.js';
import { listZipEntries } from './zip-entries.js';

export const DAY_MS = 86_400_000;
/** what Genesys takes in the demo, in simulated time… */
export const SIMULATED_EXPORT_MS = 2 * DAY_MS;
/** …and in real time */
export const REAL_EXPORT_MS = 6_000;
/** give up if the flow stalls this long (real time) */
const STEP_TIMEOUT_MS = 30_000;

export interface DownloadOutcome {
  downloadUrl: string;
  downloadStatus: number;
  archiveBytes: number;
  archiveEntries: string[];
}

export async function requesterOpensForm(world: DemoWorld, t: Transcript, nameOf: NameOf): Promise<string> {
  t.section('Requester', `${nameOf(REQUESTER)} asks for an export`);
  t.say(`types in #general:   /gdpr-export @alice @bob`);
  const answer = await world.sender.command({ text: `<@${ALICE}|alice> <@${BOB}|bob>`, userId: REQUESTER });
  if (answer.status !== 200) throw new Error(`the bot answered the slash command with HTTP ${answer.status}`);
  const opened = await world.slack.waitFor('views.open', (c) => c.ok, STEP_TIMEOUT_MS);
  const viewId = [...world.slack.views().values()].find((v) => v.callbackId === ids.REQUEST_MODAL)?.id;
  if (!viewId) throw new Error('the request form did not open');
  const before = renderModal(viewOf(opened), nameOf);
  // The bot opens the form complete when its look-ups answer at once; otherwise it fills them in.
  const filledLater = before.some((l) => l.includes('checking'));
  const completed = filledLater
    ? await world.slack.waitFor('views.update', (c) => c.ok && (c.args as { view_id?: string }).view_id === viewId, STEP_TIMEOUT_MS)
    : opened;
  const after = renderModal(viewOf(completed), nameOf);
  if (filledLater) {
    t.say('', 'The form opens at once (Slack allows 3 s); the bot then fills in what needs a look-up:');
    for (const line of after.filter((l) => !before.includes(l))) t.say(`  ${line.replace(/^│ /, '')}`);
  } else {
    t.say('', 'The form opens at once (Slack allows 3 s), with what the bot looked up:');
    for (const line of after.filter((l) => /retention|Approval/.test(l))) t.say(`  ${line.replace(/^│ /, '')}`);
  }
  t.say('', 'sees the request form:');
  t.show(after);
  return viewId;
}

export async function requesterSubmits(world: DemoWorld, t: Transcript, nameOf: NameOf, viewId: string): Promise<string> {
  t.say(
    '',
    'fills it in and presses [ Submit request ]:',
    `  People in Slack: ${DEMO_FORM.users.map((id) => `@${nameOf(id)}`).join(', ')}`,
    `  Legal basis: ${DEFAULT_READER.t.case.legalBasis[DEMO_FORM.legalBasis]}`,
    `  Case reference: ${DEMO_FORM.caseReference}`,
    `  Justification: ${DEMO_FORM.justification}`,
  );
  const answer = await world.sender.interactive(requestFormSubmission(REQUESTER, viewId, DEMO_FORM));
  const json = answer.json as { response_action?: string; view?: unknown; errors?: Record<string, string> } | undefined;
  if (json?.response_action !== 'update') throw new Error(`the form was refused: ${JSON.stringify(json?.errors ?? answer.body)}`);
  t.say('', 'sees the confirmation:');
  t.show(renderModal(json.view, nameOf));
  // On a slow machine the form first says "checking" and the case appears a moment later.
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const [created] = await world.app.workflow.listMyCases(REQUESTER, 1);
    if (created) return created.id;
    if (Date.now() > deadline) throw new Error('no case was created');
    await sleep(100);
  }
}

export async function approverApproves(world: DemoWorld, t: Transcript, nameOf: NameOf, caseId: string): Promise<void> {
  t.section('Approver', `${nameOf(APPROVER)} decides`);
  await world.slack.waitFor('chat.postMessage', (c) => c.ok && JSON.stringify(c.args).includes(ids.APPROVE_CASE), STEP_TIMEOUT_MS);
  const channel = world.slack.dmChannelOf(APPROVER);
  const card = channel ? world.slack.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes(ids.APPROVE_CASE)) : undefined;
  if (!channel || !card) throw new Error('the approval card did not reach the approver');
  t.say('receives a direct message from the bot:');
  t.show(renderMessage(card, nameOf, 'DM from gdpr-export'));

  t.say('', 'clicks [ Approve ]; the bot asks for confirmation:');
  const opensBefore = world.slack.callsTo('views.open').length;
  await world.sender.interactive(buttonClick(APPROVER, ids.APPROVE_CASE, caseId, { channel, ts: card.ts }));
  await world.slack.waitFor('views.open', () => world.slack.callsTo('views.open').length > opensBefore, STEP_TIMEOUT_MS);
  const modal = [...world.slack.views().values()].find((v) => v.callbackId === ids.APPROVE_MODAL);
  if (!modal) throw new Error('the approval confirmation did not open');
  t.show(renderModal(modal.view, nameOf));

  t.say('', `types the note “${APPROVAL_NOTE}” and presses [ Approve ]`);
  const updatesBefore = world.slack.callsTo('chat.update').length;
  const answer = await world.sender.interactive(approvalSubmission(APPROVER, modal.id, caseId, APPROVAL_NOTE));
  const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
  if (answer.status !== 200 || errors) throw new Error(`the approval was refused: ${JSON.stringify(errors ?? answer.body)}`);
  const updated = await world.slack.waitFor(
    'chat.update',
    (c) => world.slack.callsTo('chat.update').length > updatesBefore && c.ok && (c.args as { channel?: string }).channel === channel,
    STEP_TIMEOUT_MS,
  );
  const decidedLine = renderBlocks((updated.args as { blocks?: unknown[] }).blocks ?? [], nameOf).pop();
  t.say(`the card loses its buttons and now ends with: “${decidedLine ?? ''}”`);
}

export async function botWaitsForGenesys(world: DemoWorld, t: Transcript, feed: ActivityFeed, caseId: string, newGenesysCalls: () => SimRequestLogEntry[]): Promise<void> {
  const speed = Math.round(SIMULATED_EXPORT_MS / REAL_EXPORT_MS);
  t.section('Bot', 'submits the exports and waits for Genesys Cloud');
  t.say(
    `Genesys can take days and notifies nobody, so the bot polls. Simulating ${SIMULATED_EXPORT_MS / DAY_MS} days in about ${REAL_EXPORT_MS / 1000} s:`,
    `the simulator's clock now runs ${speed.toLocaleString('en')}× faster. Times below are simulated, from the approval`,
    '(the bot keeps real time, so the dates in its messages are today’s).',
    '',
  );
  const from = world.clock.now();
  world.clock.setSpeed(speed);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let statusChecks = 0;
  for (;;) {
    for (const event of await feed.drain()) t.say(`[${simulatedOffset(world.clock.at(event.atMs) - from)}] ${event.line}`);
    statusChecks += newGenesysCalls().filter((c) => /^\/api\/v2\/gdpr\/requests\/[^/]+$/.test(c.path)).length;
    if (await everythingSaid(world, caseId)) break;
    if (Date.now() > deadline) throw new Error('the exports did not complete in time');
    await sleep(100);
  }
  for (const event of await feed.drain()) t.say(`[${simulatedOffset(world.clock.at(event.atMs) - from)}] ${event.line}`);
  world.clock.setSpeed(1);
  t.say('', `The bot checked the exports' status ${statusChecks} times; Genesys's clock is back to real time.`);
}

/**
 * The case is finished, its "all done" notice has been sent, and the outbox holds nothing more.
 * Notices are queued just after the case is written, so a finished case with an empty outbox is
 * not enough: the finished notice is sent after every subject's notice, so it marks the end.
 */
async function everythingSaid(world: DemoWorld, caseId: string): Promise<boolean> {
  const c = await world.app.workflow.getCase(caseId);
  if (!c || !TERMINAL_CASE_STATES.includes(c.state)) return false;
  const finished = await world.app.store.getNotification(notificationIds.caseFinished(c));
  if (finished?.status !== 'sent') return false;
  const pending = await world.app.store.dueNotifications(new Date(Date.now() + 365 * DAY_MS), 1);
  return pending.length === 0;
}

export function requesterReadsDms(world: DemoWorld, t: Transcript, nameOf: NameOf): void {
  t.section('Requester', `${nameOf(REQUESTER)} reads the bot's direct messages`);
  const dm = world.slack.dmChannelOf(REQUESTER);
  const messages = dm ? world.slack.messages(dm) : [];
  for (const m of messages) {
    const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
    t.show(renderMessage(m, nameOf, isReply ? 'reply in the case thread (also sent to the DM)' : `status message${m.edited ? ' (updated in place as things move)' : ''}`));
  }
}

export async function requesterDownloads(world: DemoWorld, t: Transcript, nameOf: NameOf): Promise<DownloadOutcome> {
  t.section('Requester', `${nameOf(REQUESTER)} clicks [ Get download link ]`);
  const dm = world.slack.dmChannelOf(REQUESTER);
  const ready = dm ? world.slack.messages(dm).find((m) => JSON.stringify(m.blocks ?? []).includes(ids.GET_DOWNLOAD_LINK)) : undefined;
  const value = ready ? buttonValue(ready.blocks ?? [], ids.GET_DOWNLOAD_LINK) : undefined;
  if (!dm || !ready || !value) throw new Error('no "ready" message with a download button');

  const linkView = (c: RecordedCall) => c.ok && JSON.stringify((c.args as { view?: unknown }).view ?? {}).includes('/signed/');
  await world.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, value, { channel: dm, ts: ready.ts }));
  const shown = await world.slack.waitFor('views.update', linkView, STEP_TIMEOUT_MS);
  t.say('sees a fresh, short-lived link (minted now; never stored by the bot):');
  t.show(renderModal(viewOf(shown), nameOf));

  const url = signedUrlIn(viewOf(shown));
  if (!url) throw new Error('the download modal holds no link');
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  const entries = response.ok ? await listZipEntries(bytes) : [];
  t.say(
    '',
    `The demo fetches the link once: HTTP ${response.status}, ${response.headers.get('content-type') ?? 'no content type'}, ${bytes.length.toLocaleString('en')} bytes, ${entries.length} entries:`,
  );
  for (const e of entries) t.say(`  ${e.name.padEnd(48)} ${e.bytes.toLocaleString('en').padStart(7)} bytes`);
  t.say('(REALTIME!messages holds the Collaborate chat: only the messages that person wrote.)');
  return { downloadUrl: url, downloadStatus: response.status, archiveBytes: bytes.length, archiveEntries: entries.map((e) => e.name) };
}

function viewOf(call: RecordedCall): unknown {
  return (call.args as { view?: unknown }).view;
}

function buttonValue(blocks: unknown[], actionId: string): string | undefined {
  for (const block of blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const button = block.elements?.find((e) => e.action_id === actionId);
    if (button?.value) return button.value;
  }
  return undefined;
}

/** The first signed link in a view's mrkdwn, as Slack would open it (`&amp;` decoded). */
function signedUrlIn(view: unknown): string | undefined {
  const match = /<(https?:\/\/[^|>\s]+\/signed\/[^|>\s]+)\|/.exec(JSON.stringify(view));
  return match?.[1]?.replace(/&amp;/g, '&');
}

/** "+1d 07:42" */
function simulatedOffset(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `+${days}d ${hh}:${mm}`;
}
