/**
 * The steps of the demo, one per moment of the story. Each acts as a person would (through signed
 * Slack payloads), waits for the bot's answer on the fake Slack, and writes what was seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_CASE_STATES } from '../../src/workflow/model.js';
import { notificationIds } from '../../src/workflow/notifications.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { RecordedCall } from '../fake-slack/index.js';
import type { SimRequestLogEntry } from '../genesys-simulator/index.js';
import type { ActivityFeed } from './activity-feed.js';
import { ALICE, APPROVER, BOB, REQUESTER, approvalNote, approvalSubmission, buttonClick, demoForm, requestFormSubmission } from './demo-cast.js';
import type { DemoWorld } from './demo-world.js';
import { renderBlocks, renderMessage, renderModal, type NameOf } from './render-blocks.js';
import type { DemoWords } from './demo-words.js';
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
  const w = t.words;
  t.section('requester', w.request.title({ name: nameOf(REQUESTER) ?? REQUESTER }));
  t.say(w.request.types({ command: '/gdpr-export @alice @bob' }));
  const answer = await world.sender.command({ text: `<@${ALICE}|alice> <@${BOB}|bob>`, userId: REQUESTER });
  if (answer.status !== 200) throw new Error(w.failures.slashCommand({ status: answer.status }));
  const opened = await world.slack.waitFor('views.open', (c) => c.ok, STEP_TIMEOUT_MS);
  const viewId = [...world.slack.views().values()].find((v) => v.callbackId === ids.REQUEST_MODAL)?.id;
  if (!viewId) throw new Error(w.failures.formDidNotOpen());
  const before = renderModal(viewOf(opened), nameOf, w.render);
  // The bot opens the form complete when its look-ups answer at once; otherwise it opens it with
  // placeholders and fills them in. Until then the form names no approver.
  const filledLater = !JSON.stringify(viewOf(opened)).includes(`<@${APPROVER}>`);
  const completed = filledLater
    ? await world.slack.waitFor('views.update', (c) => c.ok && (c.args as { view_id?: string }).view_id === viewId, STEP_TIMEOUT_MS)
    : opened;
  const after = renderModal(viewOf(completed), nameOf, w.render);
  if (filledLater) {
    t.say('', w.request.formFilledLater());
    for (const line of after.filter((l) => !before.includes(l))) t.say(`  ${line.replace(/^│ /, '')}`);
  } else {
    t.say('', w.request.formComplete());
    for (const line of renderBlocks(lookedUpBlocks(viewOf(completed)), nameOf, w.render)) t.say(`  ${line}`);
  }
  t.say('', w.request.seesForm());
  t.show(after);
  return viewId;
}

/** The form's sections that show what the bot looked up: the retention period and the approvers. */
const LOOKED_UP_EMOJI = [':calendar:', ':busts_in_silhouette:'];

function lookedUpBlocks(view: unknown): unknown[] {
  const blocks = ((view as { blocks?: unknown[] } | undefined)?.blocks ?? []) as Array<{ type?: string; text?: { text?: string } }>;
  return blocks.filter((b) => b.type === 'section' && LOOKED_UP_EMOJI.some((emoji) => b.text?.text?.startsWith(emoji)));
}

/** The label of a form's input, as the bot wrote it (so in the reader's language). */
function inputLabel(view: unknown, blockId: string): string {
  const blocks = ((view as { blocks?: unknown[] } | undefined)?.blocks ?? []) as Array<{ block_id?: string; label?: { text?: string } }>;
  return blocks.find((b) => b.block_id === blockId)?.label?.text ?? blockId;
}

/** The text of a view's submit button. */
function submitLabel(view: unknown): string {
  return (view as { submit?: { text?: string } } | undefined)?.submit?.text ?? '';
}

