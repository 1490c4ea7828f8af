import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAuditArgs } from '../../src/cli/audit/audit-args.js';
import { runAuditExport } from '../../src/cli/audit/run-audit-export.js';
import { createLogger } from '../../src/logger.js';
import { createSqliteStore, createRedisStore } from '../../src/store/index.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import type { WorkflowStore } from '../../src/workflow/ports.js';
import { testRedisPrefix, testRedisUrl } from '../helpers/redis.js';

const logger = createLogger({ level: 'silent' });

/** Written out of time order on purpose: the export must come back ordered by time. */
const ENTRIES: AuditEntry[] = [
  { id: 'e3', at: '2026-02-01T00:00:00.000Z', action: 'completed', actor: 'system', caseId: 'GX-00000001', subjectIds: ['g-alice'], requestIds: ['r-1'], detail: '1 file(s)' },
  { id: 'e0', at: '2025-12-31T23:59:59.000Z', action: 'requested', actor: 'U0OLD', caseId: 'GX-00000000' },
  { id: 'e1', at: '2026-01-01T00:00:00.000Z', action: 'requested', actor: 'U0RITA', teamId: 'T0TEST', caseId: 'GX-00000001', subjectIds: ['g-alice', 'g-bob'] },
  { id: 'e2', at: '2026-01-15T10:30:00.000Z', action: 'approved', actor: 'U0ADAM', caseId: 'GX-00000001', detail: 'note, with a comma' },
  { id: 'e4', at: '2026-02-03T08:00:00.000Z', action: 'link_issued', actor: 'U0RITA', caseId: 'GX-00000001', detail: '=HYPERLINK("x")' },
];

async function fill(store: WorkflowStore): Promise<void> {
  for (const e of ENTRIES) await store.appendAudit(e);
  await store.close();
}

async function exportWith(env: Record<string, string>, argv: string[]) {
  let out = '';
  let err = '';
  const code = await runAuditExport({ argv, env, write: (c) => (out += c), writeError: (t) => (err += t) });
  return { code, out, err };
}

