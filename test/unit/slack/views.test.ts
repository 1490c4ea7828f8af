import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { LEGAL_BASES, type ExportCase } from '../../../src/workflow/model.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { readerFor } from '../../../src/slack/catalog/index.js';
import {
  approvalCard,
  approvalCardText,
  approvalReminderText,
  approveModal,
  caseDecidedText,
  caseFinishedMessage,
  caseStatusMessage,
  checkingRequestView,
  downloadLinksMessage,
  downloadLinksModal,
  exportExpiredMessage,
  exportExpiredModal,
  helpText,
  homeView,
  loadingModal,
  mentionedPeopleRefusal,
  notAllowedText,
  progressModal,
  refusalModal,
  rejectModal,
  requestModal,
  requestSubmittedView,
  statusListText,
  statusListMessage,
  caseDetailMessage,
  subjectFailedMessage,
  subjectReadyMessage,
  type RequestModalInput,
  type SlackMessage,
} from '../../../src/slack/views/index.js';
import {
  EMAIL_PATTERN,
  HOSTILE_JUSTIFICATION,
  NOW,
  awaitingCase,
  decidedCase,
  historicCase,
  makeCase,
  subject,
} from './fixtures.js';

// ---------------------------------------------------------------- helpers

const EN = readerFor('en');

const modalInput = (over: Partial<RequestModalInput> = {}): RequestModalInput => ({
  maxSubjects: 5,
  initialUserIds: ['U01ABCDEF', 'U02ABCDEF'],
  initialExtraIds: ['0d5f3c2a-1b4e-4c8d-9f00-123456789abc'],
  today: '2025-03-09',
  retentionDays: 365,
  approvers: { required: true, userIds: ['U0APPROVE1', 'S0LEGALTEAM'], channelId: 'C0APPROVALS' },
  privateMetadata: '{"ch":"C0123ABC"}',
  ...over,
});

const json = (x: unknown) => JSON.stringify(x);

/** Every object of a given `type` anywhere in a payload. */
function findAll(x: unknown, type: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (o.type === type) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(x);
  return found;
}

const buttons = (x: unknown) => findAll(x, 'button');
const messageViolations = (m: SlackMessage | { text: string }) => findBlockKitViolations('message', m);
const textOf = (blocks: unknown) =>
  findAll(blocks, 'mrkdwn')
    .map((t) => t.text as string)
    .join('\n');

const ALL_CASES: Array<[string, ExportCase]> = [
  ['awaiting approval', awaitingCase()],
  ['approved, in progress', decidedCase('approved', 'OK for the DSAR & nothing more <3')],
  ['rejected', decidedCase('rejected', `Not enough detail <!channel> & ${'x'.repeat(990)}`)],
  ['expired', decidedCase('expired')],
  ['no approval needed', makeCase({ approval: { required: false, approverIds: [] }, state: 'submitting' })],
  ['completed', makeCase({ state: 'completed', subjects: makeCase().subjects.map((s) => ({ ...s, state: 'completed' as const })) })],
  ['partly failed', makeCase({ state: 'partly_failed' })],
  [
    '20 subjects with long names',
    makeCase({ subjects: Array.from({ length: 20 }, (_, i) => subject(i, { name: `${'Longname '.repeat(30)}${i}`, state: 'failed' })) }),
  ],
];

// ---------------------------------------------------------------- limits

