/**
 * Bolt verifies the signature and refuses timestamps more than 5 minutes old, but it accepts a
 * timestamp in the future and the same signed request twice (platform.md §1). A replayed view
 * submission could otherwise create a second case. Each request is claimed once in the shared
 * store; a replay or a future timestamp is refused with 401 and logged.
 *
 * The claim is keyed on what the signature covers (timestamp + raw body), never on the header
 * string: Bolt splits `v0=<hex>=anything` on '=' and accepts it, so a header key would let every
 * padded variant of one captured request through as a new one.
 *
 * Slash commands are not claimed: replaying one does no harm, and the claim would cost a store
 * round trip before each ack.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AuthorizationError, type AnyMiddlewareArgs, type BufferedIncomingMessage, type Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Clock, WorkflowStore } from '../../workflow/ports.js';

/** Slack's replay window; a claim outlives it so a signature cannot come back within it. */
const WINDOW_SECONDS = 300;

export interface SignedRequestProperties {
  slackRequestTimestamp?: string;
  /** what identifies the signed request: see requestClaimKey */
  slackRequestKey?: string;
}

/**
 * The identity of a signed request: a hash of the timestamp and the exact body bytes, i.e. of
 * everything the signature covers. Every header variant Bolt accepts for it gives the same key.
 */
export function requestClaimKey(timestamp: string, rawBody: Buffer | string): string {
  return createHash('sha256').update(`v0:${timestamp}:`).update(rawBody).digest('hex');
}

/** HTTPReceiver's customPropertiesExtractor: carries the signing headers and the request's key into the listener context. */
export function signedRequestProperties(req: BufferedIncomingMessage): SignedRequestProperties {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const signed = header('x-slack-signature') !== undefined;
  const slackRequestTimestamp = header('x-slack-request-timestamp');
  if (!signed || slackRequestTimestamp === undefined) return { slackRequestTimestamp };
  return { slackRequestTimestamp, slackRequestKey: requestClaimKey(slackRequestTimestamp, req.rawBody) };
}

export function replayGuard(deps: { store: WorkflowStore; clock: Clock; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { slackRequestKey, slackRequestTimestamp } = context as SignedRequestProperties;
    // Socket Mode carries no signatures: the WebSocket itself is authenticated.
    if (!slackRequestKey) return next();

    const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    const timestamp = Number(slackRequestTimestamp);
    if (!Number.isFinite(timestamp) || timestamp > nowSeconds + WINDOW_SECONDS) {
      deps.logger.warn({ skewSeconds: timestamp - nowSeconds }, 'Slack request refused: timestamp in the future');
      throw new AuthorizationError('request timestamp is in the future', new Error('future timestamp'));
    }

    // A replayed slash command is harmless (its trigger id is single-use, its response URL answers
    // the original sender only), and the claim is a store round trip before every ack: skip it.
    if (isSlashCommand(body)) return next();

    let firstTime: boolean;
    try {
      firstTime = await deps.store.acquireLease(`slack-request:${slackRequestKey}`, randomUUID(), 2 * WINDOW_SECONDS * 1000);
    } catch (e) {
      // With the store down nothing can be written, so a replay can do no harm; let the listener
      // answer the person (it will say the bot is temporarily unavailable).
      deps.logger.warn({ err: (e as Error).message }, 'replay check skipped: store unavailable');
      return next();
    }
    if (!firstTime) {
      deps.logger.warn('Slack request refused: this signed request was already received (replay)');
      throw new AuthorizationError('replayed request', new Error('replay'));
    }
    return next();
  };
}

function isSlashCommand(body: unknown): boolean {
  return typeof (body as { command?: unknown } | undefined)?.command === 'string';
}