/** RFC 4180 reading, enough for these rows: quoted fields, doubled quotes, CRLF or LF. */
function csvRows(out: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < out.length; i++) {
    const ch = out[i]!;
    if (quoted) {
      if (ch === '"' && out[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else if (ch !== '\r') {
      field += ch;
    }
  }
  return rows;
}

describe('parseAuditArgs', () => {
  it('reads dates as UTC midnight or as an instant with its offset, csv by default', () => {
    expect(parseAuditArgs(['--since', '2026-01-31'])).toEqual({ kind: 'run', options: { since: new Date('2026-01-31T00:00:00.000Z'), format: 'csv' } });
    expect(parseAuditArgs(['--since', '2026-01-31T09:00:00+02:00', '--until', '2026-02-01', '--format', 'jsonl'])).toEqual({
      kind: 'run',
      options: { since: new Date('2026-01-31T07:00:00.000Z'), until: new Date('2026-02-01T00:00:00.000Z'), format: 'jsonl' },
    });
  });

  it('reads --verify alone, or with a kept head hash', () => {
    expect(parseAuditArgs(['--verify'])).toEqual({ kind: 'verify' });
    expect(parseAuditArgs(['--verify', '--head', 'AB'.repeat(32)])).toEqual({ kind: 'verify', knownHash: 'ab'.repeat(32) });
  });

  it('answers --help with the usage', () => {
    expect(parseAuditArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseAuditArgs(['-h', '--format', 'xml'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], '--since is required'],
    [['--since', 'yesterday'], '--since must be a date like 2026-01-31 or a time like 2026-01-31T09:00:00Z (got "yesterday")'],
    [['--since', '2026-02-30'], '--since must be a date like 2026-01-31'],
    [['--since', '2026-01-31T09:00:00'], '--since must be a date like'], // no offset: ambiguous
    [['--since', '2026-01-01', '--format', 'xml'], '--format must be csv or jsonl (got "xml")'],
    [['--since', '2026-02-01', '--until', '2026-01-01'], '--until must be later than --since'],
    [['--since', '2026-01-01', '--output', 'x.csv'], "Unknown option '--output'"],
    [['--since'], "Option '--since <value>' argument missing"],
    [['--verify', '--since', '2026-01-01', '--format', 'csv'], '--verify checks the whole trail; leave out --since, --format'],
    [['--verify', '--head', 'abc'], '--head must be a SHA-256 hash of 64 hex digits, as the export printed it (got "abc")'],
    [['--since', '2026-01-01', '--head', 'a'.repeat(64)], '--head goes with --verify'],
  ])('refuses %j clearly', (argv, message) => {
    const parsed = parseAuditArgs(argv);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problems.join('\n')).toContain(message);
  });
});

describe('runAuditExport', () => {
  let dir: string | undefined;
  let redisPrefix: string | undefined;

  afterEach(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
    if (redisPrefix) {
      const client = createClient({ url: testRedisUrl() });
      await client.connect();
      const keys = await client.keys(`${redisPrefix}*`);
      if (keys.length) await client.del(keys);
      await client.quit();
    }
    redisPrefix = undefined;
  });

  async function embeddedEnv(): Promise<Record<string, string>> {
    dir = mkdtempSync(join(tmpdir(), 'gdpr-audit-cli-'));
    await fill(await createSqliteStore({ dataDir: dir, logger }));
    // only the store setting: no Slack or Genesys variable is needed
    return { DATA_DIR: dir };
  }

  async function redisEnv(): Promise<Record<string, string>> {
    redisPrefix = testRedisPrefix('audit-cli');
    await fill(await createRedisStore({ url: testRedisUrl(), prefix: redisPrefix, logger }));
    return { REDIS_URL: testRedisUrl(), REDIS_PREFIX: redisPrefix };
  }

  describe.each([
    ['the embedded store', embeddedEnv],
    ['Redis', redisEnv],
  ])('from %s', (_label, storeEnv) => {
    it('writes CSV with a header, in time order, within [since, until)', async () => {
      const { code, out, err } = await exportWith(await storeEnv(), ['--since', '2026-01-01', '--until', '2026-02-03T08:00:00Z']);
      expect(code).toBe(0);
      const rows = csvRows(out);
      // the v0.1.0 columns first, the new ones after them
      expect(rows[0]).toEqual(['id', 'at', 'action', 'actor', 'teamId', 'caseId', 'subjectIds', 'requestIds', 'detail', 'count', 'caseReference', 'legalBasis', 'seq', 'prevHash', 'hash', 'custody']);
      expect(rows.slice(1).map((r) => r[0])).toEqual(['e1', 'e2', 'e3']);
      expect(rows[1]?.slice(0, 13)).toEqual(['e1', '2026-01-01T00:00:00.000Z', 'requested', 'U0RITA', 'T0TEST', 'GX-00000001', 'g-alice g-bob', '', '', '1', '', '', '3']);
      expect(rows[1]?.[14]).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[1]?.[15]).toBe(''); // no custody: an empty last cell
      expect(rows[2]?.[8]).toBe('note, with a comma');
      expect(err).toContain('3 audit entries');
    });

    it('writes JSON Lines, one entry per line, to the end when --until is absent', async () => {
      const { code, out } = await exportWith(await storeEnv(), ['--since', '2026-01-15', '--format', 'jsonl']);
      expect(code).toBe(0);
      const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
      expect(lines.map((e) => e.id)).toEqual(['e2', 'e3', 'e4']);
      expect(lines[1]).toMatchObject(ENTRIES[0]!);
      // the spreadsheet guard is for CSV only; JSON keeps the value as stored
      expect(lines[2]?.detail).toBe('=HYPERLINK("x")');
    });
  });

  it('neutralises a CSV cell that a spreadsheet would run as a formula', async () => {
    const { out } = await exportWith(await embeddedEnv(), ['--since', '2026-02-02']);
    expect(csvRows(out)[1]).toEqual(expect.arrayContaining(["'=HYPERLINK(\"x\")"]));
  });

  it('writes only the header for an empty period', async () => {
    const { code, out, err } = await exportWith(await embeddedEnv(), ['--since', '2030-01-01']);
    expect(code).toBe(0);
    expect(csvRows(out)).toHaveLength(1);
    expect(err).toContain('0 audit entries');
  });

  it('prints the usage on --help and on bad arguments, without touching the store', async () => {
    const help = await exportWith({}, ['--help']);
    expect(help).toMatchObject({ code: 0, out: expect.stringContaining('Usage: npm run -s audit') });
    const bad = await exportWith({}, ['--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^Error: --since must be a date[\s\S]*Usage:/);
  });

  it('says so when DATA_DIR holds no store, rather than exporting nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gdpr-audit-cli-'));
    const { code, out, err } = await exportWith({ DATA_DIR: join(dir, 'typo') }, ['--since', '2026-01-01']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('there is no embedded store at');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('refuses a malformed store setting', async () => {
    const { code, err } = await exportWith({ REDIS_URL: 'http://not-redis' }, ['--since', '2026-01-01']);
    expect(code).toBe(2);
    expect(err).toContain('REDIS_URL must be a redis:// or rediss:// URL');
  });
});
