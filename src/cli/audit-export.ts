/**
 * `npm run audit -- --since 2026-01-01 [--until …] [--format csv|jsonl] > audit.csv`
 * (or `node dist/cli/audit-export.js …` in the Docker image). The export goes to stdout; the
 * count and any problem to stderr.
 */
import { runAuditExport } from './audit/run-audit-export.js';

runAuditExport({
  argv: process.argv.slice(2),
  env: process.env,
  write: (chunk) => process.stdout.write(chunk),
  writeError: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`The audit export failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
