/**
 * Malformed input, sent signed over HTTP to the bot (in this process, on the suite's Redis): every
 * slash command text and request form below gets its EXACT answer, as the person reads it — the
 * ephemeral reply (the fake's response_url call) or the form it opens for a command, the
 * `response_action: errors` ack of a form. Then one property over the whole slash command.
 *
 * The parser itself has its own table and properties (never throws, never yields a subject the text
 * did not name) in test/unit/slack/command-parser.test.ts; this file checks the whole path.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpText } from '../../src/slack/views/index.js';
import { readerFor } from '../../src/slack/catalog/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  A_BOT,
  BOB,
  DANA,
  GONE,
  NOMATCH,
  NO_EMAIL,
  OUTSIDER,
  REQUESTER,
  SHARED,
  VALID_FORM,
  requestSubmission,
  type RequestForm,
} from '../e2e/harness.js';
import { startInProcessBot, type InProcessBot } from './support/in-process.js';
import { count, finishFile } from './support/ledger.js';
import { startPrivateRedis, type PrivateRedis } from './support/redis-server.js';
import { findLeaks, SIMULATED_MESSAGE_TEXTS } from './support/secrets.js';
import { sendCommand, type SlackEnd } from './support/slack-requests.js';
import { dumpPrefix, newViewId, SIGNING_SECRET, STATIC_SECRETS } from './support/world.js';

let redis: PrivateRedis;
let bot: InProcessBot;
let slack: SlackEnd;

beforeAll(async () => {
  redis = await startPrivateRedis('malformed');
  bot = await startInProcessBot(redis, 'malformed');
  slack = { fake: bot.fake, sender: bot.sender, signingSecret: SIGNING_SECRET };
});

afterAll(async () => {
  await bot?.close();
  await redis?.destroy();
  const leaks = finishFile(fileURLToPath(import.meta.url));
  expect(leaks).toEqual([]);
});

const HOW_TO_NAME = 'Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas. Type `/gdpr-export help` for examples.';
const unknown = (token: string, hint = '') => `I don't recognise \`${token}\`. ${hint ? `${hint} ` : ''}${HOW_TO_NAME}`;
const BROADCAST = "Genesys Cloud does not support exporting a whole organisation's chat history: name the people concerned, at most 5.";
const invalidEmailAt = (n: number) =>
  `Item ${n} of your command is not a valid email address. Check it for typos (an address has a name, an @ and a domain), or pick the person in the form instead.`;
const OTHER = 'in the *Other people* field of the form';
const SAM_1 = '5a300000-0000-4000-8000-000000000005';

type CommandExpectation = { says: string } | { opens: { users: string[]; extra: string } };

/** [what, who types it, the text, what they see] */
const COMMANDS: Array<[string, string, string, CommandExpectation]> = [
  ['empty text', REQUESTER, '', { opens: { users: [], extra: '' } }],
  ['only whitespace', REQUESTER, ' \t  \n ', { opens: { users: [], extra: '' } }],
  ['help', REQUESTER, 'help', { says: helpText(5, readerFor('en')) }],
  ['HELP in capitals, padded', REQUESTER, '  HELP ', { says: helpText(5, readerFor('en')) }],
  ['status with no cases yet', REQUESTER, 'status', { says: 'You have no export requests. Type `/gdpr-export` to start one.' }],
  ['status with a word after it', REQUESTER, 'status please', { says: unknown('please', 'To see one request, give its case ID: `/gdpr-export status GX-7K2M9QPA`, or type `/gdpr-export status` alone.') }],
  ['@channel', REQUESTER, '<!channel>', { says: BROADCAST }],
  ['@here next to a person', REQUESTER, `<!here|here> <@${ALICE}>`, { says: BROADCAST }],
  ['@everyone typed raw', REQUESTER, '@everyone', { says: BROADCAST }],
  [
    'a user group',
    REQUESTER,
    '<!subteam^S0REQUESTERS|@gdpr>',
    { says: "User groups cannot be exported: each export covers one person, and a group's members change over time. Name the people concerned, at most 5." },
  ],
  [
    'a channel',
    REQUESTER,
    '<#C0GENERAL|general>',
    {
      says: "Channels cannot be exported: Genesys Cloud exports people, not conversations. Name every participant of the conversation, at most 5; each export holds only that person's own messages.",
    },
  ],
  ['a channel and a group: the group is named first', REQUESTER, '<#C0GENERAL|general> <!subteam^S0REQUESTERS>', { says: "User groups cannot be exported: each export covers one person, and a group's members change over time. Name the people concerned, at most 5." }],
  ['an address without a domain', REQUESTER, 'jane@example', { says: invalidEmailAt(1) }],
  ['a broken auto-linked address, second', REQUESTER, `<@${ALICE}> <mailto:bob@@example.com|bob@@example.com>`, { says: invalidEmailAt(2) }],
  ['a non-ASCII address', REQUESTER, 'zoë@exämple.com', { says: invalidEmailAt(1) }],
  ['a plain word', REQUESTER, 'hello', { says: unknown('hello') }],
  ['a word before an address', REQUESTER, 'see jane@example.com', { says: unknown('see') }],
  ['a name typed with @', REQUESTER, '@alice', { says: unknown('@alice', 'Slack did not turn it into a mention: pick the person from the list that appears as you type their name.') }],
  ['unicode words', REQUESTER, '日本語 Ünïcødé', { says: unknown('日本語') }],
  // mrkdwn escapes < and > even in code; Slack shows them as typed
  ['a link', REQUESTER, '<https://evil.example/x|click>', { says: unknown('&lt;https://evil.example/x|click&gt;', 'Links are not accepted.') }],
  ['a very long word', REQUESTER, 'a'.repeat(5_000), { says: unknown(`${'a'.repeat(39)}…`) }],
  ['six people', REQUESTER, [ALICE, BOB, DANA, SHARED, NOMATCH, NO_EMAIL].map((u) => `<@${u}>`).join(' '), { says: 'You named 6 people, but one request covers at most 5. Split them across several requests.' }],
  ['six people by address and id', REQUESTER, `a@example.com b@example.com c@example.com d@example.com e@example.com ${SAM_1}`, { says: 'You named 6 people, but one request covers at most 5. Split them across several requests.' }],
  ['separators only', REQUESTER, ', ; and ,', { says: 'That names nobody. Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas, e.g. `/gdpr-export @jane`, or type `/gdpr-export` alone to open the form.' }],
  ['a bot', REQUESTER, `<@${A_BOT}|somebot>`, { says: `<@${A_BOT}> is an app or bot, not a person: Genesys Cloud holds no personal chat to export for it. Remove it from the list.` }],
  ['a deactivated person', REQUESTER, `<@${GONE}>`, { says: `<@${GONE}> is deactivated in Slack, so the bot cannot match them to Genesys Cloud through Slack. Give their email address or Genesys user ID ${OTHER} instead.` }],
  ['an unknown user id', REQUESTER, '<@U0NOBODY9>', { says: 'The bot cannot see <@U0NOBODY9> in this workspace. Give their email address or Genesys user ID instead.' }],
  ['the same person twice', REQUESTER, `<@${ALICE}> <@${ALICE}|alice>`, { opens: { users: [ALICE], extra: '' } }],
  ['mixed mention, email and Genesys id', REQUESTER, `<@${ALICE}|alice>, bob@example.com and ${SAM_1.toUpperCase()}`, { opens: { users: [ALICE], extra: `bob@example.com\n${SAM_1}` } }],
  ['one address twice, typed and auto-linked', REQUESTER, 'BOB@EXAMPLE.COM <mailto:bob@example.com|bob@example.com>', { opens: { users: [], extra: 'bob@example.com' } }],
  ['control characters around a mention', REQUESTER, `\u0007<@${ALICE}>\u0000\u001b`, { opens: { users: [ALICE], extra: '' } }],
  ['a zero-width space inside a word', REQUESTER, 'x\u200Bjane@example.com', { says: unknown('x') }],
  ['timeline without a case', REQUESTER, 'timeline', { says: unknown('timeline', 'To build a timeline, give the case ID: `/gdpr-export timeline GX-7K2M9QPA`.') }],
  ['timeline of a case that does not exist', REQUESTER, 'timeline GX-7K2M9QPA', { says: 'Only the person who made the request can build its conversation timeline.' }],
  ['someone who is not a requester', OUTSIDER, `<@${ALICE}>`, { says: 'Only the configured GDPR requesters can request exports. If your role needs it, ask the app’s administrator to add you to GDPR_REQUESTERS.' }],
];

