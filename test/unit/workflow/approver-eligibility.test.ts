import { describe, expect, it } from 'vitest';
import { approvalChannelIsSafe, isSubject, splitApprovers, subjectStatusOnCase } from '../../../src/workflow/approver-eligibility.js';

const ALICE_G = 'a11ce000-0000-4000-8000-000000000001';
const BOB_G = 'b0b00000-0000-4000-8000-000000000002';

describe('splitApprovers (eligible approvers = approvers − requester − subjects)', () => {
  const genesysOf: Record<string, string[]> = { UALICE: [ALICE_G], UADAM: [], UANNA: [] };
  const lookup = (id: string) => genesysOf[id];

  it('drops the requester and an approver picked as a subject by Slack id', () => {
    const split = splitApprovers({
      approvers: ['UADAM', 'UANNA', 'UREQ'],
      requesterId: 'UREQ',
      subjects: [{ slackUserId: 'UANNA', genesysUserId: BOB_G }],
      genesysIdsOf: lookup,
    });
    expect(split).toEqual({ eligible: ['UADAM'], subjects: ['UANNA'], unchecked: [] });
  });

  it('drops an approver whose Slack email resolves to a subject typed by Genesys id or email (case-insensitive)', () => {
    const split = splitApprovers({
      approvers: ['UADAM', 'UALICE'],
      requesterId: 'UREQ',
      subjects: [{ genesysUserId: ALICE_G.toUpperCase() }],
      genesysIdsOf: lookup,
    });
    expect(split).toEqual({ eligible: ['UADAM'], subjects: ['UALICE'], unchecked: [] });
  });

  it('leaves an approver the bot could not resolve unchecked (no card), and lists each approver once', () => {
    const split = splitApprovers({
      approvers: ['UADAM', 'UUNKNOWN', 'UADAM'],
      requesterId: 'UREQ',
      subjects: [{ genesysUserId: BOB_G }],
      genesysIdsOf: lookup,
    });
    expect(split).toEqual({ eligible: ['UADAM'], subjects: [], unchecked: ['UUNKNOWN'] });
  });

  it('leaves nobody when every other approver is a subject', () => {
    const split = splitApprovers({
      approvers: ['UALICE', 'UREQ'],
      requesterId: 'UREQ',
      subjects: [{ slackUserId: 'UALICE', genesysUserId: ALICE_G }],
      genesysIdsOf: lookup,
    });
    expect(split.eligible).toEqual([]);
  });
});

describe('isSubject', () => {
  it('matches by Slack id, by Genesys id, and counts "cannot tell" as a subject', () => {
    const subjects = [{ slackUserId: 'UBOB', genesysUserId: BOB_G }, { genesysUserId: ALICE_G }];
    expect(isSubject(subjects, 'UBOB', [])).toBe(true);
    expect(isSubject(subjects, 'UX', [ALICE_G])).toBe(true);
    expect(isSubject(subjects, 'UX', [])).toBe(false);
    expect(isSubject(subjects, 'UX', undefined)).toBe(true);
  });
});

describe('subjectStatusOnCase', () => {
  const approval = { required: true, approverIds: [], eligibleApproverIds: ['UADAM'], subjectApproverIds: ['UALICE'] };
  const subjects = [{ slackUserId: 'UBOB', genesysUserId: BOB_G }];

  it('answers from what the case stored, and "unknown" for anyone it does not know', () => {
    expect(subjectStatusOnCase({ subjects, approval }, 'UBOB')).toBe('subject');
    expect(subjectStatusOnCase({ subjects, approval }, 'UALICE')).toBe('subject');
    expect(subjectStatusOnCase({ subjects, approval }, 'UADAM')).toBe('not_subject');
    expect(subjectStatusOnCase({ subjects, approval }, 'UNEW')).toBe('unknown');
  });

  it('knows only the Slack ids of subjects on a v0.1.0 case', () => {
    const old = { subjects, approval: { required: true, approverIds: ['UADAM'] } };
    expect(subjectStatusOnCase(old, 'UBOB')).toBe('subject');
    expect(subjectStatusOnCase(old, 'UADAM')).toBe('unknown');
  });
});

describe('approvalChannelIsSafe', () => {
  const approval = { required: true, approverIds: [], subjectApproverIds: ['UALICE'] };
  it('allows the channel only when no subject can be in it', () => {
    const subjects = [{ slackUserId: 'UBOB', genesysUserId: BOB_G }];
    expect(approvalChannelIsSafe({ subjects, approval }, ['UADAM'])).toBe(true);
    expect(approvalChannelIsSafe({ subjects, approval }, ['UADAM', 'UBOB'])).toBe(false);
    expect(approvalChannelIsSafe({ subjects, approval }, ['UALICE'])).toBe(false);
    expect(approvalChannelIsSafe({ subjects, approval: { ...approval, uncheckedApproverIds: ['UANNA'] } }, ['UANNA'])).toBe(false);
    expect(approvalChannelIsSafe({ subjects, approval }, undefined)).toBe(false);
    expect(approvalChannelIsSafe({ subjects: [{ genesysUserId: ALICE_G }], approval }, ['UADAM'])).toBe(false);
  });
});
