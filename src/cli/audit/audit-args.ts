/** The arguments of `npm run audit`: read with node:util, checked with zod, explained on --help. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuditExportOptions } from '../../workflow/audit.js';

export const AUDIT_USAGE = `Usage: npm run -s audit -- --since <date> [--until <date>] [--format csv|jsonl] > audit.csv
       npm run -s audit -- --verify [--head <hash>]
       node dist/cli/audit-export.js …   (the same, in the Docker image)
       (-s keeps npm's own "> gdpr-export-bot audit" lines out of the file)

Writes the audit entries from --since (inclusive) to --until (exclusive; default: now) to stdout,
oldest first: CSV with a header row (default) or JSON Lines. The count and the head hash of the
audit chain go to stderr: keep the hash elsewhere to check the trail against it later.

  --since <date>     2026-01-31 (midnight UTC) or 2026-01-31T09:00:00Z / 2026-01-31T09:00:00+02:00
  --until <date>     same forms; must be after --since
  --format <format>  csv or jsonl
  --verify           check the whole trail against its hash chain: exit 0 when intact, 1 naming
                     the first entry that was altered, removed or inserted
  --head <hash>      with --verify: a head hash kept earlier, which must still be in the chain
  -h, --help         this text

Reads the store the bot uses: REDIS_URL and REDIS_PREFIX, or the embedded store in DATA_DIR, and
AUDIT_SIGNING_KEY (if the bot has one) to check purge checkpoints. No Slack or Genesys settings.
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

export type AuditArgs =
  | { kind: 'help' }
  | { kind: 'run'; options: AuditExportOptions }
  | { kind: 'verify'; knownHash?: string }
  | { kind: 'invalid'; problems: string[] };

const HASH = /^[0-9a-f]{64}$/;

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string' },
        verify: { type: 'boolean' },
        head: { type: 'string' },
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
  if (values.verify) return verifyArgs(values);
  if (values.head !== undefined) return { kind: 'invalid', problems: ['--head goes with --verify'] };
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((i) => i.message) };
  const { since, until, format } = parsed.data;
  return { kind: 'run', options: until ? { since, until, format } : { since, format } };
}

function verifyArgs(values: Record<string, string | boolean | undefined>): AuditArgs {
  const extra = ['since', 'until', 'format'].filter((k) => values[k] !== undefined);
  if (extra.length > 0) {
    return { kind: 'invalid', problems: [`--verify checks the whole trail; leave out ${extra.map((k) => `--${k}`).join(', ')}`] };
  }
  const head = values.head;
  if (head === undefined) return { kind: 'verify' };
  const normalised = String(head).trim().toLowerCase();
  if (!HASH.test(normalised)) return { kind: 'invalid', problems: [`--head must be a SHA-256 hash of 64 hex digits, as the export printed it (got "${String(head)}")`] };
  return { kind: 'verify', knownHash: normalised };
}
