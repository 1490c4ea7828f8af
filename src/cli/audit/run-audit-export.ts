/**
 * `npm run audit`: exports the audit trail of a period from the store the bot uses. Only the store
 * settings are read, with the bot's own schema, so an auditor needs no Slack or Genesys secrets.
 */
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configSchema } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openStore, SQLITE_FILE_NAME } from '../../store/index.js';
import { exportAudit } from '../../workflow/audit.js';
import type { WorkflowStore } from '../../workflow/ports.js';
import { AUDIT_USAGE, parseAuditArgs } from './audit-args.js';

const storeSettingsSchema = configSchema.pick({ REDIS_URL: true, REDIS_PREFIX: true, DATA_DIR: true });

export interface AuditExportRun {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** the export itself (stdout) */
  write: (chunk: string) => void;
  /** usage, problems and the closing count (stderr), so stdout stays a clean file */
  writeError: (text: string) => void;
}

/** Exit codes: 0 done (or --help), 1 no store there or it failed, 2 bad arguments or settings. */
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
    const count = await exportAudit(store, args.options, run.write);
    const until = args.options.until?.toISOString() ?? 'now';
    run.writeError(`${count} audit ${count === 1 ? 'entry' : 'entries'} from ${args.options.since.toISOString()} to ${until} (${store.description}).\n`);
    return 0;
  } catch (e) {
    run.writeError(`Error: reading the audit trail failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}
