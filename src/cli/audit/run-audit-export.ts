/**
 * `npm run audit`: exports the audit trail of a period from the store the bot uses. Only the store
 * settings are read, with the bot's own schema, so an auditor needs no Slack or Genesys secrets.
 */
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configSchema } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openStore, SQLITE_FILE_NAME } from '../../store/index.js';
import { exportAudit, verifyAuditTrail } from '../../workflow/audit.js';
import type { AuditVerification } from '../../workflow/audit-chain.js';
import type { WorkflowStore } from '../../workflow/ports.js';
import { AUDIT_USAGE, parseAuditArgs } from './audit-args.js';

const storeSettingsSchema = configSchema.pick({ REDIS_URL: true, REDIS_PREFIX: true, DATA_DIR: true, AUDIT_SIGNING_KEY: true });

export interface AuditExportRun {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** the export itself (stdout) */
  write: (chunk: string) => void;
  /** usage, problems and the closing count (stderr), so stdout stays a clean file */
  writeError: (text: string) => void;
}

/**
 * Exit codes: 0 done (or --help, or --verify found the chain intact), 1 no store there, it failed,
 * or --verify found the chain broken, 2 bad arguments or settings.
 */
export async function runAuditExport(run: AuditExportRun): Promise<number> {
  const args = parseAuditArgs(run.argv);
  if (args.kind === 'help') {
    run.write(AUDIT_USAGE);
    return 0;
  }
  if (args.kind === 'invalid') {
    run.writeError(`${args.problems.map((p) => `Error: ${p}`).join('\n')}\n\n${AUDIT_USAGE}`);
    return 2;
  }

  const settings = storeSettingsSchema.safeParse(run.env);
  if (!settings.success) {
    run.writeError(`${settings.error.issues.map((i) => `Error: ${String(i.path[0])} ${i.message}`).join('\n')}\n`);
    return 2;
  }

  if (!settings.data.REDIS_URL) {
    // opening the embedded store creates it: a mistyped DATA_DIR would export nothing, silently
    const file = join(resolve(settings.data.DATA_DIR), SQLITE_FILE_NAME);
    if (!(await access(file).then(() => true, () => false))) {
      run.writeError(`Error: there is no embedded store at ${file}. Set DATA_DIR to the bot's data directory, or REDIS_URL and REDIS_PREFIX to its Redis.\n`);
      return 1;
    }
  }

  let store: WorkflowStore;
  try {
    store = await openStore(
      { redisUrl: settings.data.REDIS_URL, redisPrefix: settings.data.REDIS_PREFIX, dataDir: settings.data.DATA_DIR },
      createLogger({ level: 'silent' }),
    );
  } catch (e) {
    run.writeError(`Error: could not open the store: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    if (args.kind === 'verify') {
      const verdict = await verifyAuditTrail(store, { signingKey: settings.data.AUDIT_SIGNING_KEY, knownHash: args.knownHash });
      return reportVerdict(verdict, store.description, run);
    }
    const count = await exportAudit(store, args.options, run.write);
    const until = args.options.until?.toISOString() ?? 'now';
    run.writeError(`${count} audit ${count === 1 ? 'entry' : 'entries'} from ${args.options.since.toISOString()} to ${until} (${store.description}).\n`);
    // stderr, so the CSV or JSONL on stdout stays exactly the entries
    const head = await store.auditHead();
    if (head) run.writeError(`Head of the audit chain: ${head.hash} (entry #${head.seq}, ${head.id}); keep it elsewhere and check later with --verify --head ${head.hash}\n`);
    return 0;
  } catch (e) {
    run.writeError(`Error: reading the audit trail failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** the verdict in one sentence (stdout when intact, stderr when not), notes after it */
function reportVerdict(verdict: AuditVerification, where: string, run: AuditExportRun): number {
  if (!verdict.ok) {
    run.writeError(`The audit chain is broken (${where}): ${verdict.message}\n`);
    return 1;
  }
  const head = verdict.head ? `head ${verdict.head.hash}` : 'no chained entry yet';
  run.write(`${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'} verified, ${head} (${where}).\n`);
  for (const note of verdict.notes) run.write(`${note}\n`);
  return 0;
}
