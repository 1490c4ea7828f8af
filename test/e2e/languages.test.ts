/**
 * Each person reads the bot in their own Slack language, through the whole flow: the request form
 * and its field errors, the approval card and dialog, the status message and "ready" DMs, the
 * download link, the timeline, refusals and errors. The same scenario runs for a French-speaking
 * and an English-speaking pair; a mixed case shows one case read in two languages at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import { readerFor, type Locale } from '../../src/slack/catalog/index.js';
import {
  ALICE,
  APPROVER_1,
  APPROVER_2,
  BOB,
  NOMATCH,
  OUTSIDER,
  REQUESTER,
  REQUESTER_AND_APPROVER,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseOf,
  commandReply,
  decisionSubmission,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';
import { timelineSubmission } from './timeline-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Prose only: mentions, links, code, ids and names are the same in every language. */
function prose(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\b(Rita Requester|Adam Approver|Alice Martin|Bob Chen|Genesys Cloud|GX-[0-9A-Z]+|DSAR-\d+-\d+)\b/g, ' ');
}

/** A text a person reads is in their language: French words and no English ones, or the reverse. */
function expectLanguage(text: string, locale: Locale, what: string): void {
  const words = prose(text);
  const french = /\b(vous|votre|vos|les|des|le|la|sur|demande|est|pour|aucun)\b|[éèêàçù]/i;
  const english = /\b(the|your|you|is|has|for|request)\b/i;
  if (locale === 'fr') {
    expect(words, `${what} should be French`).toMatch(french);
    expect(words, `${what} should hold no English`).not.toMatch(english);
  } else {
    expect(words, `${what} should be English`).toMatch(english);
    expect(words, `${what} should hold no French`).not.toMatch(/\b(vous|votre|demande|personne concernée)\b/i);
  }
}

describe.each(['fr', 'en'] as const)('a requester and an approver whose Slack speaks %s', (locale) => {
  it('go through the whole flow in that language', { timeout: 90_000 }, async () => {
    const t = readerFor(locale).t;
    const tag = TAGS[locale];
    h = await startHarness({
      locales: { [REQUESTER]: tag, [APPROVER_1]: tag, [APPROVER_2]: tag, [REQUESTER_AND_APPROVER]: tag, [OUTSIDER]: tag },
    });

    // help, and a refusal for someone who may not request
    expectLanguage(String((await commandReply(h, REQUESTER, 'help')).text), locale, 'the help');
    const refused = String((await commandReply(h, OUTSIDER, `<@${ALICE}>`)).text);
    expectLanguage(refused, locale, 'the not-allowed reply');

    // the form, a field error, and an error for a person Genesys does not know
    const viewId = await openModal(h, REQUESTER, `<@${ALICE}|alice>`);
    expect((h.slack.views().get(viewId)?.view as { title?: { text?: string } }).title?.text).toBe(t.request.title());
    const tooShort = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM, justification: 'short' }));
    const shortError = (tooShort.json as { errors?: Record<string, string> }).errors?.[ids.JUSTIFICATION_BLOCK] ?? '';
    expect(shortError).toBe(t.policyProblem.justification_too_short({}, readerFor(locale)));
    const unknown = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [NOMATCH], ...VALID_FORM }));
    const unknownError = Object.values((unknown.json as { errors?: Record<string, string> }).errors ?? {}).join(' ');
    expectLanguage(unknownError, locale, 'the unknown-person error');

    // a valid request: the confirmation, then the approval card in the approver's DM
    const submitted = await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
    expect(submitted.json).toMatchObject({ response_action: 'update' });
    expectLanguage(JSON.stringify((submitted.json as { view?: unknown }).view), locale, 'the confirmation');
    const c = await caseOf(h, REQUESTER);
    const card = await eventually(
      () => dmMessages(h!, APPROVER_1).find((m) => buttonsOf(m).some((b) => b.action_id === ids.APPROVE_CASE)),
      (m) => m !== undefined,
      15_000,
      'the approval card',
    );
    expect(JSON.stringify(card)).toContain(t.card.approveButton());
    expectLanguage(String(card!.text), locale, 'the card’s notification text');

    // the approve dialog and the decision
    await h.sender.interactive(buttonClick(APPROVER_1, ids.APPROVE_CASE, c.id, h.slack.dmChannelOf(APPROVER_1)!, '1.000'));
    const dialog = await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.APPROVE_MODAL));
    expect(JSON.stringify(dialog.args.view)).toContain(t.card.approveTitle());
    await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, null));

    // the "ready" DMs and the status message
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'completed', 20_000, 'case completed');
    const ready = await eventually(
      () => dmMessages(h!, REQUESTER).filter((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK)),
      (ms) => ms.length === 2,
      10_000,
      'two ready messages',
    );
    for (const m of ready) expectLanguage(String(m.text), locale, 'a ready DM');
    await eventually(() => JSON.stringify(dmMessages(h!, REQUESTER)), (all) => all.includes(t.case.state.completed), 10_000, 'the status message, completed');

    // a download link
    const value = buttonsOf(ready[0]!).find((b) => b.action_id === ids.GET_DOWNLOAD_LINK)!.value!;
    const updates = h.slack.callsTo('views.update').length;
    await h.sender.interactive(buttonClick(REQUESTER, ids.GET_DOWNLOAD_LINK, value, h.slack.dmChannelOf(REQUESTER)!, '1.000'));
    const linkView = await h.slack.waitFor('views.update', () => h!.slack.callsTo('views.update').length > updates, 10_000);
    expect(JSON.stringify(linkView.args.view)).toContain('/signed/');
    expectLanguage(JSON.stringify(linkView.args.view), locale, 'the download-link modal');

    // a refusal on a button: the outsider may not mint a link
    const outsiderUpdates = h.slack.callsTo('views.update').length;
    await h.sender.interactive(buttonClick(OUTSIDER, ids.GET_DOWNLOAD_LINK, value, 'D0OUTSIDER', '1.000'));
    const refusal = await h.slack.waitFor('views.update', () => h!.slack.callsTo('views.update').length > outsiderUpdates, 10_000);
    expectLanguage(JSON.stringify(refusal.args.view), locale, 'the refused download link');

    // the timeline: the DM around it and the readable file
    await h.sender.interactive(timelineSubmission(c.id, {}));
    await h.slack.waitFor('files.completeUploadExternal', undefined, 30_000);
    const complete = h.slack.callsTo('files.completeUploadExternal')[0]!;
    expectLanguage(String(complete.args.initial_comment), locale, 'the timeline comment');
    const html = h.slack.files().find((f) => f.filename.endsWith('-timeline.html'));
    expect(html?.bytes?.toString('utf8')).toContain(`<html lang="${locale}"`);
  });
});

