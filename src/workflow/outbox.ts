/**
 * Delivers due notifications: marked 'sending' before the send and 'sent' after, so a crash in
 * between is recognised and the notifier can check before sending again (possiblyDelivered). An
 * entry that sends several messages records each part as it goes (deliveredParts), so a retry after
 * a failure part-way sends only the missing parts.
 * Each send holds a short lease on the entry and re-reads it first, so two dispatchers (a worker
 * lease lost mid-cycle) never deliver one entry twice.
 */
import type { Logger } from '../logger.js';
import type { Notification } from './model.js';
import type { Clock, NotifierPort, WorkflowStore } from './ports.js';

export const OUTBOX_BASE_DELAY_MS = 5_000;
export const OUTBOX_MAX_DELAY_MS = 15 * 60_000;
export const OUTBOX_MAX_ATTEMPTS = 12;
/** a 'sending' entry is left alone this long: another cycle may still be delivering it */
export const SENDING_GRACE_MS = 60_000;

export interface OutboxDeps {
  store: WorkflowStore;
  /** who holds the per-entry lease while sending */
  holderId: string;
  notifier: NotifierPort;
  clock: Clock;
  logger: Logger;
}

/** 5 s × 2^(attempts-1), at most 15 min; `attempts` counts the failed ones so far (≥ 1) */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(OUTBOX_MAX_DELAY_MS, OUTBOX_BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Delivers up to `limit` due notifications; resolves how many were handled. */
export async function dispatchDueNotifications(
  deps: OutboxDeps,
  limit: number,
  shouldContinue: () => boolean = () => true,
): Promise<number> {
  const due = inReadingOrder(await deps.store.dueNotifications(deps.clock.now(), limit));
  let handled = 0;
  for (const listed of due) {
    if (!shouldContinue()) break;
    if (await dispatchExclusively(deps, listed.id)) handled += 1;
  }
  return handled;
}

/**
 * A person reads the bot's messages in the order they arrive. Entries due at the same instant are
 * sent events first, summaries last: "Alice's export is ready" before "every export is ready".
 */
const READING_ORDER: Record<Notification['kind'], number> = {
  approval_requested: 0,
  case_decided: 1,
  subject_failed: 2,
  subject_ready: 2,
  approval_reminder: 3,
  case_status: 4,
  case_finished: 5,
  case_purged: 6,
  deadline_extended: 1,
  deadline_reminder: 3,
  deadline_overdue: 3,
  case_withdrawn: 1,
};

export function inReadingOrder(due: Notification[]): Notification[] {
  return due
    .map((n, i) => ({ n, i }))
    .sort((a, b) => Date.parse(a.n.nextAttemptAt) - Date.parse(b.n.nextAttemptAt) || READING_ORDER[a.n.kind] - READING_ORDER[b.n.kind] || a.i - b.i)
    .map(({ n }) => n);
}

/** resolves false when another dispatcher has the entry, or it is no longer due */
async function dispatchExclusively(deps: OutboxDeps, id: string): Promise<boolean> {
  const lease = `outbox:${id}`;
  if (!(await deps.store.acquireLease(lease, deps.holderId, SENDING_GRACE_MS))) return false;
  try {
    const n = await deps.store.getNotification(id);
    if (!n || !isDue(n, deps.clock.now())) return false;
    await dispatchOne(deps, n);
    return true;
  } finally {
    await deps.store.releaseLease(lease, deps.holderId);
  }
}

function isDue(n: Notification, now: Date): boolean {
  return (n.status === 'pending' || n.status === 'sending') && Date.parse(n.nextAttemptAt) <= now.getTime();
}

async function dispatchOne(deps: OutboxDeps, n: Notification): Promise<void> {
  const { store, notifier, clock, logger } = deps;
  const now = clock.now();
  // a purge notification outlives its case by design: the notifier renders it from ids alone
  const afterPurge = n.kind === 'case_purged' ? notifier.deliverAfterPurge?.bind(notifier) : undefined;
  const c = afterPurge ? undefined : await store.getCase(n.caseId);
  if (!c && !afterPurge) {
    await store.updateNotification(n.id, { status: 'dead', lastError: 'case_not_found' });
    logger.warn({ notificationId: n.id, kind: n.kind, caseId: n.caseId }, 'notification dropped: its case no longer exists');
    return;
  }
  // Any earlier attempt, crashed or failed, may have sent a part it could not record.
  const possiblyDelivered = n.status === 'sending' || n.attempts > 0;
  const deliveredParts: Record<string, string> = { ...n.deliveredParts };
  const recordPart = async (part: string, ref: string) => {
    deliveredParts[part] = ref;
    await store.updateNotification(n.id, { deliveredParts: { ...deliveredParts } });
  };
  await store.updateNotification(n.id, { status: 'sending', nextAttemptAt: new Date(now.getTime() + SENDING_GRACE_MS).toISOString() });
  try {
    if (afterPurge) await afterPurge(n, { possiblyDelivered });
    else if (c) await notifier.deliver(n, c, { possiblyDelivered, deliveredParts: { ...deliveredParts }, recordPart });
  } catch (e) {
    await recordFailure(deps, n, e);
    return;
  }
  await store.updateNotification(n.id, { status: 'sent', sentAt: clock.now().toISOString() });
  logger.info({ notificationId: n.id, kind: n.kind, caseId: n.caseId, possiblyDelivered }, 'notification delivered');
}

async function recordFailure(deps: OutboxDeps, n: Notification, e: unknown): Promise<void> {
  const attempts = n.attempts + 1;
  const lastError = shortErrorCode(e);
  if (attempts >= OUTBOX_MAX_ATTEMPTS) {
    await deps.store.updateNotification(n.id, { status: 'dead', attempts, lastError });
    deps.logger.error({ notificationId: n.id, kind: n.kind, caseId: n.caseId, attempts, error: lastError }, 'notification given up after repeated failures');
    return;
  }
  const nextAttemptAt = new Date(deps.clock.now().getTime() + outboxRetryDelayMs(attempts)).toISOString();
  await deps.store.updateNotification(n.id, { status: 'pending', attempts, nextAttemptAt, lastError });
  deps.logger.warn({ notificationId: n.id, kind: n.kind, caseId: n.caseId, attempts, nextAttemptAt, error: lastError }, 'notification not delivered; will retry');
}

/** a code, never a message: Slack error text can quote what we tried to post */
function shortErrorCode(e: unknown): string {
  if (e !== null && typeof e === 'object') {
    const coded = e as { code?: unknown; data?: { error?: unknown }; name?: unknown };
    const slackError = coded.data?.error;
    if (typeof slackError === 'string') return slackError.slice(0, 80);
    if (typeof coded.code === 'string') return coded.code.slice(0, 80);
    if (typeof coded.name === 'string') return coded.name.slice(0, 80);
  }
  return 'unknown_error';
}
