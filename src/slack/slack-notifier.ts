/**
 * Delivers the workflow's outbox to Slack. Each case has one DM thread with the requester: a status
 * message updated in place, and replies (broadcast to the DM so they notify) for each event.
 * Approval cards go to the approval channel or to each approver by DM.
 *
 * Exactly-once: every message carries its notification id in Slack message metadata, and each
 * message a notification posts is one part of it, recorded in the outbox entry once sent. A retry
 * skips the recorded parts; a part an earlier attempt may have sent without recording it (a crash,
 * a lost answer) is first looked for in the channel's recent history. When that look-up fails we
 * throw, and the outbox tries again later: never a blind post.
 *
 * The approval channel cannot be read with the manifest's scopes (no channels:history): there, a
 * card recorded by an earlier attempt counts as delivered, and one whose outcome is unknown is
 * posted again (a rare duplicate; the first decision wins).
 *
 * No wasted updates: the status message and the cards remember a fingerprint of what they show;
 * a chat.update that would show the same is skipped. A reference without one (written by v0.1.0,
 * or found after a crash) is unknown, so it is updated.
 *
 * Each person reads in their own language: the requester's status message and replies, an
 * approver's card in their DM, an escalation. The approval channel reads in DEFAULT_LOCALE. A card
 * is fingerprinted as its own reader sees it.
 */
import { createHash } from 'node:crypto';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../logger.js';
import type { ExportCase, Notification } from '../workflow/model.js';
import { overdueAudience, overdueRecipients } from '../workflow/deadlines.js';
import type { DeliveryOptions, MembershipPort, NotifierPort, WorkflowStore } from '../workflow/ports.js';
import { approvalChannelIsSafe } from '../workflow/approver-eligibility.js';
import { slackErrorCode } from './slack-directory.js';
import type { Readers } from './readers.js';
import type { Reader } from './catalog/index.js';
import {
  approvalCard,
  approvalCardText,
  approvalReminderText,
  caseDecidedText,
  caseFinishedMessage,
  caseStatusMessage,
  caseWithdrawnText,
  deadlineEscalationText,
  deadlineExtendedText,
  deadlineOverdueText,
  deadlineReminderText,
  subjectFailedMessage,
  subjectReadyMessage,
} from './views/index.js';

export const NOTIFICATION_EVENT_TYPE = 'gdpr_export_notification';
/** "was it already sent?" reads at most this many messages back (pages × size) */
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_MAX_PAGES = 10;

export interface MessageRef {
  channel: string;
  ts: string;
}

/** a message we keep updating; `fingerprint` is of what it shows now (absent: unknown) */
interface ShownMessageRef extends MessageRef {
  fingerprint?: string;
  /** the approver whose DM holds this card (absent: the approval channel, or written before 0.2.0) */
  userId?: string;
}

/** where an approval card goes: the approval channel, or an approver's DM */
interface CardTarget {
  channel: string;
  /** the approver, for a card sent by DM */
  userId?: string;
}

interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export interface SlackNotifierOptions {
  client: WebClient;
  store: WorkflowStore;
  membership: MembershipPort;
  /** each recipient reads in their own language; the approval channel in DEFAULT_LOCALE */
  readers: Readers;
  logger: Logger;
  approvers: readonly string[];
  /** told of overdue cases with the approvers (the oversight role's hook; empty today) */
  oversight?: readonly string[];
  approvalChannel?: string;
  timelineEnabled: boolean;
  /** how long message references are kept (the case's own retention plus a margin) */
  refTtlMs: number;
}