export async function requesterSubmits(world: DemoWorld, t: Transcript, nameOf: NameOf, viewId: string): Promise<string> {
  const w = t.words;
  const form = demoForm(t.reader.locale);
  const view: unknown = world.slack.views().get(viewId)?.view;
  const field = (blockId: string, value: string) => `  ${w.render.labelled(inputLabel(view, blockId), value)}`;
  t.say(
    '',
    w.request.fillsIn({ button: submitLabel(view) }),
    field(ids.SUBJECTS_BLOCK, form.users.map((id) => `@${nameOf(id)}`).join(', ')),
    field(ids.LEGAL_BASIS_BLOCK, t.reader.t.case.legalBasis[form.legalBasis]),
    field(ids.CASE_REFERENCE_BLOCK, form.caseReference),
    field(ids.JUSTIFICATION_BLOCK, form.justification),
  );
  const answer = await world.sender.interactive(requestFormSubmission(REQUESTER, viewId, form));
  const json = answer.json as { response_action?: string; view?: unknown; errors?: Record<string, string> } | undefined;
  if (json?.response_action !== 'update') throw new Error(w.failures.formRefused({ errors: JSON.stringify(json?.errors ?? answer.body) }));
  t.say('', w.request.seesConfirmation());
  t.show(renderModal(json.view, nameOf, w.render));
  // On a slow machine the form first says "checking" and the case appears a moment later.
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const [created] = await world.app.workflow.listMyCases(REQUESTER, 1);
    if (created) return created.id;
    if (Date.now() > deadline) throw new Error(w.failures.noCase());
    await sleep(100);
  }
}

export async function approverApproves(world: DemoWorld, t: Transcript, nameOf: NameOf, caseId: string): Promise<void> {
  const w = t.words;
  t.section('approver', w.approval.title({ name: nameOf(APPROVER) ?? APPROVER }));
  await world.slack.waitFor('chat.postMessage', (c) => c.ok && JSON.stringify(c.args).includes(ids.APPROVE_CASE), STEP_TIMEOUT_MS);
  const channel = world.slack.dmChannelOf(APPROVER);
  const card = channel ? world.slack.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes(ids.APPROVE_CASE)) : undefined;
  if (!channel || !card) throw new Error(w.failures.noApprovalCard());
  t.say(w.approval.receivesDm());
  t.show(renderMessage(card, nameOf, w.approval.dmTitle(), w.render));

  t.say('', w.approval.clicks({ button: buttonOf(card.blocks ?? [], ids.APPROVE_CASE)?.text?.text ?? '' }));
  const opensBefore = world.slack.callsTo('views.open').length;
  await world.sender.interactive(buttonClick(APPROVER, ids.APPROVE_CASE, caseId, { channel, ts: card.ts }));
  await world.slack.waitFor('views.open', () => world.slack.callsTo('views.open').length > opensBefore, STEP_TIMEOUT_MS);
  const modal = [...world.slack.views().values()].find((v) => v.callbackId === ids.APPROVE_MODAL);
  if (!modal) throw new Error(w.failures.noConfirmation());
  t.show(renderModal(modal.view, nameOf, w.render));

  const note = approvalNote(t.reader.locale);
  t.say('', w.approval.typesNote({ note, button: submitLabel(modal.view) }));
  const updatesBefore = world.slack.callsTo('chat.update').length;
  const answer = await world.sender.interactive(approvalSubmission(APPROVER, modal.id, caseId, note));
  const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
  if (answer.status !== 200 || errors) throw new Error(w.failures.approvalRefused({ errors: JSON.stringify(errors ?? answer.body) }));
  const updated = await world.slack.waitFor(
    'chat.update',
    (c) => world.slack.callsTo('chat.update').length > updatesBefore && c.ok && (c.args as { channel?: string }).channel === channel,
    STEP_TIMEOUT_MS,
  );
  const decidedLine = renderBlocks((updated.args as { blocks?: unknown[] }).blocks ?? [], nameOf, w.render).pop();
  t.say(w.approval.cardEndsWith({ line: decidedLine ?? '' }));
}

