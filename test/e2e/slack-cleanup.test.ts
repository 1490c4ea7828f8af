/**
 * Nothing left behind in Slack: when a case is purged after RECORD_RETENTION_DAYS, the timeline
 * files the bot uploaded are deleted and its approval cards, status message and their DM threads
 * become a tombstone. A failing files.delete (a platform error, ok:false) is retried by the outbox
 * and counted on /metrics. The bots' clock is moved past the retention; everything else is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  REQUESTER,
  REQUESTER_AND_APPROVER,
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
  timelineSubmission,
  type Harness,
} from './harness.js';

/** the CSV, the readable HTML and the chain-of-custody JSON */
const TIMELINE_FILES = 3;

const DAY_MS = 86_400_000;
let h: Harness;
let caseId = '';
let clockOffsetMs = 0;

const botDms = () => [REQUESTER, APPROVER_1, APPROVER_2, REQUESTER_AND_APPROVER].flatMap((u) => dmMessages(h, u));

async function metric(name: string, labels: string): Promise<number> {
  const body = await (await fetch(`http://127.0.0.1:${h.app.port}/metrics`)).text();
  const line = body.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

beforeAll(async () => {
  h = await startHarness({ env: { RECORD_RETENTION_DAYS: '1' }, clock: { now: () => new Date(Date.now() + clockOffsetMs) } });
  const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
  await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
  const c = await caseOf(h, REQUESTER);
  caseId = c.id;
  await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'ok'));
  await eventually(() => caseOf(h, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
  const finished = await eventually(
    () => dmMessages(h, REQUESTER).find((m) => buttonsOf(m).some((b) => b.action_id === ids.BUILD_TIMELINE)),
    (m) => m !== undefined,
    10_000,
    'the case-finished message',
  );
  await h.sender.interactive(buttonClick(REQUESTER, ids.BUILD_TIMELINE, c.id, h.slack.dmChannelOf(REQUESTER)!, finished!.ts));
  await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.TIMELINE_MODAL), 10_000);
  await h.sender.interactive(timelineSubmission(c.id));
  await h.slack.waitFor('files.completeUploadExternal', undefined, 20_000);
  await eventually(() => h.app.store.getMeta<string[]>(`slack:files:${c.id}`), (f) => (f?.length ?? 0) === TIMELINE_FILES, 10_000, 'the file ids recorded');
  // every notification of the case is out before the purge
  await eventually(() => botDms().filter((m) => JSON.stringify(m).includes('Alice')).length, (n) => n > 0);
  await eventually(() => h.app.store.getMeta(`slack:cards:${c.id}`), (cards) => cards !== undefined, 10_000, 'the approval cards');
}, 90_000);

afterAll(async () => {
  await h.close();
});

describe('purging a case clears Slack', () => {
  it('deletes the timeline files and tombstones cards, status message and replies, retrying a failed files.delete', async () => {
    expect(h.slack.files().filter((f) => f.filename.startsWith(caseId))).toHaveLength(TIMELINE_FILES);
    const cards = (await h.app.store.getMeta<Array<{ channel: string; ts: string }>>(`slack:cards:${caseId}`)) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    const cardChannels = cards.map((card) => card.channel);

    h.slack.failWith('files.delete', 'fatal_error', 1);
    clockOffsetMs = 2 * DAY_MS;
    await eventually(() => h.app.workflow.getCase(caseId), (c) => c === undefined, 15_000, 'the purge');
    await eventually(() => metric('gdpr_export_slack_cleanup_total', 'item="file",outcome="failed"'), (n) => n === 1, 15_000, 'the failure counted');
    expect(await metric('gdpr_export_notifications_total', 'kind="case_purged",outcome="failed"')).toBe(1);
    expect(h.slack.files().filter((f) => f.filename.startsWith(caseId))).toHaveLength(TIMELINE_FILES);

    clockOffsetMs += 60_000; // past the outbox's first retry delay
    await eventually(() => h.slack.files().filter((f) => f.filename.startsWith(caseId)).length, (n) => n === 0, 15_000, 'the files deleted');
    await eventually(() => metric('gdpr_export_notifications_total', 'kind="case_purged",outcome="sent"'), (n) => n === 1, 15_000, 'the clean-up sent');
    expect(await metric('gdpr_export_slack_cleanup_total', 'item="file",outcome="deleted"')).toBe(TIMELINE_FILES);

    // nothing the bot wrote about the case still names a person or quotes the request
    const notifications = botDms().filter((m) => JSON.stringify(m.metadata ?? {}).includes(caseId) || (m.files?.length ?? 0) > 0);
    expect(notifications.length).toBeGreaterThanOrEqual(4);
    for (const m of notifications) {
      expect(m.text).toMatch(new RegExp(`^GDPR export ${caseId} — record purged on \\d{4}-\\d{2}-\\d{2}\\.$`));
      expect(JSON.stringify(m.blocks)).not.toMatch(/Alice|DSAR-2026-0042|get_download_link|approve_case/);
    }
    // (the bot's plain replies, e.g. "Building the conversation timeline of GX-…", hold the id only)
    expect(JSON.stringify(botDms())).not.toMatch(/Alice|DSAR-2026-0042/);
    expect(JSON.stringify(botDms())).not.toContain(VALID_FORM.justification);
    for (const channel of cardChannels) {
      expect(h.slack.messages(channel).every((m) => !JSON.stringify(m).includes(VALID_FORM.justification))).toBe(true);
    }
    // message references and file ids are forgotten once done
    expect(await h.app.store.getMeta(`slack:files:${caseId}`)).toBeUndefined();
    expect(await h.app.store.getMeta(`slack:status:${caseId}`)).toBeUndefined();

    // the clean-up is sent once
    const updates = h.slack.callsTo('chat.update').length;
    clockOffsetMs += DAY_MS;
    await new Promise((r) => setTimeout(r, 500));
    expect(h.slack.callsTo('chat.update').length).toBe(updates);
  });
});
