/**
 * Bolt verifies the signature and refuses timestamps more than 5 minutes old, but it accepts a
 * timestamp in the future and the same signed request twice (platform.md §1). A replayed view
 * submission could otherwise create a second case. Each signature is claimed once in the shared
 * store; a replay or a future timestamp is refused with 401 and logged. Slash commands are not
 * claimed: replaying one does no harm, and the claim would cost a store round trip before each ack.
 */
import { randomUUID } from 'node:crypto';
import { AuthorizationError, type AnyMiddlewareArgs, type BufferedIncomingMessage, type Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Clock, WorkflowStore } from '../../workflow/ports.js';

/** Slack's replay window; a claim outlives it so a signature cannot come back within it. */
const WINDOW_SECONDS = 300;

export interface SignedRequestProperties {
  slackSignature?: string;
  slackRequestTimestamp?: string;
}

/** HTTPReceiver's customPropertiesExtractor: carries the signing headers into the listener context. */
export function signedRequestProperties(req: BufferedIncomingMessage): SignedRequestProperties {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return { slackSignature: header('x-slack-signature'), slackRequestTimestamp: header('x-slack-request-timestamp') };
}

export function replayGuard(deps: { store: WorkflowStore; clock: Clock; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { slackSignature, slackRequestTimestamp } = context as SignedRequestProperties;
    // Socket Mode carries no signatures: the WebSocket itself is authenticated.
    if (!slackSignature) return next();

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
      firstTime = await deps.store.acquireLease(`slack-signature:${slackSignature}`, randomUUID(), 2 * WINDOW_SECONDS * 1000);
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
