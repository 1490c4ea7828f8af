/**
 * Nothing left behind in Slack: when a case is purged after RECORD_RETENTION_DAYS, the outbox hands
 * its 'case_purged' entry here. The timeline files the bot uploaded are deleted (files.delete), and
 * its approval cards, status message and the replies in their DM threads become a short tombstone.
 * Safe to repeat: a file or message already gone counts as done, chat.update is idempotent. Any
 * other failure is thrown, so the outbox retries the whole entry (and /metrics counts it).
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { Notification } from '../workflow/model.js';
import type { WorkflowStore } from '../workflow/ports.js';
import type { Reader } from './catalog/index.js';
import { NOTIFICATION_EVENT_TYPE, cardsKey, statusKey, statusPostingKey, type MessageRef } from './slack-notifier.js';
import { purgedCaseTombstone } from './views/index.js';

export type CleanupItem = 'file' | 'message';
export type CleanupOutcome = 'deleted' | 'tombstoned' | 'already_gone' | 'failed';

/** answers meaning there is nothing (left) to remove or replace */
const ALREADY_GONE = new Set(['file_not_found', 'file_deleted', 'message_not_found', 'channel_not_found', 'thread_not_found', 'is_archived']);

/** messages read per DM or thread when looking for what to replace (one page) */
const HISTORY_READ = 200;

const filesKey = (caseId: string) => `slack:files:${caseId}`;

export interface SlackCleanupOptions {
  client: WebClient;
  store: WorkflowStore;
  logger: Logger;
  /** how long recorded file ids are kept (the case's retention plus a margin) */
  refTtlMs: number;
  /**
   * who reads the tombstones: the case is gone, and with it who its requester and approvers were,
   * so the deployment's default language (the approval channel's)
   */
  reader: Reader;
  onItem?: (item: CleanupItem, outcome: CleanupOutcome) => void;
}

export class SlackCleanup {
  constructor(private readonly o: SlackCleanupOptions) {}

  /** remembers the files uploaded for a case (e.g. its timeline), so a purge can delete them */
  async recordUploadedFiles(caseId: string, fileIds: readonly string[]): Promise<void> {
    if (fileIds.length === 0) return;
    const known = (await this.o.store.getMeta<string[]>(filesKey(caseId))) ?? [];
    await this.o.store.setMeta(filesKey(caseId), [...new Set([...known, ...fileIds])], this.o.refTtlMs);
  }

  async deliverAfterPurge(n: Notification): Promise<void> {
    const caseId = n.caseId;
    const tombstone = purgedCaseTombstone(caseId, new Date(n.createdAt), this.o.reader);
    const files = (await this.o.store.getMeta<string[]>(filesKey(caseId))) ?? [];
    const status = await this.o.store.getMeta<MessageRef>(statusKey(caseId));
    // the message sharing the files carries their comment (names of the people): replaced first,
    // while it can still be recognised by the files it shares
    if (status && files.length > 0) {
      for (const ts of await this.fileShares(status.channel, files)) {
        await this.attempt('message', 'tombstoned', () => this.o.client.chat.update({ channel: status.channel, ts, ...tombstone }));
      }
    }
    for (const file of files) await this.attempt('file', 'deleted', () => this.o.client.files.delete({ file }));

    const cards = (await this.o.store.getMeta<MessageRef[]>(cardsKey(caseId))) ?? [];
    for (const ref of [...(status ? [status] : []), ...cards]) {
      for (const reply of await this.botRepliesInDm(ref, caseId)) {
        await this.attempt('message', 'tombstoned', () => this.o.client.chat.update({ channel: ref.channel, ts: reply, ...tombstone }));
      }
      await this.attempt('message', 'tombstoned', () => this.o.client.chat.update({ channel: ref.channel, ts: ref.ts, ...tombstone }));
    }
    // forgotten only once everything is done: a retry finds what is left
    for (const key of [filesKey(caseId), statusKey(caseId), statusPostingKey(caseId), cardsKey(caseId)]) await this.o.store.deleteMeta(key);
    this.o.logger.info({ caseId, files: files.length, messages: cards.length + (status ? 1 : 0) }, 'Slack cleared after purge');
  }

  /** the bot's messages in a DM (the requester's, where timelines are shared) that share one of `files` */
  private async fileShares(channel: string, files: readonly string[]): Promise<string[]> {
    if (!channel.startsWith('D')) return [];
    const history = await this.readOrNothing(() => this.o.client.conversations.history({ channel, limit: HISTORY_READ }));
    return (history?.messages ?? []).flatMap((m) => (m.ts && (m.files ?? []).some((f) => f.id && files.includes(f.id)) ? [m.ts] : []));
  }

  private async readOrNothing<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      if (ALREADY_GONE.has(slackError(e) ?? '')) return undefined;
      throw e;
    }
  }

  /**
   * The bot's replies about this case in a DM thread (status updates, "ready", "all done"); their
   * own ids are not recorded. Channels other than DMs cannot be read with the manifest's scopes
   * (im:history only): there the card itself is replaced and its thread stays.
   */
  private async botRepliesInDm(ref: MessageRef, caseId: string): Promise<string[]> {
    if (!ref.channel.startsWith('D')) return [];
    const replies = await this.readOrNothing(() =>
      this.o.client.conversations.replies({ channel: ref.channel, ts: ref.ts, limit: HISTORY_READ, include_all_metadata: true }),
    );
    return (replies?.messages ?? []).flatMap((m) => {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { case_id?: unknown } } }).metadata;
      const ours = meta?.event_type === NOTIFICATION_EVENT_TYPE && meta.event_payload?.case_id === caseId;
      return ours && m.ts && m.ts !== ref.ts ? [m.ts] : [];
    });
  }

  private async attempt(item: CleanupItem, done: CleanupOutcome, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
      this.o.onItem?.(item, done);
    } catch (e) {
      if (ALREADY_GONE.has(slackError(e) ?? '')) {
        this.o.onItem?.(item, 'already_gone');
        return;
      }
      this.o.onItem?.(item, 'failed');
      throw e;
    }
  }
}

function slackError(e: unknown): string | undefined {
  const error = (e as { data?: { error?: unknown } })?.data?.error;
  return typeof error === 'string' ? error : undefined;
}

/** the file ids in a filesUploadV2 answer: one completeUploadExternal answer per upload */
export function uploadedFileIds(result: unknown): string[] {
  const completions = (result as { files?: Array<{ files?: Array<{ id?: unknown }> }> })?.files ?? [];
  return completions.flatMap((c) => (c.files ?? []).flatMap((f) => (typeof f.id === 'string' ? [f.id] : [])));
}
