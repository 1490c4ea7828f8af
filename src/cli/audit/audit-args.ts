/** The arguments of `npm run audit`: read with node:util, checked with zod, explained on --help. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuditExportOptions } from '../../workflow/audit.js';

export const AUDIT_USAGE = `Usage: npm run -s audit -- --since <date> [--until <date>] [--format csv|jsonl] > audit.csv
       node dist/cli/audit-export.js --since <date> [--until <date>] [--format csv|jsonl] > audit.csv
       (-s keeps npm's own "> gdpr-export-bot audit" lines out of the file)

Writes the audit entries from --since (inclusive) to --until (exclusive; default: now) to stdout,
oldest first: CSV with a header row (default) or JSON Lines.

  --since <date>     2026-01-31 (midnight UTC) or 2026-01-31T09:00:00Z / 2026-01-31T09:00:00+02:00
  --until <date>     same forms; must be after --since
  --format <format>  csv or jsonl
  -h, --help         this text

Reads the store the bot uses: REDIS_URL and REDIS_PREFIX, or the embedded store in DATA_DIR.
No Slack or Genesys settings are needed.
`;

const instant = (flag: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: (issue) =>
        `${flag} must be a date like 2026-01-31 or a time like 2026-01-31T09:00:00Z (got "${String(issue.input)}")`,
    })
    .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00.000Z` : s));

const argsSchema = z
  .object({
    since: z.string({ error: '--since is required: the first day (or time) to export' }).pipe(instant('--since')),
    until: z.string().pipe(instant('--until')).optional(),
    format: z.enum(['csv', 'jsonl'], { error: (issue) => `--format must be csv or jsonl (got "${String(issue.input)}")` }).default('csv'),
  })
  .refine((a) => a.until === undefined || a.until.getTime() > a.since.getTime(), {
    error: '--until must be later than --since',
    path: ['until'],
  });

export type AuditArgs = { kind: 'help' } | { kind: 'run'; options: AuditExportOptions } | { kind: 'invalid'; problems: string[] };

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    // node:util names the unknown or malformed option; its message is already plain
    return { kind: 'invalid', problems: [(e as Error).message] };
  }
  if (values.help) return { kind: 'help' };
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((i) => i.message) };
  const { since, until, format } = parsed.data;
  return { kind: 'run', options: until ? { since, until, format } : { since, format } };
}