/** [what, the form, the errors the person sees, by block; or 'created'] */
const FORMS: Array<[string, RequestForm, Record<string, string> | 'created']> = [
  ['nobody named', { users: [], extraIds: '' }, { [ids.SUBJECTS_BLOCK]: 'Choose at least one person, or enter an email or Genesys user ID below.' }],
  ['only separators in Other people', { users: [], extraIds: '  \n , ; \n' }, { [ids.SUBJECTS_BLOCK]: 'Choose at least one person, or enter an email or Genesys user ID below.' }],
  ['no legal basis', { users: [ALICE], legalBasis: undefined }, { [ids.LEGAL_BASIS_BLOCK]: 'Choose the legal basis for this request.' }],
  ['a legal basis that is not offered', { users: [ALICE], legalBasis: 'because_i_said_so' }, { [ids.LEGAL_BASIS_BLOCK]: 'Choose the legal basis for this request.' }],
  ['an empty case reference', { users: [ALICE], caseReference: '' }, { [ids.CASE_REFERENCE_BLOCK]: 'Give a case reference, such as your ticket or DSAR number.' }],
  ['a case reference of spaces', { users: [ALICE], caseReference: '     ' }, { [ids.CASE_REFERENCE_BLOCK]: 'Give a case reference, such as your ticket or DSAR number.' }],
  ['a case reference of 101 characters', { users: [ALICE], caseReference: 'R'.repeat(101) }, { [ids.CASE_REFERENCE_BLOCK]: 'The case reference is 101 characters long; keep it to 100.' }],
  ['a justification of 9 characters', { users: [ALICE], justification: 'too short' }, { [ids.JUSTIFICATION_BLOCK]: 'Explain why this export is needed in at least 10 characters; approvers and auditors read it.' }],
  ['a justification padded with spaces', { users: [ALICE], justification: '          x          ' }, { [ids.JUSTIFICATION_BLOCK]: 'Explain why this export is needed in at least 10 characters; approvers and auditors read it.' }],
  ['a justification of 2,001 characters', { users: [ALICE], justification: 'J'.repeat(2_001) }, { [ids.JUSTIFICATION_BLOCK]: 'The justification is 2,001 characters long; keep it to 2,000.' }],
  [
    'three fields wrong at once',
    { users: [ALICE], legalBasis: undefined, caseReference: '', justification: 'short' },
    {
      [ids.LEGAL_BASIS_BLOCK]: 'Choose the legal basis for this request.',
      [ids.CASE_REFERENCE_BLOCK]: 'Give a case reference, such as your ticket or DSAR number.',
      [ids.JUSTIFICATION_BLOCK]: 'Explain why this export is needed in at least 10 characters; approvers and auditors read it.',
    },
  ],
  ['an address without a domain', { extraIds: 'jane@' }, { [ids.EXTRA_IDS_BLOCK]: 'jane@ is not a valid email address. Check it for typos: an address has a name, an @ and a domain.' }],
  [
    'a word that is neither address nor id',
    { extraIds: 'hello' },
    { [ids.EXTRA_IDS_BLOCK]: "hello is not a Genesys Cloud user ID, or no user has it. A Genesys user ID looks like `0d5f3c2a-1b4e-4c8d-9f00-123456789abc`: copy it from the user's profile URL in Genesys Cloud." },
  ],
  [
    'a channel mention in Other people',
    { extraIds: '<#C0GENERAL>' },
    { [ids.EXTRA_IDS_BLOCK]: "<#C0GENERAL> is not a Genesys Cloud user ID, or no user has it. A Genesys user ID looks like `0d5f3c2a-1b4e-4c8d-9f00-123456789abc`: copy it from the user's profile URL in Genesys Cloud." },
  ],
  ['@here in Other people', { extraIds: '@here' }, { [ids.EXTRA_IDS_BLOCK]: '@here is not a valid email address. Check it for typos: an address has a name, an @ and a domain.' }],
  [
    'an address no Genesys user has',
    { extraIds: 'nobody@example.com' },
    { [ids.EXTRA_IDS_BLOCK]: `No Genesys Cloud user matches nobody@example.com, so there is nothing to export. Check the email address, or give their Genesys user ID ${OTHER}.` },
  ],
  [
    'an address two Genesys users share',
    { extraIds: 'shared@example.com' },
    { [ids.EXTRA_IDS_BLOCK]: `Several Genesys Cloud users match shared@example.com, so the bot cannot tell which one you mean. Give their Genesys user ID ${OTHER} instead.` },
  ],
  [
    'a very long identifier, with control characters',
    { extraIds: `\u0001${'x'.repeat(4_000)}` },
    { [ids.EXTRA_IDS_BLOCK]: `${'x'.repeat(39)}… is not a Genesys Cloud user ID, or no user has it. A Genesys user ID looks like \`0d5f3c2a-1b4e-4c8d-9f00-123456789abc\`: copy it from the user's profile URL in Genesys Cloud.` },
  ],
  [
    'a Slack person with no Genesys user',
    { users: [NOMATCH] },
    { [ids.SUBJECTS_BLOCK]: `No Genesys Cloud user matches <@${NOMATCH}>, so there is nothing to export. Check the email address, or give their Genesys user ID ${OTHER}.` },
  ],
  ['a bot', { users: [A_BOT] }, { [ids.SUBJECTS_BLOCK]: `<@${A_BOT}> is an app or bot, not a person: Genesys Cloud holds no personal chat to export for it. Remove it from the list.` }],
  [
    'a deactivated person',
    { users: [GONE] },
    { [ids.SUBJECTS_BLOCK]: `<@${GONE}> is deactivated in Slack, so the bot cannot match them to Genesys Cloud through Slack. Give their email address or Genesys user ID ${OTHER} instead.` },
  ],
  [
    'a person whose email Slack does not show',
    { users: [NO_EMAIL] },
    { [ids.SUBJECTS_BLOCK]: `The bot cannot see an email address for <@${NO_EMAIL}> in Slack, so it cannot find them in Genesys Cloud. Give their email address or Genesys user ID ${OTHER} instead.` },
  ],
  [
    'a user id Slack does not know (a tampered form)',
    { users: ['U0NOBODY9'] },
    { [ids.SUBJECTS_BLOCK]: `No Genesys Cloud user matches <@U0NOBODY9>, so there is nothing to export. Check the email address, or give their Genesys user ID ${OTHER}.` },
  ],
  [
    'six people in Slack',
    { users: [ALICE, BOB, DANA, SHARED, NOMATCH, NO_EMAIL] },
    { [ids.SUBJECTS_BLOCK]: 'At most 5 people per request: Genesys Cloud exports target one person or a small set. You named 6.' },
  ],
  [
    'six Genesys ids in Other people',
    { extraIds: Array.from({ length: 6 }, () => randomUUID()).join('\n') },
    { [ids.EXTRA_IDS_BLOCK]: 'At most 5 people per request: Genesys Cloud exports target one person or a small set. You named 6.' },
  ],
  [
    'problems in both fields at once',
    { users: [A_BOT], extraIds: 'jane@' },
    {
      [ids.SUBJECTS_BLOCK]: `<@${A_BOT}> is an app or bot, not a person: Genesys Cloud holds no personal chat to export for it. Remove it from the list.`,
      [ids.EXTRA_IDS_BLOCK]: 'jane@ is not a valid email address. Check it for typos: an address has a name, an @ and a domain.',
    },
  ],
  [
    'a justification with a NUL character',
    { users: [ALICE], justification: 'Needed for the DSAR\u0000 of March.' },
    { [ids.JUSTIFICATION_BLOCK]: 'The justification contains invisible control characters. Retype it as plain text (line breaks are fine).' },
  ],
  [
    'a case reference with a bell character',
    { users: [ALICE], caseReference: 'DSAR\u0007-1' },
    { [ids.CASE_REFERENCE_BLOCK]: 'The case reference must be a single line of plain text.' },
  ],
  ['the same person picked in Slack and typed by address', { users: [ALICE], extraIds: 'alice@example.com' }, 'created'],
  ['the same person picked twice', { users: [BOB, BOB] }, 'created'],
  ['unicode in every free-text field', { users: [DANA], caseReference: 'Réf-日本-🙂', justification: 'Demande d’accès — 日本語の説明です。🙂' }, 'created'],
  ['the longest case reference and shortest justification allowed', { extraIds: randomUUID(), caseReference: 'R'.repeat(100), justification: 'J'.repeat(10) }, 'created'],
  ['the longest justification allowed, with line breaks', { extraIds: randomUUID(), justification: `${'J'.repeat(998)}\r\n${'K'.repeat(1_000)}` }, 'created'],
  ['a broadcast mention as the case reference is kept as text', { extraIds: randomUUID(), caseReference: '<!channel> @here' }, 'created'],
];

