/**
 * Every Redis key the store uses, all under one prefix so several deployments (and tests) can
 * share a server. Case records are written by Keyv under `${prefix}case:${id}`.
 */
export function redisKeys(prefix: string) {
  return {
    /** Keyv's namespace for case records; with ':' as separator a record is `${prefix}case:${id}` */
    caseNamespace: `${prefix}case`,
    case: (id: string) => `${prefix}case:${id}`,
    caseLock: (id: string) => `${prefix}lock:case:${id}`,
    /** the timer keys of one case, so deleting it needs no scan */
    caseTimers: (id: string) => `${prefix}case-timers:${id}`,
    requesterIndex: (requesterId: string) => `${prefix}idx:requester:${requesterId}`,
    awaitingIndex: `${prefix}idx:awaiting`,
    /** every case by creation time (oversight); v0.1.0 did not keep it: see RedisStore.listCases */
    allCasesIndex: `${prefix}idx:cases`,
    timers: `${prefix}timers`,
    notification: (id: string) => `${prefix}outbox:${id}`,
    notificationPrefix: `${prefix}outbox:`,
    /** the notification ids of one case, deleted with it */
    caseOutbox: (id: string) => `${prefix}case-outbox:${id}`,
    outboxDue: `${prefix}outbox-due`,
    audit: `${prefix}audit`,
    /** "<open until ms>|<audit member>": the entry repeated refusals are counted into */
    auditCollapse: (collapseKey: string) => `${prefix}audit-collapse:${collapseKey}`,
    /** the audit chain's last link: { seq, hash, id } as JSON */
    auditHead: `${prefix}audit-head`,
    lease: (name: string) => `${prefix}lease:${name}`,
    budget: (name: string, windowStart: number) => `${prefix}budget:${name}:${windowStart}`,
    pause: (name: string) => `${prefix}pause:${name}`,
    metaNamespace: `${prefix}meta`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
