/**
 * Who may decide a case: the approvers, minus the requester, minus every person the case concerns.
 * A subject is recognised by Slack user id and by Genesys user: an email or Genesys id typed in
 * "Other people" may be an approver's own Genesys account. Pure; the service supplies the look-ups.
 */
import type { Approval, SubjectExport } from './model.js';

export type SubjectIdentity = Pick<SubjectExport, 'slackUserId' | 'genesysUserId'>;

/** the parts of a stored case these rules read */
export interface CaseIdentities {
  subjects: readonly SubjectIdentity[];
  approval: Pick<Approval, 'required' | 'eligibleApproverIds' | 'subjectApproverIds' | 'uncheckedApproverIds'>;
}

/**
 * Whether this Slack user is one of the subjects. `genesysUserIds` are the Genesys users their Slack
 * email resolves to ([] when none); `undefined` means the bot could not tell, which counts as a subject.
 */
export function isSubject(subjects: readonly SubjectIdentity[], slackUserId: string, genesysUserIds: readonly string[] | undefined): boolean {
  if (subjects.some((s) => s.slackUserId === slackUserId)) return true;
  if (genesysUserIds === undefined) return true;
  const ids = new Set(genesysUserIds.map((id) => id.toLowerCase()));
  return subjects.some((s) => ids.has(s.genesysUserId.toLowerCase()));
}

export interface ApproverSplit {
  /** who gets a card and may decide */
  eligible: string[];
  /** approvers who are a subject of the case: never told, never decide */
  subjects: string[];
  /** approvers the bot could not check (a look-up failed): no card; checked again when they act */
  unchecked: string[];
}

/**
 * approvers (groups already expanded) − requester − subjects, in the approvers' order, without
 * repeats. `genesysIdsOf` answering undefined (the look-up failed) leaves that approver unchecked.
 */
export function splitApprovers(input: {
  approvers: readonly string[];
  requesterId: string;
  subjects: readonly SubjectIdentity[];
  genesysIdsOf: (slackUserId: string) => readonly string[] | undefined;
}): ApproverSplit {
  const split: ApproverSplit = { eligible: [], subjects: [], unchecked: [] };
  for (const id of new Set(input.approvers)) {
    if (id === input.requesterId) continue;
    const genesysIds = input.genesysIdsOf(id);
    if (isSubject(input.subjects, id, genesysIds ?? [])) split.subjects.push(id);
    else if (genesysIds === undefined) split.unchecked.push(id);
    else split.eligible.push(id);
  }
  return split;
}

/**
 * What the stored case already says about this person as a possible subject. 'unknown' for an
 * approver added since the case was made, or a case written before these fields existed (v0.1.0):
 * then the service resolves them in Genesys and asks `isSubject`.
 */
export function subjectStatusOnCase(c: CaseIdentities, slackUserId: string): 'subject' | 'not_subject' | 'unknown' {
  if (c.subjects.some((s) => s.slackUserId === slackUserId)) return 'subject';
  if (c.approval.subjectApproverIds?.includes(slackUserId)) return 'subject';
  if (c.approval.eligibleApproverIds?.includes(slackUserId)) return 'not_subject';
  return 'unknown';
}

/**
 * The approval channel may carry the card only when nobody the case concerns can read it: every
 * subject is known by Slack id and none of them, nor any approver found to be (or not checked for
 * being) a subject, is a member. `members` undefined (the look-up failed) or a subject known only by
 * email or Genesys id means the bot cannot tell: the cards then go by DM.
 */
export function approvalChannelIsSafe(c: CaseIdentities, members: readonly string[] | undefined): boolean {
  if (members === undefined) return false;
  if (c.subjects.some((s) => !s.slackUserId)) return false;
  const inChannel = new Set(members);
  if (c.subjects.some((s) => inChannel.has(s.slackUserId!))) return false;
  return ![...(c.approval.subjectApproverIds ?? []), ...(c.approval.uncheckedApproverIds ?? [])].some((id) => inChannel.has(id));
}