export class SlackNotifier implements NotifierPort {
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly o: SlackNotifierOptions) {}

  async deliver(n: Notification, c: ExportCase, opts: DeliveryOptions): Promise<void> {
    const send = (part: string, channel: string, message: SlackMessage, threadTs?: string) =>
      this.postOnce(n, part, channel, message, threadTs, opts);
    // the requester reads the status message and every reply: their reader is looked up once
    let requesterReader: Promise<Reader> | undefined;
    const requester = () => (requesterReader ??= this.o.readers.forUser(c.requesterId));

    switch (n.kind) {
      case 'approval_requested': {
        // cards recorded by an earlier attempt reached Slack (v0.1.0 recorded them all at the end)
        const recorded = await this.cards(c.id);
        const refs: ShownMessageRef[] = [];
        for (const target of await this.approvalTargets(c)) {
          const { channel, userId } = target;
          const known = recorded.find((r) => r.channel === channel);
          if (known) {
            refs.push(userId && !known.userId ? { ...known, userId } : known);
            continue;
          }
          const card = cardFor(c, await this.readerOfCard(target));
          const { ref, posted } = await send(`card:${channel}`, channel, card);
          refs.push({ ...ref, ...(posted ? { fingerprint: fingerprintOf(card) } : {}), ...(userId ? { userId } : {}) });
        }
        await this.o.store.setMeta(cardsKey(c.id), refs, this.o.refTtlMs);
        await this.upsertStatus(c, await requester());
        return;
      }
      case 'approval_reminder': {
        for (const ref of await this.cardsWithApprovers(c)) {
          await send(`reminder:${ref.channel}`, ref.channel, { text: approvalReminderText(c, await this.readerOfCard(ref)) }, ref.ts);
        }
        return;
      }
      case 'case_decided':
      case 'deadline_extended':
      case 'case_withdrawn': {
        // the cards and the status message show the change; a reply tells the requester
        await this.updateCards(c);
        const status = await this.upsertStatus(c, await requester());
        await send('reply', status.channel, { text: CARD_CHANGE_REPLY[n.kind](c, await requester()) }, status.ts);
        return;
      }
      case 'deadline_reminder': {
        const status = await this.upsertStatus(c, await requester());
        await send('reply', status.channel, { text: deadlineReminderText(c, new Date(n.createdAt), await requester()) }, status.ts);
        return;
      }
      case 'deadline_overdue': {
        const status = await this.upsertStatus(c, await requester());
        await send('reply', status.channel, { text: deadlineOverdueText(c, await requester()) }, status.ts);
        // one part per recipient: a retry after a partial failure posts only the missing ones; a
        // person the case concerns is never told of it
        const audience = await this.o.membership.expand(overdueAudience(c, { approvers: this.o.approvers, oversight: this.o.oversight }));
        for (const person of overdueRecipients(c, audience)) {
          await send(`escalation:${person}`, await this.dmChannel(person), { text: deadlineEscalationText(c, await this.o.readers.forUser(person)) });
        }
        return;
      }
      case 'case_status': {
        await this.upsertStatus(c, await requester());
        return;
      }
      case 'subject_ready':
      case 'subject_failed': {
        if (!n.subjectId) throw new Error(`${n.kind} notification ${n.id} has no subject`);
        const status = await this.upsertStatus(c, await requester());
        const reader = await requester();
        const message = n.kind === 'subject_ready' ? subjectReadyMessage(c, n.subjectId, reader) : subjectFailedMessage(c, n.subjectId, reader);
        await send('reply', status.channel, message, status.ts);
        return;
      }
      case 'case_finished': {
        const status = await this.upsertStatus(c, await requester());
        const finished = caseFinishedMessage(c, { timelineEnabled: this.o.timelineEnabled }, await requester());
        await send('reply', status.channel, finished, status.ts);
        return;
      }
    }
  }

  /**
   * Shows the decision on every card, each in its reader's language; a card already showing it is
   * left alone (a retry, a repeat).
   */
  private async updateCards(c: ExportCase): Promise<void> {
    const refs = await this.cardsWithApprovers(c);
    for (const [i, ref] of refs.entries()) {
      const card = cardFor(c, await this.readerOfCard(ref));
      const fingerprint = fingerprintOf(card);
      if (ref.fingerprint === fingerprint) continue;
      await this.o.client.chat.update({ channel: ref.channel, ts: ref.ts, ...card });
      refs[i] = { channel: ref.channel, ts: ref.ts, fingerprint, ...(ref.userId ? { userId: ref.userId } : {}) };
      await this.o.store.setMeta(cardsKey(c.id), refs, this.o.refTtlMs);
    }
  }

  /** the approval channel reads in DEFAULT_LOCALE; a card in a DM, in its approver's language */
  private async readerOfCard(target: CardTarget): Promise<Reader> {
    return target.userId ? this.o.readers.forUser(target.userId) : this.o.readers.forChannel();
  }

  /**
   * The case's cards, each DM card with its approver. A card recorded before 0.2.0 has no approver:
   * it is found among the case's approvers by its DM (conversations.open gives a person's DM back);
   * one not found reads the default language.
   */
  private async cardsWithApprovers(c: ExportCase): Promise<ShownMessageRef[]> {
    const refs = await this.cards(c.id);
    if (refs.every((r) => r.userId || r.channel === this.o.approvalChannel)) return refs;
    const approvers = await this.approverDms(c);
    return refs.map((r) => {
      if (r.userId || r.channel === this.o.approvalChannel) return r;
      const userId = approvers.find((t) => t.channel === r.channel)?.userId;
      return userId ? { ...r, userId } : r;
    });
  }

  /**
   * The requester's DM status message for the case: posted once, then updated in place. A post that
   * began but was never recorded (a crash in between) may have reached Slack, and any notification of
   * the case may be the next to get here: so the post is marked first, and a marked post with no
   * recorded message is looked for in the DM (by its metadata) before posting again. An update that
   * would show what the message already shows is skipped.
   */
  private async upsertStatus(c: ExportCase, reader: Reader): Promise<MessageRef> {
    const message = caseStatusMessage(c, reader);
    const fingerprint = fingerprintOf(message);
    let existing = await this.o.store.getMeta<ShownMessageRef>(statusKey(c.id));
    if (!existing && (await this.o.store.getMeta<boolean>(statusPostingKey(c.id)))) {
      existing = await this.findDelivered(await this.dmChannel(c.requesterId), statusMessageId(c.id), new Date(c.createdAt));
      if (existing) await this.o.store.setMeta(statusKey(c.id), existing, this.o.refTtlMs);
    }
    if (existing) {
      if (existing.fingerprint === fingerprint) return existing;
      await this.o.client.chat.update({ channel: existing.channel, ts: existing.ts, text: message.text, blocks: message.blocks });
      const shown = { channel: existing.channel, ts: existing.ts, fingerprint };
      await this.o.store.setMeta(statusKey(c.id), shown, this.o.refTtlMs);
      return shown;
    }
    const channel = await this.dmChannel(c.requesterId);
    await this.o.store.setMeta(statusPostingKey(c.id), true, this.o.refTtlMs);
    const posted = await this.o.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { notification_id: statusMessageId(c.id), case_id: c.id } },
    });
    const ref = { channel: posted.channel ?? channel, ts: String(posted.ts), fingerprint };
    await this.o.store.setMeta(statusKey(c.id), ref, this.o.refTtlMs);
    return ref;
  }

  /**
   * Sends one part of a notification once: skipped when recorded as delivered, looked for first when
   * an earlier attempt may have sent it, recorded as soon as it is sent. `posted` says whether this
   * call posted it (so what it shows is known).
   */
  private async postOnce(
    n: Notification,
    part: string,
    channel: string,
    message: SlackMessage,
    threadTs: string | undefined,
    opts: DeliveryOptions,
  ): Promise<{ ref: MessageRef; posted: boolean }> {
    const recorded = parseRef(opts.deliveredParts[part]);
    if (recorded) return { ref: recorded, posted: false };
    if (opts.possiblyDelivered) {
      // a failed look-up throws: the outbox retries the look-up later rather than posting blind
      const earlier = await this.findDelivered(channel, n.id, new Date(n.createdAt), threadTs);
      if (earlier) {
        this.o.logger.info({ notificationId: n.id, caseId: n.caseId, part }, 'notification was already delivered before a restart; not sending again');
        await opts.recordPart(part, formatRef(earlier));
        return { ref: earlier, posted: false };
      }
    }
    const args = {
      channel,
      text: message.text,
      metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { notification_id: n.id, case_id: n.caseId } },
      ...(message.blocks ? { blocks: message.blocks } : {}),
      // A reply broadcast to the DM notifies the person and keeps the case's history in one thread.
      ...(threadTs ? { thread_ts: threadTs, reply_broadcast: true } : {}),
    } as ChatPostMessageArguments;
    const posted = await this.o.client.chat.postMessage(args);
    const ref = { channel: posted.channel ?? channel, ts: String(posted.ts) };
    await opts.recordPart(part, formatRef(ref));
    return { ref, posted: true };
  }

  /**
   * Looks for a message carrying `notificationId` in the channel (or the thread), from `since` on,
   * page by page. A look-up that fails, or that cannot reach back to `since`, throws: the outbox then
   * tries again later, and nothing is posted on a guess.
   */
  private async findDelivered(channel: string, notificationId: string, since: Date, threadTs?: string): Promise<MessageRef | undefined> {
    if (channel === this.o.approvalChannel) {
      // Reading it would need channels:history/groups:history: every message of every channel the
      // bot is in. A card whose outcome is unknown is sent again instead.
      this.o.logger.warn({ notificationId }, 'cannot check the approval channel for an earlier delivery; sending again');
      return undefined;
    }
    // a minute's margin for the clocks of Slack and of whoever wrote `since`
    const oldest = String(Math.floor(since.getTime() / 1000) - 60);
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_MAX_PAGES; page++) {
      const args = { channel, limit: LOOKUP_PAGE_SIZE, include_all_metadata: true, oldest, ...(cursor ? { cursor } : {}) };
      const answer = threadTs ? await this.o.client.conversations.replies({ ...args, ts: threadTs }) : await this.o.client.conversations.history(args);
      for (const m of answer.messages ?? []) {
        const payload = (m as { metadata?: { event_type?: string; event_payload?: { notification_id?: unknown } } }).metadata;
        if (payload?.event_type === NOTIFICATION_EVENT_TYPE && payload.event_payload?.notification_id === notificationId && m.ts) {
          return { channel, ts: m.ts };
        }
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return undefined;
    }
    throw Object.assign(new Error(`more than ${LOOKUP_MAX_PAGES * LOOKUP_PAGE_SIZE} messages to look through; will look again later`), {
      code: 'lookup_incomplete',
    });
  }

  private async approvalTargets(c: ExportCase): Promise<CardTarget[]> {
    if (this.o.approvalChannel) {
      if (approvalChannelIsSafe(c, await this.channelMembers(this.o.approvalChannel))) return [{ channel: this.o.approvalChannel }];
      this.o.logger.info({ caseId: c.id }, 'approval cards go by DM: a person the request concerns is, or may be, in the approval channel');
    }
    return this.approverDms(c);
  }

  /** each approver who may decide on the case, with their DM */
  private async approverDms(c: ExportCase): Promise<CardTarget[]> {
    const people =
      c.approval.eligibleApproverIds ??
      (await this.o.membership.expand(c.approval.approverIds.length ? c.approval.approverIds : this.o.approvers)).filter(
        (id) => id !== c.requesterId && !c.subjects.some((s) => s.slackUserId === id),
      );
    return Promise.all(people.map(async (userId) => ({ channel: await this.dmChannel(userId), userId })));
  }

  /** every member of the channel, or undefined when Slack will not say (missing scope, not in channel…) */
  private async channelMembers(channel: string): Promise<string[] | undefined> {
    try {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.o.client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    } catch (e) {
      this.o.logger.warn({ channel, err: slackErrorCode(e) ?? (e as Error).message }, 'could not list the approval channel members');
      return undefined;
    }
  }

  private async cards(caseId: string): Promise<ShownMessageRef[]> {
    return (await this.o.store.getMeta<ShownMessageRef[]>(cardsKey(caseId))) ?? [];
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.o.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    this.dmChannels.set(userId, id);
    return id;
  }
}