describe('malformed slash commands: the exact reply each person sees', () => {
  it(`has at least 40 inputs across commands and forms (${COMMANDS.length} + ${FORMS.length})`, () => {
    expect(COMMANDS.length + FORMS.length).toBeGreaterThanOrEqual(40);
  });

  for (const [what, userId, text, expected] of COMMANDS) {
    it(what, async () => {
      count('inputsTried');
      const outcome = await sendCommand(slack, userId, text);
      expect(outcome.res.status).toBe(200);
      if ('says' in expected) {
        expect(outcome.opened, 'no form opens').toBeUndefined();
        expect(outcome.reply).toBe(expected.says);
        expect(outcome.replyCall?.args.response_type).toBe('ephemeral');
      } else {
        expect(outcome.reply, 'no reply, the form opens').toBeUndefined();
        expect(outcome.opened?.ok).toBe(true);
        const blocks = (outcome.opened!.args.view as { blocks: Array<{ block_id?: string; element?: { initial_users?: string[]; initial_value?: string } }> }).blocks;
        const field = (id: string) => blocks.find((b) => b.block_id === id)?.element;
        expect(field(ids.SUBJECTS_BLOCK)?.initial_users ?? []).toEqual(expected.opens.users);
        expect(field(ids.EXTRA_IDS_BLOCK)?.initial_value ?? '').toBe(expected.opens.extra);
      }
    });
  }
});

