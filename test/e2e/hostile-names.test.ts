/**
 * A Genesys or Slack display name is data, not markup: wherever Slack renders mrkdwn (messages,
 * cards, modals, App Home, the timeline upload's comment) a name like `<https://evil|click>`,
 * `<!channel>` or `*bold*` must show as text, never as a link, a broadcast or formatting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { defaultSimUsers } from '../../dev/genesys-simulator/index.js';
import { viewSubmissionPayload } from '../../dev/fake-slack/index.js';
import { ALICE, APPROVER_1, REQUESTER, VALID_FORM, buttonClick, buttonsOf, caseOf, decisionSubmission, dmMessages, eventually, openModal, requestSubmission, startHarness, type Harness } from './harness.js';

const HOSTILE_NAME = 'Alice <https://evil.example/phish|click here> <!channel> *bold* & co';
/** what must never reach Slack unescaped */
const MARKUP = ['<https://evil.example', '<!channel>', '*bold*', ' & co'];

let h: Harness;
beforeAll(async () => {
  const users = defaultSimUsers().map((u) => (u.email === 'alice@example.com' ? { ...u, name: HOSTILE_NAME } : u));
  h = await startHarness({ sim: { users } });
}, 60_000);
afterAll(async () => {
  await h.close();
});

/** mrkdwn texts the bot sent: message texts and blocks, modals and Home, file comments */
function renderedTexts(): string[] {
  const texts: string[] = [];
  const walk = (node: unknown, mrkdwn: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, mrkdwn));
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') texts.push(o.text);
    for (const [key, value] of Object.entries(o)) if (key !== 'text' || typeof value !== 'string') walk(value, mrkdwn);
  };
  for (const call of h.slack.calls) {
    const args = call.args;
    if (/^chat\.|^response_url$/.test(call.method) && typeof args.text === 'string') texts.push(args.text);
    if (typeof args.initial_comment === 'string') texts.push(args.initial_comment);
    walk(args.blocks, true);
    walk(args.view, true);
  }
  return texts;
}

describe('hostile names', () => {
  it('show as text in every message, card, modal and the timeline comment', async () => {
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}>`);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
    const c = await caseOf(h, REQUESTER);
    expect(c.subjects[0]!.name).toBe(HOSTILE_NAME);
    const subjectValue = ids.subjectButtonValue(c.id, c.subjects[0]!.id);
    /** a button of the requester's, then the view it opens or updates */
    const click = async (actionId: string, value: string, method: string, showing: string) => {
      await h.sender.interactive(buttonClick(REQUESTER, actionId, value, 'D0HOSTILE', '1.000001'));
      await h.slack.waitFor(method, (call) => JSON.stringify(call.args.view).includes(showing), 10_000);
    };
    // a download link asked for too early: the refusal names the person
    await click(ids.GET_DOWNLOAD_LINK, subjectValue, 'views.update', 'not ready yet');
    await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'ok'));
    await eventually(() => caseOf(h, REQUESTER), (x) => x.state === 'completed', 20_000, 'completed');
    await eventually(() => dmMessages(h, REQUESTER).some((m) => buttonsOf(m).some((b) => b.action_id === ids.BUILD_TIMELINE)), Boolean, 10_000, 'the finished message');
    await click(ids.GET_DOWNLOAD_LINK, subjectValue, 'views.update', '/signed/');
    await h.sender.interactive({ type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0FAKESLACK', event: { type: 'app_home_opened', user: REQUESTER, tab: 'home', channel: 'D0HOME' }, event_id: 'EvHOSTILE', event_time: 1 });
    await h.slack.waitFor('views.publish', undefined, 10_000);
    await click(ids.BUILD_TIMELINE, c.id, 'views.open', ids.TIMELINE_MODAL);
    await h.sender.interactive(
      viewSubmissionPayload({
        userId: REQUESTER,
        teamId: 'T0TEST',
        view: {
          id: 'V0TIMELINE',
          callback_id: ids.TIMELINE_MODAL,
          private_metadata: c.id,
          state_values: {
            [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { type: 'datepicker', selected_date: null } },
            [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { type: 'datepicker', selected_date: null } },
          },
        },
      }),
    );
    const upload = await h.slack.waitFor('files.completeUploadExternal', undefined, 20_000);
    const comment = String((upload.args as { initial_comment?: unknown }).initial_comment);

    const texts = renderedTexts();
    const named = texts.filter((t) => t.includes('evil.example'));
    expect(named.length, 'the name appears in several places').toBeGreaterThan(3);
    const leaks = named.filter((t) => MARKUP.some((m) => t.includes(m)));
    expect(leaks).toEqual([]);
    expect(comment).toContain('Alice &lt;https://evil.example/phish|click here&gt; &lt;!channel&gt; bold &amp; co');
  });
});