// exported for the clean-up after a purge (slack-cleanup.ts), which reads and forgets them
export const statusKey = (caseId: string) => `slack:status:${caseId}`;
export const statusPostingKey = (caseId: string) => `slack:status-posting:${caseId}`;
/** the metadata id of a case's status message, so it can be found after a crash */
const statusMessageId = (caseId: string) => `${caseId}:status_message`;
export const cardsKey = (caseId: string) => `slack:cards:${caseId}`;

/** the reply to the requester when a change also shows on the approval cards */
const CARD_CHANGE_REPLY = {
  case_decided: caseDecidedText,
  deadline_extended: deadlineExtendedText,
  case_withdrawn: caseWithdrawnText,
} satisfies Record<string, (c: ExportCase, reader: Reader) => string>;

/** the approval card as one reader sees it, with its notification text */
function cardFor(c: ExportCase, reader: Reader): SlackMessage {
  return { text: approvalCardText(c, reader), blocks: approvalCard(c, reader) };
}

/** what a message shows, in a few bytes: the same text and blocks give the same fingerprint */
function fingerprintOf(message: SlackMessage): string {
  return createHash('sha256').update(JSON.stringify([message.text, message.blocks ?? null])).digest('base64url').slice(0, 22);
}

/** a delivered part as the outbox keeps it: "channel ts" (neither holds a space) */
function formatRef(ref: MessageRef): string {
  return `${ref.channel} ${ref.ts}`;
}

function parseRef(recorded: string | undefined): MessageRef | undefined {
  const [channel, ts] = recorded?.split(' ') ?? [];
  return channel && ts ? { channel, ts } : undefined;
}