describe('one case, two languages', () => {
  it('the French requester reads French while the English approver reads English, and the channel reads DEFAULT_LOCALE', { timeout: 60_000 }, async () => {
    h = await startHarness({
      locales: { [REQUESTER]: 'fr-FR', [APPROVER_1]: 'en-US', [APPROVER_2]: 'en-US', [REQUESTER_AND_APPROVER]: 'en-US' },
      env: { DEFAULT_LOCALE: 'fr', GDPR_APPROVAL_CHANNEL: 'C0APPROVALS' },
      channelMembers: { C0APPROVALS: [APPROVER_1, APPROVER_2, REQUESTER_AND_APPROVER] },
    });
    const fr = readerFor('fr').t;
    const viewId = await openModal(h, REQUESTER);
    await h.sender.interactive(requestSubmission(REQUESTER, viewId, { users: [ALICE], ...VALID_FORM }));
    const c = await caseOf(h, REQUESTER);

    // the channel's card is in DEFAULT_LOCALE (French here), though its readers speak English
    const card = await eventually(
      () => h!.slack.messages('C0APPROVALS').find((m) => buttonsOf(m).some((b) => b.action_id === ids.APPROVE_CASE)),
      (m) => m !== undefined,
      15_000,
      'the card in the approval channel',
    );
    expect(JSON.stringify(card)).toContain(fr.card.approveButton());

    // the English approver's own dialog and replies are English
    await h.sender.interactive(buttonClick(APPROVER_1, ids.REJECT_CASE, c.id, 'C0APPROVALS', card!.ts));
    const dialog = await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.REJECT_MODAL));
    expect(JSON.stringify(dialog.args.view)).toContain(readerFor('en').t.card.rejectTitle());
    await h.sender.interactive(decisionSubmission(APPROVER_1, ids.REJECT_MODAL, c.id, 'Scope mismatch: DSAR-2026-0042 only.'));

    // the French requester learns of it in French
    await eventually(() => caseOf(h!, REQUESTER), (x) => x.state === 'rejected', 10_000, 'case rejected');
    const dms = await eventually(() => dmMessages(h!, REQUESTER), (ms) => JSON.stringify(ms).includes(fr.case.state.rejected), 10_000, 'the rejection in French');
    for (const m of dms) expectLanguage(String(m.text), 'fr', 'a DM to the French requester');
  });
});