describe('malformed request forms: the exact errors each person sees', () => {
  for (const [what, form, expected] of FORMS) {
    it(what, async () => {
      count('inputsTried');
      const filled: RequestForm = { ...VALID_FORM, ...form };
      if ('legalBasis' in form && form.legalBasis === undefined) delete filled.legalBasis;
      const res = await bot.sender.interactive(requestSubmission(REQUESTER, newViewId(), filled));
      expect(res.status).toBe(200);
      if (expected === 'created') {
        expect(res.json).toMatchObject({ response_action: 'update' });
        expect(JSON.stringify(res.json.view)).toMatch(/Request `GX-[0-9A-Z]{8}` received/);
      } else {
        expect(res.json).toEqual({ response_action: 'errors', errors: expected });
      }
    });
  }

  // A forged form can put anything in the people picker; the person reads a sentence, not the
  // validator's own wording.
  it('a forged user id in the people field gets a plain sentence, not a validator message', async () => {
    count('inputsTried');
    const res = await bot.sender.interactive(requestSubmission(REQUESTER, newViewId(), { ...VALID_FORM, users: ['not-a-user'] }));
    expect(res.json?.response_action).toBe('errors');
    expect(String(res.json?.errors?.[ids.SUBJECTS_BLOCK])).not.toMatch(/Invalid string|pattern/);
  });

  // A refusal from the workflow's own checks (workflow/policy.ts) lands on the field it concerns.
  it('a control character is reported on the field that holds it', async () => {
    const res = await bot.sender.interactive(requestSubmission(REQUESTER, newViewId(), { ...VALID_FORM, users: [ALICE], caseReference: 'DSAR\u0007-2' }));
    expect(res.json?.errors).toEqual({ [ids.CASE_REFERENCE_BLOCK]: 'The case reference must be a single line of plain text.' });
  });
});

