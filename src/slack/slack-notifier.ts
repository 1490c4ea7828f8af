/**
 * Delivers the workflow's outbox to Slack. Each case has one DM thread with the requester: a status
 * message updated in place, and replies (broadcast to the DM so they notify) for each event.
 * Approval cards go to the approval channel or to each approver by DM.
 *
 * Exactly-once: every message carries its notification id in Slack message metadata. When the outbox
 * says an earlier attempt may have been delivered (a crash between send and "sent"), we look for that
 * id in the DM's recent history before sending again (the approval channel cannot be read with the
 * manifest's scopes: there, recorded cards count as delivered). Updates (chat.update) are idempotent.
 */
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../logger.js';
import type { ExportCase, Notification } from '../workflow/model.js';
import { overdueAudience } from '../workflow/deadlines.js';
import type { MembershipPort, NotifierPort, WorkflowStore } from '../workflow/ports.js';
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

interface MessageRef {
  channel: string;
  ts: string;
}

interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export interface SlackNotifierOptions {
  client: WebClient;
  store: WorkflowStore;
  membership: MembershipPort;
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

  async deliver(n: Notification, c: ExportCase, opts: { possiblyDelivered: boolean }): Promise<void> {
    const send = (channel: string, message: SlackMessage, threadTs?: string) =>
      this.postOnce(n, channel, message, threadTs, opts.possiblyDelivered);

    switch (n.kind) {
      case 'approval_requested': {
        // Cards recorded by an earlier attempt reached Slack: no need to look for them, nor to post again.
        const recorded = opts.possiblyDelivered ? await this.cards(c.id) : [];
        if (recorded.length === 0) {
          const refs: MessageRef[] = [];
          for (const channel of await this.approvalTargets(c)) {
            const card = { text: approvalCardText(c), blocks: approvalCard(c) };
            refs.push(await send(channel, card));
          }
          await this.o.store.setMeta(cardsKey(c.id), refs, this.o.refTtlMs);
        }
        await this.upsertStatus(c);
        return;
      }
      case 'approval_reminder': {
        for (const ref of await this.cards(c.id)) await send(ref.channel, { text: approvalReminderText(c) }, ref.ts);
        return;
      }
      case 'case_decided': {
        for (const ref of await this.cards(c.id)) {
          await this.o.client.chat.update({ channel: ref.channel, ts: ref.ts, text: approvalCardText(c), blocks: approvalCard(c) });
        }
        const status = await this.upsertStatus(c);
        await send(status.channel, { text: caseDecidedText(c) }, status.ts);
        return;
      }
      case 'deadline_extended': {
        await this.refreshCards(c);
        const status = await this.upsertStatus(c);
        await send(status.channel, { text: deadlineExtendedText(c) }, status.ts);
        return;
      }
      case 'case_withdrawn': {
        await this.refreshCards(c);
        const status = await this.upsertStatus(c);
        await send(status.channel, { text: caseWithdrawnText(c) }, status.ts);
        return;
      }
      case 'deadline_reminder': {
        const status = await this.upsertStatus(c);
        await send(status.channel, { text: deadlineReminderText(c, new Date(n.createdAt)) }, status.ts);
        return;
      }
      case 'deadline_overdue': {
        const status = await this.upsertStatus(c);
        await send(status.channel, { text: deadlineOverdueText(c) }, status.ts);
        // several recipients: a retry after a partial failure checks each DM before sending again
        const retried = opts.possiblyDelivered || n.attempts > 0;
        const people = (await this.o.membership.expand(overdueAudience(c, { approvers: this.o.approvers, oversight: this.o.oversight }))).filter((id) => id !== c.requesterId);
        for (const person of new Set(people)) {
          await this.postOnce(n, await this.dmChannel(person), { text: deadlineEscalationText(c) }, undefined, retried);
        }
        return;
      }
      case 'case_status': {
        await this.upsertStatus(c);
        return;
      }
      case 'subject_ready':
      case 'subject_failed': {
        if (!n.subjectId) throw new Error(`${n.kind} notification ${n.id} has no subject`);
        const status = await this.upsertStatus(c);
        const message = n.kind === 'subject_ready' ? subjectReadyMessage(c, n.subjectId) : subjectFailedMessage(c, n.subjectId);
        await send(status.channel, message, status.ts);
        return;
      }
      case 'case_finished': {
        const status = await this.upsertStatus(c);
        await send(status.channel, caseFinishedMessage(c, { timelineEnabled: this.o.timelineEnabled }), status.ts);
        return;
      }
    }
  }

  /**
   * The requester's DM status message for the case: posted once, then updated in place. A post that
   * began but was never recorded (a crash in between) may have reached Slack, and any notification of
   * the case may be the next to get here: so the post is marked first, and a marked post with no
   * recorded message is looked for in the DM (by its metadata) before posting again.
   */
  private async upsertStatus(c: ExportCase): Promise<MessageRef> {
    const message = caseStatusMessage(c);
    let existing = await this.o.store.getMeta<MessageRef>(statusKey(c.id));
    if (!existing && (await this.o.store.getMeta<boolean>(statusPostingKey(c.id)))) {
      existing = await this.findDelivered(await this.dmChannel(c.requesterId), statusMessageId(c.id));
      if (existing) await this.o.store.setMeta(statusKey(c.id), existing, this.o.refTtlMs);
    }
    if (existing) {
      await this.o.client.chat.update({ channel: existing.channel, ts: existing.ts, text: message.text, blocks: message.blocks });
      return existing;
    }
    const channel = await this.dmChannel(c.requesterId);
    await this.o.store.setMeta(statusPostingKey(c.id), true, this.o.refTtlMs);
    const posted = await this.o.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { notification_id: statusMessageId(c.id), case_id: c.id } },
    });
    const ref = { channel: posted.channel ?? channel, ts: String(posted.ts) };
    await this.o.store.setMeta(statusKey(c.id), ref, this.o.refTtlMs);
    return ref;
  }

  private async postOnce(
    n: Notification,
    channel: string,
    message: SlackMessage,
    threadTs: string | undefined,
    possiblyDelivered: boolean,
  ): Promise<MessageRef> {
    if (possiblyDelivered) {
      const earlier = await this.findDelivered(channel, n.id, threadTs);
      if (earlier) {
        this.o.logger.info({ notificationId: n.id, caseId: n.caseId }, 'notification was already delivered before a restart; not sending again');
        return earlier;
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
    return { channel: posted.channel ?? channel, ts: String(posted.ts) };
  }

  private async findDelivered(channel: string, notificationId: string, threadTs?: string): Promise<MessageRef | undefined> {
    if (channel === this.o.approvalChannel) {
      // The manifest grants im:history only. Reading the approval channel would need
      // channels:history/groups:history: every message of every channel the bot is in. So a post
      // whose outcome is unknown is sent again; a duplicate card is harmless (the first decision wins).
      this.o.logger.warn({ notificationId }, 'cannot check the approval channel for an earlier delivery; sending again');
      return undefined;
    }
    const history = threadTs
      ? await this.o.client.conversations.replies({ channel, ts: threadTs, limit: 100, include_all_metadata: true })
      : await this.o.client.conversations.history({ channel, limit: 50, include_all_metadata: true });
    for (const m of history.messages ?? []) {
      const payload = (m as { metadata?: { event_type?: string; event_payload?: { notification_id?: unknown } } }).metadata;
      if (payload?.event_type === NOTIFICATION_EVENT_TYPE && payload.event_payload?.notification_id === notificationId && m.ts) {
        return { channel, ts: m.ts };
      }
    }
    return undefined;
  }

  private async approvalTargets(c: ExportCase): Promise<string[]> {
    if (this.o.approvalChannel) return [this.o.approvalChannel];
    const people = (await this.o.membership.expand(c.approval.approverIds.length ? c.approval.approverIds : this.o.approvers)).filter(
      (id) => id !== c.requesterId,
    );
    return Promise.all(people.map((id) => this.dmChannel(id)));
  }

  /** the approval cards show the case as it is now (decision, extension) */
  private async refreshCards(c: ExportCase): Promise<void> {
    for (const ref of await this.cards(c.id)) {
      await this.o.client.chat.update({ channel: ref.channel, ts: ref.ts, text: approvalCardText(c), blocks: approvalCard(c) });
    }
  }

  private async cards(caseId: string): Promise<MessageRef[]> {
    return (await this.o.store.getMeta<MessageRef[]>(cardsKey(caseId))) ?? [];
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

const statusKey = (caseId: string) => `slack:status:${caseId}`;
const statusPostingKey = (caseId: string) => `slack:status-posting:${caseId}`;
/** the metadata id of a case's status message, so it can be found after a crash */
const statusMessageId = (caseId: string) => `${caseId}:status_message`;
const cardsKey = (caseId: string) => `slack:cards:${caseId}`;
