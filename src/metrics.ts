/**
 * Prometheus metrics on a registry of our own (no global default registry, so tests and several
 * app instances in one process do not collide).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WorkflowStore } from './workflow/ports.js';

export interface Metrics {
  readonly registry: Registry;
  requests: Counter<'outcome'>;
  genesysCalls: Counter<'operation' | 'status'>;
  genesysCallSeconds: Histogram<'operation'>;
  notifications: Counter<'kind' | 'outcome'>;
  /** what a purge removes from Slack: files deleted, messages tombstoned, failures (retried) */
  slackCleanup: Counter<'item' | 'outcome'>;
  /** binds gauges that read the store at scrape time */
  bindStore(store: WorkflowStore, now: () => Date): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'gdpr_export_' });

  const requests = new Counter({
    name: 'gdpr_export_requests_total',
    help: 'Export requests and refusals, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const genesysCalls = new Counter({
    name: 'gdpr_export_genesys_calls_total',
    help: 'HTTP calls to Genesys Cloud, by operation and status (or "network")',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const genesysCallSeconds = new Histogram({
    name: 'gdpr_export_genesys_call_seconds',
    help: 'Duration of Genesys Cloud calls',
    labelNames: ['operation'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'gdpr_export_notifications_total',
    help: 'Slack notification deliveries, by kind and outcome (sent, failed; the outbox retries failures)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const slackCleanup = new Counter({
    name: 'gdpr_export_slack_cleanup_total',
    help: 'After a purge: Slack files (deleted) and messages (tombstoned), by outcome; failed ones are retried by the outbox',
    labelNames: ['item', 'outcome'] as const,
    registers: [registry],
  });
  let readStore: (() => Promise<{ count: number; lateSeconds: number }>) | undefined;
  new Gauge({
    name: 'gdpr_export_pending_timers',
    help: 'Scheduled workflow steps (status checks, submissions, approval expiries, purges)',
    registers: [registry],
    async collect() {
      if (readStore) this.set((await readStore()).count);
    },
  });
  new Gauge({
    name: 'gdpr_export_oldest_due_seconds',
    help: 'Poll lag: how long the earliest scheduled step has been due (0 when none is late)',
    registers: [registry],
    async collect() {
      if (readStore) this.set((await readStore()).lateSeconds);
    },
  });

  return {
    registry,
    requests,
    genesysCalls,
    genesysCallSeconds,
    notifications,
    slackCleanup,
    bindStore(store, now) {
      readStore = async () => {
        const stats = await store.timerStats();
        const lateSeconds = stats.earliest ? Math.max(0, (now().getTime() - stats.earliest.getTime()) / 1000) : 0;
        return { count: stats.count, lateSeconds };
      };
    },
  };
}
