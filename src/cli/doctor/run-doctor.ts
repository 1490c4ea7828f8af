/**
 * `npm run doctor`: checks the configuration, Slack, Genesys Cloud and the store, in that order, and
 * says how to fix each problem. Writes the checklist as it goes when given `write`.
 */
import type { FetchFunction } from '@slack/web-api';
import { createLogger } from '../../logger.js';
import { checkConfig } from './config-checks.js';
import type { AreaCheck, DoctorArea, DoctorCheck } from './doctor-check.js';
import { skip } from './doctor-check.js';
import { formatAreaTitle, formatCheck, formatSummary } from './format-checks.js';
import { checkGenesys } from './genesys-checks.js';
import { checkSlack } from './slack-checks.js';
import { checkStore } from './store-checks.js';

export type { DoctorArea, DoctorCheck, DoctorStatus } from './doctor-check.js';

export interface DoctorOptions {
  env: Record<string, string | undefined>;
  write?: (text: string) => void;
  /** Slack Web API transport (WebClient's `fetch`); tests use it to stand in for Slack methods */
  fetch?: FetchFunction;
  /** how long to wait for Redis; default 5 s */
  redisConnectTimeoutMs?: number;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const write = options.write ?? (() => undefined);
  const checks: DoctorCheck[] = [];
  const report = (area: DoctorArea, found: AreaCheck[]) => {
    write(formatAreaTitle(area));
    for (const check of found) {
      const full = { area, ...check };
      checks.push(full);
      write(formatCheck(full));
    }
  };

  write('gdpr-export doctor: checking the configuration, Slack, Genesys Cloud and the store\n');
  const { config, checks: configChecks } = checkConfig(options.env);
  report('config', configChecks);

  if (!config) {
    const why = 'skipped: fix the configuration first';
    report('slack', [skip('slack', why)]);
    report('genesys', [skip('genesys', why)]);
    report('store', [skip('store', why)]);
  } else {
    // The checks' own clients log nothing: every finding reaches the person as a check line.
    const logger = createLogger({ level: 'silent' });
    report('slack', await checkSlack(config, { fetch: options.fetch }));
    report('genesys', await checkGenesys(config, { logger }));
    report('store', await checkStore(config.store, { logger, redisConnectTimeoutMs: options.redisConnectTimeoutMs }));
  }

  write(formatSummary(checks));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}