describe('every builder stays inside Block Kit limits', () => {
  it.each([
    ['loading everything', modalInput({ retentionDays: 'loading', approvers: 'loading' })],
    ['retention unknown, no approval', modalInput({ retentionDays: 'unknown', approvers: { required: false, userIds: [] } })],
    ['retention omitted', modalInput({ retentionDays: undefined })],
    [
      'too many initial people, many approvers, a long notice',
      modalInput({
        initialUserIds: Array.from({ length: 30 }, (_, i) => `U${i}ZZZZZZ`),
        initialExtraIds: Array.from({ length: 300 }, (_, i) => `person${i}@example.com`),
        approvers: { required: true, userIds: Array.from({ length: 200 }, (_, i) => `U${i}APPROVER`) },
        errorsNotice: '<@U1> could not be found. '.repeat(300),
      }),
    ],
    ['max 20 people', modalInput({ maxSubjects: 20 })],
  ])('request modal: %s', (_name, input) => {
    expect(findBlockKitViolations('modal', requestModal(input, EN))).toEqual([]);
  });

  it.each(ALL_CASES)('approval card, decision modals and status message: %s', (_name, c) => {
    expect(messageViolations({ text: approvalCardText(c, EN), blocks: approvalCard(c, EN) })).toEqual([]);
    expect(messageViolations({ text: approvalReminderText(c, EN) })).toEqual([]);
    expect(findBlockKitViolations('modal', approveModal(c, EN))).toEqual([]);
    expect(findBlockKitViolations('modal', rejectModal(c, EN))).toEqual([]);
    expect(messageViolations(caseStatusMessage(c, EN))).toEqual([]);
    expect(messageViolations({ text: caseDecidedText(c, EN) })).toEqual([]);
    expect(messageViolations(caseFinishedMessage(c, { timelineEnabled: true }, EN))).toEqual([]);
    expect(findBlockKitViolations('modal', requestSubmittedView(c, { requireApproval: true, approvalChannel: 'C0APPROVALS' }, EN))).toEqual([]);
    for (const s of c.subjects) {
      expect(messageViolations(subjectReadyMessage(c, s.id, EN))).toEqual([]);
      expect(messageViolations(subjectFailedMessage(c, s.id, EN))).toEqual([]);
      expect(messageViolations(exportExpiredMessage(c, s.id, EN))).toEqual([]);
      expect(findBlockKitViolations('modal', exportExpiredModal(c, s.id, EN))).toEqual([]);
    }
  });

  it('download links, from one archive to very many with very long URLs', () => {
    const s = subject(1, { state: 'completed' });
    const link = (i: number, length = 1200) => ({
      url: `https://api.example.test/downloads/${i}?X-Amz-Signature=${'a'.repeat(length)}&part=${i}`,
      expiresAt: '2025-03-10T09:35:00.000Z',
    });
    for (const links of [[link(1)], [link(1), link(2), link(3)], Array.from({ length: 120 }, (_, i) => link(i, 2500)), []]) {
      expect(messageViolations(downloadLinksMessage(s, links, NOW, EN))).toEqual([]);
      expect(findBlockKitViolations('modal', downloadLinksModal(s, links, NOW, EN))).toEqual([]);
    }
    expect(messageViolations(downloadLinksMessage(s, [link(1, 4000)], NOW, EN))).toEqual([]);
  });

  it('small modals and text replies', () => {
    expect(findBlockKitViolations('modal', loadingModal(EN))).toEqual([]);
    expect(findBlockKitViolations('modal', checkingRequestView(EN))).toEqual([]);
    expect(findBlockKitViolations('modal', progressModal('A title far longer than Slack allows', 'x'.repeat(5000), EN))).toEqual([]);
    expect(findBlockKitViolations('modal', refusalModal('Download link', 'y'.repeat(5000), EN))).toEqual([]);
    expect(findBlockKitViolations('modal', refusalModal('Download link', '', EN))).toEqual([]);
    const cases = Array.from({ length: 200 }, (_, i) => historicCase(i));
    for (const text of [helpText(5, EN), helpText(20, EN), statusListText(cases, EN), statusListText([], EN), notAllowedText(EN)]) {
      expect(messageViolations({ text })).toEqual([]);
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  });
});

// ---------------------------------------------------------------- request modal

describe('requestModal', () => {
  const view = requestModal(modalInput(), EN);
  const inputs = findAll(view, 'input');
  interface InputLike {
    block_id: string;
    optional?: boolean;
    element: { options: Array<{ value: string; text: { text: string } }> };
  }
  const input = (blockId: string) => inputs.find((b) => b.block_id === blockId) as unknown as InputLike;

  it('is the GDPR request form with the agreed ids', () => {
    expect(view.callback_id).toBe(ids.REQUEST_MODAL);
    expect(view.callback_id).toBe('gdpr_request_modal');
    expect(view.title.text).toBe('GDPR chat export');
    expect(view.submit?.text).toBe('Submit request');
    expect(view.close?.text).toBe('Cancel');
    expect(view.private_metadata).toBe('{"ch":"C0123ABC"}');
    expect(inputs.map((b) => [b.block_id, (b.element as { action_id: string }).action_id])).toEqual([
      [ids.SUBJECTS_BLOCK, ids.SUBJECTS_ACTION],
      [ids.EXTRA_IDS_BLOCK, ids.EXTRA_IDS_ACTION],
      [ids.LEGAL_BASIS_BLOCK, ids.LEGAL_BASIS_ACTION],
      [ids.RECEIVED_ON_BLOCK, ids.RECEIVED_ON_ACTION],
      [ids.NEEDED_BY_BLOCK, ids.NEEDED_BY_ACTION],
      [ids.CASE_REFERENCE_BLOCK, ids.CASE_REFERENCE_ACTION],
      [ids.JUSTIFICATION_BLOCK, ids.JUSTIFICATION_ACTION],
    ]);
    expect(inputs.map((b) => b.block_id)).toEqual(['subjects', 'extra_ids', 'legal_basis', 'received_on', 'needed_by', 'case_reference', 'justification']);
  });

  it('lets people pick up to the maximum, both person fields optional', () => {
    expect(input('subjects')).toMatchObject({
      optional: true,
      element: { type: 'multi_users_select', max_selected_items: 5, initial_users: ['U01ABCDEF', 'U02ABCDEF'] },
    });
    const crowded = requestModal(modalInput({ initialUserIds: ['U1A', 'U1A', 'not-an-id', 'U2B', 'U3C', 'U4D', 'U5E', 'U6F'] }), EN);
    const users = findAll(crowded, 'multi_users_select')[0];
    expect(users?.initial_users).toEqual(['U1A', 'U2B', 'U3C', 'U4D', 'U5E']);
    expect(input('extra_ids')).toMatchObject({
      optional: true,
      hint: { text: 'Emails or Genesys user IDs, one per line, for people no longer in Slack' },
      element: { type: 'plain_text_input', multiline: true, initial_value: '0d5f3c2a-1b4e-4c8d-9f00-123456789abc' },
    });
    expect(findAll(requestModal(modalInput({ initialUserIds: [], initialExtraIds: [] }), EN), 'multi_users_select')[0]).not.toHaveProperty(
      'initial_users',
    );
  });

  it('requires legal basis, case reference and justification with their bounds', () => {
    const legal = input('legal_basis');
    expect(legal.optional).toBeUndefined();
    expect(legal.element.options.map((o) => o.value)).toEqual([...LEGAL_BASES]);
    expect(legal.element.options[0]?.text.text).toBe('Data subject access request');
    expect(input('case_reference')).toMatchObject({ element: { max_length: 100 } });
    expect(input('case_reference').optional).toBeUndefined();
    expect(input('justification')).toMatchObject({ element: { multiline: true, min_length: 10, max_length: 2000 } });
    expect(input('justification').optional).toBeUndefined();
  });

  it('tells plainly what an export holds, the retention period, the delay and the due date', () => {
    const text = textOf(view);
    expect(text).toContain('Each export holds only that person’s own messages.* For a conversation, choose every participant.');
    expect(text).toContain('chat retention period are included: 365 days.');
    expect(text).toContain('several days');
    expect(text).toContain('For a data subject access request received today (9 March 2025), the GDPR response is due by *9 April 2025*');
    expect(textOf(requestModal(modalInput({ retentionDays: 'unknown' }), EN))).toContain(
      'unknown (the bot lacks the chat:setting:view permission)',
    );
    expect(textOf(requestModal(modalInput({ retentionDays: 'loading' }), EN))).toContain('retention period are included: checking…');
    expect(textOf(requestModal(modalInput({ retentionDays: 1 }), EN))).toContain(': 1 day.');
  });

  it('says who will be asked to approve', () => {
    expect(textOf(view)).toContain('Approval: <@U0APPROVE1> and <!subteam^S0LEGALTEAM> will be asked in <#C0APPROVALS>');
    expect(textOf(requestModal(modalInput({ approvers: { required: false, userIds: [] } }), EN))).toContain(
      'No approval needed: the request is submitted as soon as you submit this form',
    );
    expect(textOf(requestModal(modalInput({ approvers: 'loading' }), EN))).toContain('checking who will be asked');
    const many = textOf(requestModal(modalInput({ approvers: { required: true, userIds: Array.from({ length: 40 }, (_, i) => `U${i}APR`) } }), EN));
    expect(many).toContain('and 25 more will be asked');
  });

  it('shows an errors notice above the form only when there is one', () => {
    const withNotice = requestModal(modalInput({ errorsNotice: '<@U1> is a bot.' }), EN);
    expect(withNotice.blocks[0]).toMatchObject({ block_id: 'errors_notice', text: { text: ':warning: <@U1> is a bot.' } });
    expect(json(view)).not.toContain('errors_notice');
  });
});

// ---------------------------------------------------------------- approval card

describe('requestModal confirmation', () => {
  it('asks the requester to confirm only when no approver will review the request', () => {
    const blockIds = (v: ReturnType<typeof requestModal>) => v.blocks.map((b) => b.block_id);
    expect(blockIds(requestModal(modalInput(), EN))).not.toContain(ids.CONFIRM_BLOCK);
    const confirming = requestModal(modalInput({ confirmationRequired: true }), EN);
    const box = confirming.blocks.find((b) => b.block_id === ids.CONFIRM_BLOCK) as { optional?: boolean; element: { type: string; action_id: string; options: Array<{ value: string }> } };
    expect(box.optional).not.toBe(true);
    expect(box.element).toMatchObject({ type: 'checkboxes', action_id: ids.CONFIRM_ACTION });
    expect(box.element.options.map((o) => o.value)).toEqual([ids.CONFIRM_VALUE]);
    expect(findBlockKitViolations('modal', confirming)).toEqual([]);
  });
});

describe('approvalCard', () => {
  it('offers Approve and Reject, valued with the case id, only while awaiting approval', () => {
    const c = awaitingCase();
    expect(buttons(approvalCard(c, EN))).toEqual([
      expect.objectContaining({ action_id: 'approve_case', value: 'GX-7K2M9QPA', style: 'primary', text: expect.objectContaining({ text: 'Approve' }) }),
      expect.objectContaining({ action_id: 'reject_case', value: 'GX-7K2M9QPA', style: 'danger', text: expect.objectContaining({ text: 'Reject' }) }),
    ]);
    for (const decision of ['approved', 'rejected', 'expired'] as const) {
      expect(buttons(approvalCard(decidedCase(decision), EN))).toEqual([]);
    }
  });

  it('states the decision once made', () => {
    expect(textOf(approvalCard(decidedCase('approved'), EN))).toContain(
      `Approved by <@U0APPROVE1> on <!date^${Date.parse('2025-03-02T12:00:00.000Z') / 1000}^{date_short_pretty} at {time}|2 Mar 2025, 12:00 UTC>`,
    );
    expect(textOf(approvalCard(decidedCase('rejected', 'Wrong legal basis <b>'), EN))).toContain(
      'Rejected by <@U0APPROVE1>: Wrong legal basis &lt;b&gt;',
    );
    expect(textOf(approvalCard(decidedCase('expired'), EN))).toContain('Expired without a decision on <!date^');
  });

  it('shows requester, subjects, legal basis, reference and dates', () => {
    const text = textOf(approvalCard(awaitingCase(), EN));
    expect(text).toContain('<@U0REQUEST1> asks to export the Genesys Cloud chat of 5 people');
    expect(text).toContain('*Person Number 1* (<@U01ABCDEF>) `0d5f3c2a-1b4e-4c8d-9f00-123456789001`');
    expect(text).toContain('Genesys user `0d5f3c2a-1b4e-4c8d-9f00-123456789004`');
    expect(text).toContain('*Zoë &lt;O’Brien&gt; &amp; Co star*');
    expect(text).toContain('*Legal basis*\nData subject access request');
    expect(text).toContain('*Case reference*\nLEGAL-2025/&lt;&amp;&gt;');
    // a v0.1.0 case: no receipt date was recorded, and none is invented
    expect(text).toContain('*Request received*\nNot recorded');
    expect(text).toContain('*GDPR response due*\n<!date^');
    expect(text).toContain('*Approval expires*\n<!date^');
  });

  it('escapes the justification and keeps all of it', () => {
    const blocks = approvalCard(awaitingCase(), EN);
    const serialised = json(blocks);
    expect(serialised).not.toContain('<script>');
    expect(serialised).not.toContain('<!channel>');
    const escaped = HOSTILE_JUSTIFICATION.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const sections = findAll(blocks, 'section').map((b) => (b.text as { text?: string } | undefined)?.text ?? '');
    const start = sections.findIndex((t) => t.startsWith('*Justification*\n'));
    const rebuilt = sections
      .slice(start)
      .filter((t) => !t.startsWith(':'))
      .join('')
      .replace('*Justification*\n', '');
    expect(rebuilt.startsWith(escaped.trim())).toBe(true);
  });

  it('has fallback and reminder texts that name the case and requester', () => {
    expect(approvalCardText(awaitingCase(), EN)).toBe(
      `GDPR export GX-7K2M9QPA from <@U0REQUEST1> (5 people, Data subject access request) is waiting for your approval. GDPR response due <!date^${Date.parse('2025-04-01T08:15:00.000Z') / 1000}^{date_long}|1 April 2025> (receipt date not recorded: counted from when the case was made).`,
    );
    expect(approvalCardText(decidedCase('rejected', 'No.'), EN)).toContain(': Rejected by <@U0APPROVE1>: No.');
    expect(approvalReminderText(awaitingCase(), EN)).toContain('Reminder: GDPR export GX-7K2M9QPA from <@U0REQUEST1> is still waiting');
  });
});

describe('decision modals', () => {
  it('approve: optional note, submit Approve, case id as metadata', () => {
    const view = approveModal(awaitingCase(), EN);
    expect(view).toMatchObject({ callback_id: ids.APPROVE_MODAL, private_metadata: 'GX-7K2M9QPA', submit: { text: 'Approve' } });
    expect(findAll(view, 'input')).toEqual([expect.objectContaining({ block_id: 'note', optional: true })]);
  });

  it('reject: required reason, submit Reject, case id as metadata', () => {
    const view = rejectModal(awaitingCase(), EN);
    expect(view).toMatchObject({ callback_id: ids.REJECT_MODAL, private_metadata: 'GX-7K2M9QPA', submit: { text: 'Reject' } });
    const [reason] = findAll(view, 'input');
    expect(reason).toMatchObject({ block_id: 'reason', element: { action_id: ids.REASON_ACTION, min_length: 5 } });
    expect(reason?.optional).toBeUndefined();
  });
});

// ---------------------------------------------------------------- requester messages

describe('caseStatusMessage', () => {
  it('shows the case, its state and every subject with its progress', () => {
    const m = caseStatusMessage(makeCase(), EN);
    expect(m.text).toBe('GDPR export GX-7K2M9QPA: Genesys Cloud is preparing the exports (1 of 5 ready).');
    const text = textOf(m.blocks);
    expect(text).toContain('*GDPR export `GX-7K2M9QPA`*, reference LEGAL-2025/&lt;&amp;&gt;');
    expect(text).toContain(':arrows_counterclockwise: Genesys Cloud is preparing the exports');
    expect(text).toContain('*People (1 of 5 ready)*');
    expect(text).toContain('• *Person Number 1*: :large_green_circle: ready since');
    expect(text).toContain('• *Person Number 2*: :arrows_counterclockwise: Genesys Cloud is preparing it (`INPROGRESS`)');
    expect(text).toContain('• *Person Number 3*: :x: failed: Genesys Cloud refused the export &lt;request&gt; &amp; gave up.');
    expect(text).toContain('• Genesys user `0d5f3c2a-1b4e-4c8d-9f00-123456789004`: :white_circle: waiting to be sent');
    expect(text).toContain('GDPR response due <!date^');
  });

  it('says who decided', () => {
    expect(textOf(caseStatusMessage(decidedCase('approved'), EN).blocks)).toContain('Approved by <@U0APPROVE1>');
    expect(textOf(caseStatusMessage(decidedCase('rejected', 'Too broad'), EN).blocks)).toContain('Rejected by <@U0APPROVE1>: Too broad');
    expect(textOf(caseStatusMessage(makeCase({ approval: { required: false, approverIds: [] } }), EN).blocks)).toContain('No approval was needed');
    expect(textOf(caseStatusMessage(awaitingCase(), EN).blocks)).not.toMatch(/Approved by|Rejected by/);
  });
});

describe('caseDecidedText', () => {
  it('tells the requester the outcome, the reason and what next', () => {
    expect(caseDecidedText(decidedCase('approved'), EN)).toContain('<@U0APPROVE1> approved GDPR export GX-7K2M9QPA');
    expect(caseDecidedText(decidedCase('rejected', 'Use the <legal> form & retry.'), EN)).toBe(
      ':no_entry_sign: <@U0APPROVE1> rejected GDPR export GX-7K2M9QPA: Use the &lt;legal&gt; form &amp; retry. Nothing was sent to Genesys Cloud. You can submit a new request with `/gdpr-export`.',
    );
    expect(caseDecidedText(decidedCase('expired'), EN)).toContain('nobody approved or rejected it in time');
  });
});

describe('subject messages', () => {
  const c = makeCase();

  it('offer a download link button carrying only case and subject ids', () => {
    const m = subjectReadyMessage(c, 's1', EN);
    expect(m.text).toBe('The chat export of Person Number 1 for GDPR export GX-7K2M9QPA is ready to download.');
    expect(buttons(m.blocks)).toEqual([
      expect.objectContaining({ action_id: ids.GET_DOWNLOAD_LINK, value: 'GX-7K2M9QPA|s1', text: expect.objectContaining({ text: 'Get download link' }) }),
    ]);
    expect(ids.parseSubjectButtonValue('GX-7K2M9QPA|s1')).toEqual({ caseId: 'GX-7K2M9QPA', subjectId: 's1' });
  });

  it('explain a failure with its reason and offer Retry', () => {
    const m = subjectFailedMessage(c, 's3', EN);
    expect(m.text).toContain('failed: Genesys Cloud refused the export &lt;request&gt; &amp; gave up.');
    expect(buttons(m.blocks)).toEqual([expect.objectContaining({ action_id: ids.RETRY_SUBJECT, value: 'GX-7K2M9QPA|s3' })]);
    const noReason = makeCase({ subjects: [subject(1, { state: 'failed' })] });
    expect(subjectFailedMessage(noReason, 's1', EN).text).toContain('Genesys Cloud reported an error without a reason');
  });

  it('refuse a subject that is not in the case', () => {
    expect(() => subjectReadyMessage(c, 's99', EN)).toThrow('Case GX-7K2M9QPA has no subject s99');
  });

  it('offer the timeline only when every export is ready and timelines are on', () => {
    const done = makeCase({ state: 'completed', subjects: c.subjects.map((s) => ({ ...s, state: 'completed' as const })) });
    expect(buttons(caseFinishedMessage(done, { timelineEnabled: true }, EN).blocks)).toEqual([
      expect.objectContaining({ action_id: ids.BUILD_TIMELINE, value: 'GX-7K2M9QPA', text: expect.objectContaining({ text: 'Build conversation timeline' }) }),
    ]);
    expect(buttons(caseFinishedMessage(done, { timelineEnabled: false }, EN).blocks)).toEqual([]);
    const partly = caseFinishedMessage(makeCase({ state: 'partly_failed' }), { timelineEnabled: true }, EN);
    expect(buttons(partly.blocks)).toEqual([]);
    expect(partly.text).toBe('GDPR export GX-7K2M9QPA finished: 1 of 5 ready, 4 failed.');
    expect(caseFinishedMessage(done, { timelineEnabled: true }, EN).text).toBe('All 5 exports of GDPR export GX-7K2M9QPA are ready.');
  });

  it('offer Request again for an expired export', () => {
    const m = exportExpiredMessage(c, 's1', EN);
    expect(buttons(m.blocks)).toEqual([expect.objectContaining({ action_id: ids.REQUEST_AGAIN, value: 'GX-7K2M9QPA|s1' })]);
    expect(buttons(exportExpiredModal(c, 's1', EN))).toEqual([expect.objectContaining({ action_id: ids.REQUEST_AGAIN })]);
  });
});

describe('downloadLinksMessage', () => {
  const s = subject(1, { state: 'completed' });
  const links = [
    { url: 'https://dl.example.test/a?sig=1&x=2', expiresAt: '2025-03-10T09:35:00.000Z' },
    { url: 'https://dl.example.test/b|c>d', expiresAt: '2025-03-10T09:30:40.000Z' },
    { url: 'https://dl.example.test/c', expiresAt: '2025-03-10T09:29:00.000Z' },
  ];
  const m = downloadLinksMessage(s, links, NOW, EN);
  const text = textOf(m.blocks);

  it('lists one link per archive with its short lifetime', () => {
    expect(text).toContain('• <https://dl.example.test/a?sig=1&amp;x=2|Archive 1 of 3>: works until 09:35 UTC, about 5 minutes');
    expect(text).toContain('• <https://dl.example.test/b%7Cc%3Ed|Archive 2 of 3>: works until 09:30 UTC, less than a minute');
    expect(text).toContain('• <https://dl.example.test/c|Archive 3 of 3>: has already expired: press *Get download link* again');
  });

  it('reminds that the archive holds personal data, and keeps links out of the notification text', () => {
    expect(text).toContain('The archive holds personal data. Handle it only under the legal basis recorded for this case');
    expect(m.text).toBe('Download links for the chat export of Person Number 1: 3 archives, each link working for a few minutes.');
    expect(m.text).not.toContain('https://');
  });

  it('says so when a link is too long for Slack instead of cutting it', () => {
    const long = downloadLinksMessage(s, [{ url: `https://x.test/${'a'.repeat(3500)}`, expiresAt: '2025-03-10T09:35:00.000Z' }], NOW, EN);
    expect(textOf(long.blocks)).toContain('Archive 1 of 1: its link is too long to show in Slack');
  });
});

// ---------------------------------------------------------------- data minimisation

describe('what the builders never put in a payload', () => {
  /** A Genesys name that is an email address must not leak. */
  const emailNamed = makeCase({
    subjects: [
      subject(1, { name: 'jane.doe@example.com' }),
      subject(2, { name: 'sam@example.org', slackUserId: undefined }),
      ...makeCase().subjects.slice(2),
    ],
    justification: 'Access request for the two people named, received by post.',
    caseReference: 'DSAR-2025-0042',
  });

  function everyOutput(c: ExportCase): unknown[] {
    const all: unknown[] = [
      approvalCard(c, EN),
      approvalCardText(c, EN),
      approvalReminderText(c, EN),
      approveModal(c, EN),
      rejectModal(c, EN),
      caseStatusMessage(c, EN),
      caseDecidedText(c, EN),
      caseFinishedMessage(c, { timelineEnabled: true }, EN),
      requestSubmittedView(c, { requireApproval: true }, EN),
      homeView({ myCases: [c], awaitingMyApproval: [c], isRequester: true, isApprover: true, now: NOW }, EN),
      statusListText([c], EN),
    ];
    for (const s of c.subjects) {
      all.push(subjectReadyMessage(c, s.id, EN), subjectFailedMessage(c, s.id, EN), exportExpiredMessage(c, s.id, EN));
      all.push(downloadLinksMessage(s, [{ url: 'https://dl.example.test/x', expiresAt: NOW.toISOString() }], NOW, EN));
    }
    return all;
  }

  it('no email address anywhere, even when Genesys names a person by email', () => {
    for (const output of everyOutput(emailNamed)) expect(json(output)).not.toMatch(EMAIL_PATTERN);
    expect(textOf(caseStatusMessage(emailNamed, EN).blocks)).toContain('• <@U01ABCDEF>: ');
    expect(textOf(caseStatusMessage(emailNamed, EN).blocks)).toContain('• Genesys user `0d5f3c2a-1b4e-4c8d-9f00-123456789002`: ');
  });

  it('button values, block ids and metadata hold ids only', () => {
    const outputs = [...everyOutput(makeCase()), ...everyOutput(awaitingCase())];
    for (const output of outputs) {
      for (const b of buttons(output)) {
        if (b.value !== undefined) expect(b.value).toMatch(/^GX-[0-9A-Z]{8}(\|s\d+)?$/);
      }
    }
    const blockIds = JSON.stringify(outputs).match(/"block_id":"[^"]*"/g) ?? [];
    for (const id of blockIds) expect(id).toMatch(/^"block_id":"[a-z_]+(GX-[0-9A-Z]{8}|s\d+)?"$/);
    expect(approveModal(makeCase(), EN).private_metadata).toBe('GX-7K2M9QPA');
  });
});

// ---------------------------------------------------------------- home

describe('homeView', () => {
  const many = Array.from({ length: 200 }, (_, i) => historicCase(i));
  const shuffled = [...many].reverse();

  it('stays within 100 blocks with 200 cases in each list, pointing to /gdpr-export status', () => {
    const view = homeView({ myCases: shuffled, awaitingMyApproval: shuffled, isRequester: true, isApprover: true, now: NOW }, EN);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(findBlockKitViolations('home', view)).toEqual([]);
    expect(textOf(view)).toContain('…and 160 more — use `/gdpr-export status`');
    expect(textOf(view)).toContain('…and 180 more waiting');
  });

  it('lists newest first, with states and due dates', () => {
    const view = homeView({ myCases: many.slice(0, 3).reverse(), awaitingMyApproval: [], isRequester: true, isApprover: false, now: NOW }, EN);
    const text = textOf(view);
    const order = ['GX-00000000', 'GX-00000001', 'GX-00000002'].map((id) => text.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(-1);
    expect(text).toContain(':arrows_counterclockwise: Genesys Cloud is preparing the exports · 1 of 5 people ready · due <!date^');
  });

  it('flags due dates that are close or past for open cases', () => {
    const soon = makeCase({ dueAt: '2025-03-13T09:30:00.000Z' });
    const late = makeCase({ id: 'GX-7K2M9QPB', dueAt: '2025-03-01T09:30:00.000Z' });
    const doneLate = makeCase({ id: 'GX-7K2M9QPC', dueAt: '2025-03-01T09:30:00.000Z', state: 'completed' });
    const text = textOf(homeView({ myCases: [soon, late, doneLate], awaitingMyApproval: [], isRequester: true, isApprover: false, now: NOW }, EN));
    expect(text).toContain('(in 3 days)');
    expect(text.match(/overdue/g)).toHaveLength(1);
  });

  it('gives requesters a New request button and approvers Approve/Reject buttons', () => {
    const requester = homeView({ myCases: [], awaitingMyApproval: [], isRequester: true, isApprover: false, now: NOW }, EN);
    expect(buttons(requester)).toEqual([expect.objectContaining({ action_id: ids.OPEN_REQUEST_MODAL, text: expect.objectContaining({ text: 'New request' }) })]);
    expect(textOf(requester)).toContain('You have no export requests yet.');
    expect(textOf(requester)).not.toContain('Waiting for my approval');

    const approver = homeView({ myCases: [], awaitingMyApproval: [awaitingCase()], isRequester: false, isApprover: true, now: NOW }, EN);
    expect(buttons(approver).map((b) => [b.action_id, b.value])).toEqual([
      [ids.APPROVE_CASE, 'GX-7K2M9QPA'],
      [ids.REJECT_CASE, 'GX-7K2M9QPA'],
    ]);
    expect(JSON.stringify(approver)).toContain('Waiting for my approval');
    expect(JSON.stringify(approver)).not.toContain('My requests');

    const idle = homeView({ myCases: [], awaitingMyApproval: [], isRequester: false, isApprover: true, now: NOW }, EN);
    expect(textOf(idle)).toContain('Nothing is waiting for your approval.');
  });

  it('welcomes someone with no role in a friendly way', () => {
    const view = homeView({ myCases: [], awaitingMyApproval: [], isRequester: false, isApprover: false, now: NOW }, EN);
    expect(buttons(view)).toEqual([]);
    expect(textOf(view)).toContain('You are not on its list of requesters or approvers.');
  });

  it('shows a case listed twice once (block ids stay unique)', () => {
    const c = awaitingCase();
    const view = homeView({ myCases: [c, c], awaitingMyApproval: [c, c], isRequester: true, isApprover: true, now: NOW }, EN);
    expect(findBlockKitViolations('home', view)).toEqual([]);
    expect(buttons(view).filter((b) => b.action_id === ids.APPROVE_CASE)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- command replies

describe('command replies', () => {
  it('help explains usage with the configured maximum', () => {
    expect(helpText(7, EN)).toContain('(at most 7)');
    expect(helpText(7, EN)).toContain('`/gdpr-export status`');
    expect(helpText(7, EN)).not.toMatch(EMAIL_PATTERN);
  });

  it('status lists newest first and stays bounded', () => {
    const text = statusListText(Array.from({ length: 30 }, (_, i) => historicCase(29 - i)), EN);
    expect(text.indexOf('GX-00000000')).toBeGreaterThan(-1);
    expect(text.indexOf('GX-00000000')).toBeLessThan(text.indexOf('GX-00000001'));
    const shown = text.match(/^• /gm)?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(10);
    expect(text).toContain(`…and ${30 - shown} older requests.`);
    expect(text).not.toContain('GX-00000029');
    expect(statusListText([], EN)).toBe('You have no export requests. Type `/gdpr-export` to start one.');
  });

  it('refuses bots, deactivated and unknown people by mention', () => {
    expect(mentionedPeopleRefusal([{ id: 'U1', exists: true, isBot: false, deleted: false }], EN)).toBeUndefined();
    const refusal = mentionedPeopleRefusal([
      { id: 'U1', exists: true, isBot: true, deleted: false },
      { id: 'U2', exists: true, isBot: false, deleted: true },
      { id: 'U3', exists: false, isBot: false, deleted: false },
    ], EN);
    expect(refusal?.split('\n')).toEqual([
      expect.stringMatching(/^<@U1> is an app or bot/),
      expect.stringMatching(/^<@U2> is deactivated in Slack/),
      expect.stringMatching(/^The bot cannot see <@U3>/),
    ]);
  });
});

describe('status with each person’s last Genesys status', () => {
  it('shows, per open case, each person’s Genesys status and when it was checked; closed cases in a line', () => {
    const open = makeCase({
      subjects: [
        subject(1, { state: 'submitted', genesysStatus: 'SEARCHING', submittedAt: '2025-03-09T09:00:00.000Z', lastCheckedAt: '2025-03-10T08:00:00.000Z', nextCheckAt: '2025-03-10T08:30:00.000Z' }),
        subject(2, { state: 'pending' }),
      ],
    });
    const closed = makeCase({ id: 'GX-7K2M9QPC', state: 'completed', receivedAt: '2025-02-01T00:00:00.000Z' });
    const message = statusListMessage([closed, open], EN);
    const text = textOf(message.blocks);
    expect(text).toContain('*Person Number 1*: :arrows_counterclockwise: Genesys Cloud is preparing it (`SEARCHING`) · last checked <!date^');
    expect(text).toContain('next check <!date^');
    expect(text).toContain('*Person Number 2*: :white_circle: waiting to be sent to Genesys Cloud · no status from Genesys Cloud yet, not checked yet');
    expect(text).toContain('*Closed*\n• `GX-7K2M9QPC`');
    expect(text).not.toContain('◦ *Person Number 1*: :large_green_circle');
  });

  it('stays within Slack’s limits however many cases there are', () => {
    const many = Array.from({ length: 200 }, (_, i) => historicCase(i));
    expect(messageViolations(statusListMessage(many, EN))).toEqual([]);
    expect(statusListMessage(many, EN).blocks.length).toBeLessThanOrEqual(50);
  });

  it('shows one case in full', () => {
    const c = makeCase({ receivedOn: '2025-03-01', dueAt: '2025-04-01T22:00:00.000Z' });
    const text = textOf(caseDetailMessage(c, EN).blocks);
    expect(text).toContain('*GDPR export `GX-7K2M9QPA`*');
    expect(text).toContain('*Deadline:* GDPR response due 1 April 2025 (request received 1 March 2025)');
    expect(text).toContain('*Person Number 1*: :large_green_circle: ready since <!date^1741514400^{date_short_pretty} at {time}|9 Mar 2025, 10:00 UTC> · Genesys status `FULFILLED`, not checked yet');
    expect(buttons({ type: 'home', blocks: caseDetailMessage(c, EN).blocks }).map((b) => b.action_id)).toEqual([ids.EXTEND_DEADLINE, ids.WITHDRAW_CASE]);
  });
});
