/**
 * Ids our signed client puts into payloads and the fake reads back. Real ones are opaque; ours
 * carry just enough for the fake to behave like Slack. The bot must never parse them.
 */
import { randomBytes } from 'node:crypto';

/** Slack lets a trigger be used for 3 s after the interaction (platform.md §3). */
export const TRIGGER_TTL_MS = 3_000;

/**
 * "<issued-at ms>.<user id>.<random hex>": when, so an expired trigger is refused, and for whom,
 * so the fake can say whose modal a views.open opened.
 */
export function newTriggerId(userId: string, issuedAt = Date.now()): string {
  return `${issuedAt}.${userId}.${randomBytes(10).toString('hex')}`;
}

export function readTriggerId(triggerId: string): { issuedAt: number; userId: string } | undefined {
  const match = /^(\d{13})\.([UW][A-Z0-9]+)\.[0-9a-f]+$/.exec(triggerId);
  if (!match) return undefined;
  return { issuedAt: Number(match[1]), userId: match[2] as string };
}

let responseSequence = 0;

/**
 * The id part of a response_url. One from a message interaction names that message, so
 * `replace_original` / `delete_original` can change it as Slack would.
 */
export function newResponseUrlId(message?: { channelId: string; messageTs: string }): string {
  responseSequence += 1;
  const nonce = `${responseSequence}${randomBytes(4).toString('hex')}`;
  return message ? `m-${message.channelId}-${message.messageTs}-${nonce}` : `r-${nonce}`;
}

export function readResponseUrlId(id: string): { channelId: string; messageTs: string } | undefined {
  const match = /^m-([A-Z0-9]+)-(\d+\.\d+)-[0-9a-f]+$/.exec(id);
  if (!match) return undefined;
  return { channelId: match[1] as string, messageTs: match[2] as string };
}
