import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMessage, renderModal, renderMrkdwn } from '../../dev/demo/render-blocks.js';
import { createFastClock } from '../../dev/demo/fast-clock.js';
import { approvalCard } from '../../src/slack/views/approval-card.js';
import { caseStatusMessage } from '../../src/slack/views/case-status-message.js';
import { readerFor } from '../../src/slack/catalog/index.js';
import type { ExportCase } from '../../src/workflow/model.js';

const names = new Map([
  ['U0RITA', 'Rita Requester'],
  ['S0APPROVERS', 'gdpr-approvers'],
]);
const nameOf = (id: string) => names.get(id);

describe('renderMrkdwn', () => {
  it('turns mentions, dates, links and entities into what a person reads', () => {
    expect(renderMrkdwn('<@U0RITA> and <@U0NOBODY|nobody> in <#C0GEN|general>, ask <!subteam^S0APPROVERS>', nameOf)).toBe(
      '@Rita Requester and @nobody in #general, ask @gdpr-approvers',
    );
    expect(renderMrkdwn('due <!date^1767225600^{date_long}|2026-01-01>', nameOf)).toBe('due 2026-01-01');
    expect(renderMrkdwn('• <http://h/signed/x?a=1&amp;b=2|Archive 1 of 1>: ok', nameOf)).toBe('• Archive 1 of 1 (http://h/signed/x?a=1&b=2): ok');
    expect(renderMrkdwn('*Bold* &lt;script&gt; :large_green_circle: :unknown_one:', nameOf)).toBe('Bold <script> 🟢 :unknown_one:');
  });
});

describe('renderBlocks', () => {
  it('renders headers, sections with fields, context, dividers and buttons', () => {
    const lines = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Title' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Hello <@U0RITA>' }, fields: [{ type: 'mrkdwn', text: '*Label*\nvalue' }] },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'a' }, { type: 'mrkdwn', text: 'b' }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' } }, { type: 'button', text: { type: 'plain_text', text: 'Reject' } }] },
        { type: 'image' },
      ],
      nameOf,
    );
    expect(lines).toEqual(['# Title', 'Hello @Rita Requester', 'Label: value', '──────────', '· a · b', '[ Approve ]  [ Reject ]', '[image]']);
  });

  it('shows inputs with their values, choices and hints, and a modal with its buttons', () => {
    const lines = renderModal(
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'Form' },
        submit: { type: 'plain_text', text: 'Send' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          { type: 'input', optional: true, label: { type: 'plain_text', text: 'People' }, element: { type: 'multi_users_select', initial_users: ['U0RITA'] } },
          { type: 'input', label: { type: 'plain_text', text: 'Basis' }, element: { type: 'static_select', options: [{ text: { type: 'plain_text', text: 'A' } }, { text: { type: 'plain_text', text: 'B' } }] } },
          { type: 'input', label: { type: 'plain_text', text: 'Why' }, hint: { type: 'plain_text', text: 'a sentence' }, element: { type: 'plain_text_input' } },
        ],
      },
      nameOf,
    );
    expect(lines).toEqual([
      '┌─ Form',
      '│ People (optional): @Rita Requester',
      '│ Basis: (choose one: A | B)',
      '│ Why: (empty)',
      '│   · a sentence',
      '│',
      '│ [ Send ]  [ Cancel ]',
      '└─',
    ]);
  });

  it('renders the bot’s own approval card and status message readably', () => {
    const c = {
      id: 'GX-ABCDEFGH',
      teamId: 'T0TEST',
      requesterId: 'U0RITA',
      legalBasis: 'legal_hold',
      caseReference: 'LH-1',
      justification: 'Litigation hold on the supplier dispute.',
      receivedAt: '2026-01-05T10:00:00.000Z',
      dueAt: '2026-02-05T10:00:00.000Z',
      approval: { required: true, approverIds: ['S0APPROVERS'], expiresAt: '2026-01-08T10:00:00.000Z' },
      state: 'awaiting_approval',
      subjects: [{ id: 's1', genesysUserId: 'g-1', name: 'Alice Martin', resolvedVia: 'slack_profile_email', state: 'pending', attempts: 0, checks: 0 }],
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      version: 1,
    } as unknown as ExportCase;
    const card = renderBlocks(approvalCard(c, readerFor('en')), nameOf);
    expect(card).toEqual(expect.arrayContaining(['# GDPR export approval: GX-ABCDEFGH', 'Legal basis: Legal hold or litigation', '[ Approve ]  [ Reject ]']));
    expect(card.join('\n')).not.toMatch(/<[@!#]/);
    const status = renderMessage(caseStatusMessage(c, readerFor('en')), nameOf, 'status');
    expect(status[0]).toBe('┌─ status');
    expect(status).toContain('│ • Alice Martin: ⚪ waiting to be sent to Genesys Cloud');
  });
});

describe('createFastClock', () => {
  it('runs at real speed, faster after setSpeed, without jumps, and stamps past instants', () => {
    let real = 1_000_000;
    const clock = createFastClock(() => real);
    real += 1_000;
    expect(clock.now()).toBe(1_001_000);
    clock.setSpeed(100);
    real += 10;
    expect(clock.now()).toBe(1_002_000);
    clock.setSpeed(1);
    real += 5;
    expect(clock.now()).toBe(1_002_005);
    expect(clock.at(1_001_005)).toBe(1_001_500); // inside the fast stretch
    expect(clock.at(1_000_500)).toBe(1_000_500);
    expect(clock.speed).toBe(1);
  });
});