describe('any slash command text at all', () => {
  const fragments = fc.constantFrom(
    ' ', ',', ';', ' and ', '\n', '\t', '\u0000', '\u200b', '&lt;', '&gt;', '&amp;', '<', '>', '|', '@', '<!here>', '<!channel|@channel>', '<!subteam^S0REQUESTERS|@g>',
    '<#C0GENERAL|general>', `<@${ALICE}>`, `<@${BOB}|bob>`, '<@U0NOBODY9>', `<@${A_BOT}>`, `<@${GONE}>`, '<mailto:bob@example.com|bob@example.com>', 'bob@example.com',
    'jane@example', SAM_1, 'help', 'status', 'timeline', 'GX-7K2M9QPA', '<https://x.example|x>', '日本', '🙂', 'a'.repeat(300),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.array(fc.oneof(fragments, fc.string({ maxLength: 4 })), { maxLength: 10 }).map((parts) => parts.join('')),
  );

  it('is answered 200 and gets either an ephemeral reply or the form, never an error', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        runs += 1;
        const outcome = await sendCommand(slack, REQUESTER, t, { waitMs: 5_000 });
        expect(outcome.res.status).toBe(200);
        expect(Number(outcome.reply !== undefined) + Number(outcome.opened !== undefined), `exactly one of reply or form for ${JSON.stringify(t)}`).toBe(1);
        if (outcome.opened) expect(outcome.opened.ok).toBe(true);
        if (outcome.reply !== undefined) {
          expect(outcome.reply).not.toContain('Something went wrong');
          expect(outcome.reply.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
    count('inputsTried', runs);
    expect(bot.logLines.filter((l) => l.includes('unexpected error in a Slack listener'))).toEqual([]);
  });
});

describe('the secrets check itself', () => {
  it('finds each kind of leak it looks for, and passes clean text', () => {
    const samples = [
      'token=xoxb-1234-abcd',
      'app xapp-1-A0-123',
      'https://sim.example/signed/abc?expires=1',
      'link?expires=1&sig=deadbeef',
      'http://127.0.0.1:9/platform/api/v2/downloads/0123456789abcdef',
      'who: alice@example.com',
      'authorization: Bearer abcdefghijklmnop',
      `said ${SIMULATED_MESSAGE_TEXTS[0]}`,
      `with the secret ${SIGNING_SECRET} inside`,
    ];
    for (const sample of samples) expect(findLeaks(sample, [SIGNING_SECRET]), sample).not.toEqual([]);
    expect(findLeaks('{"msg":"export submitted","caseId":"GX-7K2M9QPA","subjectId":"s1","name":"Alice Martin"}', [SIGNING_SECRET])).toEqual([]);
  });
});

describe('the logs and the store of the bot', () => {
  it('no log line and no stored record holds a secret, a link, an email or chat text', async () => {
    // input of its own, with emails and a secret-looking text, so the check has something to look at when run alone
    expect((await sendCommand(slack, REQUESTER, 'bob@example.com, not-an-email@')).res.status).toBe(200);
    const form = await bot.sender.interactive(requestSubmission(REQUESTER, newViewId(), { ...VALID_FORM, users: [ALICE], extraIds: 'carol@example.com\nxoxb-not-a-token' }));
    expect(form.status).toBe(200);
    const texts = [bot.logLines.join('\n'), (await dumpPrefix(redis.url, bot.prefix)).join('\n')];
    expect(texts.every((t) => t.length > 0)).toBe(true);
    expect(texts.flatMap((t) => findLeaks(t, STATIC_SECRETS))).toEqual([]);
  });
});
