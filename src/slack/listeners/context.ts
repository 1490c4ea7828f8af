/**
 * What every listener needs, and the one place where failures become words for a person.
 * Listeners parse, call the workflow, and render; they hold no business rules.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config.js';
import { isGenesysError } from '../../workflow/genesys-error.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { ExportWorkflow } from '../../workflow/export-workflow.js';
import { isStoreUnavailableError, type Clock, type GenesysPort, type WorkflowStore } from '../../workflow/ports.js';
import { messageForGenesysError, messageForStoreUnavailable, messageForUnexpected } from '../messages.js';
import type { SlackDirectory } from '../slack-directory.js';
import type { Reader } from '../catalog/index.js';
import type { Readers } from '../readers.js';
import type { TimelineDelivery } from '../timeline-delivery.js';

export interface ListenerDeps {
  config: Config;
  store: WorkflowStore;
  workflow: ExportWorkflow;
  directory: SlackDirectory;
  /** who reads a reply: the acting person's language and time zone */
  readers: Readers;
  genesys: GenesysPort;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  timeline?: TimelineDelivery;
  /** the org's chat retention in days (cached), or undefined when the bot may not read it */
  chatRetentionDays: () => Promise<number | undefined>;
}

/** Where a reply to the person goes: an ephemeral response when Slack gave us a response_url, else a DM. */
export interface ReplyTarget {
  userId: string;
  /** the person's language and time zone */
  reader: Reader;
  respond?: (message: { response_type: 'ephemeral'; replace_original?: boolean; text: string; blocks?: unknown[] }) => Promise<unknown>;
  client: WebClient;
}

export async function tell(target: ReplyTarget, text: string, blocks?: unknown[]): Promise<void> {
  if (target.respond) {
    await target.respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
    return;
  }
  await target.client.chat.postMessage({ channel: target.userId, text, ...(blocks ? { blocks: blocks as never } : {}) });
}

/** The store adapters throw a coded StoreUnavailableError when their database does not answer. */
export function isStoreUnavailable(e: unknown): boolean {
  for (let cause = e, depth = 0; cause !== undefined && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    if (isStoreUnavailableError(cause)) return true;
  }
  return false;
}

/** The sentence a person reads for an unexpected failure; the log line gets the details. */
export function explainFailure(e: unknown, reader: Reader, logger: Logger, context: Record<string, unknown>): string {
  if (isGenesysError(e)) {
    logger.warn({ ...context, err: e.toLog() }, 'Genesys Cloud call failed while serving a Slack request');
    return messageForGenesysError(e, reader);
  }
  if (isStoreUnavailable(e)) {
    logger.error({ ...context, err: { name: (e as Error).name, message: (e as Error).message } }, 'store unavailable while serving a Slack request');
    return messageForStoreUnavailable(reader);
  }
  logger.error({ ...context, err: { name: (e as Error)?.name, message: (e as Error)?.message, stack: (e as Error)?.stack } }, 'unexpected error in a Slack listener');
  return messageForUnexpected(reader);
}

/** Resolves the promise's value, or `undefined` when it takes longer than `ms` (the work goes on). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ButtonClick {
  body: BlockButtonAction;
  value: string | undefined;
  client: WebClient;
  userId: string;
  /** where a reply to the clicker goes */
  target: ReplyTarget;
  /** the clicker's language and time zone */
  reader: Reader;
}

/**
 * A button that answers the person who clicked: acknowledged at once, and any failure becomes a
 * sentence for them (the details go to the log).
 */
export function onButton(app: App, deps: ListenerDeps, actionId: string, step: string, handle: (click: ButtonClick) => Promise<void>): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
    await ack();
    const userId = body.user.id;
    const reader = await deps.readers.forUser(userId);
    const target: ReplyTarget = { userId, reader, respond: body.response_url ? respond : undefined, client };
    try {
      await handle({ body, value: action.value, client, userId, target, reader });
    } catch (e) {
      await tell(target, explainFailure(e, reader, deps.logger, { userId, step })).catch(() => undefined);
    }
  });
}