export async function botWaitsForGenesys(world: DemoWorld, t: Transcript, feed: ActivityFeed, caseId: string, newGenesysCalls: () => SimRequestLogEntry[]): Promise<void> {
  const w = t.words;
  const speed = Math.round(SIMULATED_EXPORT_MS / REAL_EXPORT_MS);
  t.section('bot', w.waiting.title());
  t.say(
    ...w.waiting.polling({ exportDays: SIMULATED_EXPORT_MS / DAY_MS, seconds: REAL_EXPORT_MS / 1000, speed }),
    '',
  );
  const say = (event: { atMs: number; line: string }) => t.say(`[${simulatedOffset(world.clock.at(event.atMs) - from, w)}] ${event.line}`);
  const from = world.clock.now();
  world.clock.setSpeed(speed);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let statusChecks = 0;
  for (;;) {
    for (const event of await feed.drain()) say(event);
    statusChecks += newGenesysCalls().filter((c) => /^\/api\/v2\/gdpr\/requests\/[^/]+$/.test(c.path)).length;
    if (await everythingSaid(world, caseId)) break;
    if (Date.now() > deadline) throw new Error(w.failures.exportsTooSlow());
    await sleep(100);
  }
  for (const event of await feed.drain()) say(event);
  world.clock.setSpeed(1);
  t.say('', w.waiting.statusChecks({ times: statusChecks }));
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
  const w = t.words;
  t.section('requester', w.dms.title({ name: nameOf(REQUESTER) ?? REQUESTER }));
  const dm = world.slack.dmChannelOf(REQUESTER);
  const messages = dm ? world.slack.messages(dm) : [];
  for (const m of messages) {
    const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
    t.show(renderMessage(m, nameOf, isReply ? w.dms.threadReply() : w.dms.statusMessage({ edited: Boolean(m.edited) }), w.render));
  }
}

export async function requesterDownloads(world: DemoWorld, t: Transcript, nameOf: NameOf): Promise<DownloadOutcome> {
  const w = t.words;
  const dm = world.slack.dmChannelOf(REQUESTER);
  const ready = dm ? world.slack.messages(dm).find((m) => JSON.stringify(m.blocks ?? []).includes(ids.GET_DOWNLOAD_LINK)) : undefined;
  const button = ready ? buttonOf(ready.blocks ?? [], ids.GET_DOWNLOAD_LINK) : undefined;
  const value = button?.value;
  if (!dm || !ready || !value) throw new Error(w.failures.noReadyMessage());
  t.section('requester', w.download.title({ name: nameOf(REQUESTER) ?? REQUESTER, button: button.text?.text ?? '' }));

  const linkView = (c: RecordedCall) => c.ok && JSON.stringify((c.args as { view?: unknown }).view ?? {}).includes('/signed/');
  await world.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, value, { channel: dm, ts: ready.ts }));
  const shown = await world.slack.waitFor('views.update', linkView, STEP_TIMEOUT_MS);
  t.say(w.download.seesLink());
  t.show(renderModal(viewOf(shown), nameOf, w.render));

  const url = signedUrlIn(viewOf(shown));
  if (!url) throw new Error(w.failures.noLinkInModal());
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  const entries = response.ok ? await listZipEntries(bytes) : [];
  const contentType = response.headers.get('content-type') ?? undefined;
  t.say('', w.download.fetched({ status: response.status, contentType, bytes: bytes.length, entries: entries.length }));
  for (const e of entries) t.say(`  ${w.download.entry({ name: e.name.padEnd(48), bytes: t.reader.number(e.bytes).padStart(7) })}`);
  t.say(w.download.realtimeNote());
  return { downloadUrl: url, downloadStatus: response.status, archiveBytes: bytes.length, archiveEntries: entries.map((e) => e.name) };
}

function viewOf(call: RecordedCall): unknown {
  return (call.args as { view?: unknown }).view;
}

interface Button {
  action_id?: string;
  value?: string;
  text?: { text?: string };
}

/** The button with this action id in a message's blocks: its value and its words. */
function buttonOf(blocks: unknown[], actionId: string): Button | undefined {
  for (const block of blocks as Array<{ elements?: Button[]; accessory?: Button }>) {
    const button = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].find((e) => e.action_id === actionId);
    if (button) return button;
  }
  return undefined;
}

/** The first signed link in a view's mrkdwn, as Slack would open it (`&amp;` decoded). */
function signedUrlIn(view: unknown): string | undefined {
  const match = /<(https?:\/\/[^|>\s]+\/signed\/[^|>\s]+)\|/.exec(JSON.stringify(view));
  return match?.[1]?.replace(/&amp;/g, '&');
}

/** "+1d 07:42" */
function simulatedOffset(ms: number, w: DemoWords): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return w.waiting.offset({ days, hh, mm });
}
