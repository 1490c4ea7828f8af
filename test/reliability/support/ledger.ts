/**
 * What the suite did, across its files: counts (faults injected, inputs tried, cases completed,
 * duplicates found, kills) and artifacts (every captured log line, every stored record) for the
 * final secrets check. Test files run one after another in separate processes, so each writes its
 * share to a run directory; whichever file finishes last, with every file's share present, checks
 * all artifacts once more and prints the totals.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './bot-process.js';
import { findLeaks } from './secrets.js';

export interface Counts {
  faultsInjected: number;
  inputsTried: number;
  /** padded, doubled and re-cased signature headers of an already received request */
  replayVariantsRefused: number;
  /** clicks and form submissions by an approver who is a subject of the case (issue 11 item 1) */
  subjectDecisionsRefused: number;
  casesCompleted: number;
  duplicatesFound: number;
  killsAndRestarts: number;
  botProcesses: number;
}

const zero = (): Counts => ({ faultsInjected: 0, inputsTried: 0, replayVariantsRefused: 0, subjectDecisionsRefused: 0, casesCompleted: 0, duplicatesFound: 0, killsAndRestarts: 0, botProcesses: 0 });

export const counts: Counts = zero();

export function count(kind: keyof Counts, n = 1): void {
  counts[kind] += n;
}

/** one directory per `vitest run`: its test workers share the parent process id */
export const RUN_DIR = join(tmpdir(), `gdpr-reliability-run-${process.ppid}`);

function ensureRunDir(): void {
  mkdirSync(join(RUN_DIR, 'artifacts'), { recursive: true });
}

/** log lines or stored records, kept for the final check; `secrets` are values that must never appear */
export function saveArtifact(name: string, lines: readonly string[], secrets: readonly string[] = []): void {
  ensureRunDir();
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
  writeFileSync(join(RUN_DIR, 'artifacts', `${safe}.${process.pid}.${Date.now()}.txt`), lines.join('\n'));
  if (secrets.length) writeFileSync(join(RUN_DIR, 'artifacts', `${safe}.${process.pid}.${Date.now()}.secrets`), secrets.join('\n'));
}

function allArtifacts(): { texts: Array<{ file: string; text: string }>; secrets: string[] } {
  const dir = join(RUN_DIR, 'artifacts');
  if (!existsSync(dir)) return { texts: [], secrets: [] };
  const texts: Array<{ file: string; text: string }> = [];
  const secrets: string[] = [];
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.secrets')) secrets.push(...text.split('\n').filter(Boolean));
    else texts.push({ file, text });
  }
  return { texts, secrets };
}

/** Leaks in every artifact saved so far in this run: `file: what` lines, empty when clean. */
export function leaksInArtifacts(): string[] {
  const { texts, secrets } = allArtifacts();
  return texts.flatMap(({ file, text }) => findLeaks(text, secrets).map((what) => `${file}: ${what}`));
}

/**
 * Records this file's counts; when every reliability test file has reported in this run, checks all
 * artifacts and prints the totals once. Resolves the leaks found by that final check (empty when
 * it did not run here or found nothing).
 */
export function finishFile(testFile: string): string[] {
  ensureRunDir();
  writeFileSync(join(RUN_DIR, `${basename(testFile)}.counts.json`), JSON.stringify(counts));
  const expected = readdirSync(join(REPO_ROOT, 'test', 'reliability')).filter((f) => f.endsWith('.test.ts'));
  const reported = readdirSync(RUN_DIR).filter((f) => f.endsWith('.counts.json'));
  const mine = `${basename(testFile)}`;
  console.log(`[reliability] ${mine}: ${describe(counts)}`);
  if (!expected.every((f) => reported.includes(`${f}.counts.json`))) return [];

  const total = zero();
  for (const f of reported) {
    const c = JSON.parse(readFileSync(join(RUN_DIR, f), 'utf8')) as Counts;
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k] ?? 0;
  }
  const leaks = leaksInArtifacts();
  const artifacts = allArtifacts().texts;
  const lines = artifacts.reduce((n, a) => n + a.text.split('\n').length, 0);
  console.log(
    [
      '',
      '== reliability suite totals ==',
      `  faults injected:    ${total.faultsInjected}`,
      `  inputs tried:       ${total.inputsTried}`,
      `  replay variants:    ${total.replayVariantsRefused} refused (signature header padded, doubled or re-cased)`,
      `  subject decisions:  ${total.subjectDecisionsRefused} refused (an approver deciding a request about themselves)`,
      `  cases completed:    ${total.casesCompleted}`,
      `  duplicates found:   ${total.duplicatesFound} (must be 0)`,
      `  kills + restarts:   ${total.killsAndRestarts}`,
      `  bot processes:      ${total.botProcesses}`,
      `  secrets check:      ${artifacts.length} artifacts, ${lines} log lines and stored records, ${leaks.length} leaks (must be 0)`,
      '',
    ].join('\n'),
  );
  rmSync(RUN_DIR, { recursive: true, force: true });
  removeStaleRunDirs();
  return leaks;
}

/** run directories of interrupted or partial runs (a single file run on its own), after a day */
function removeStaleRunDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('gdpr-reliability-run-')) continue;
    const dir = join(tmpdir(), name);
    if (Date.now() - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true });
  }
}

function describe(c: Counts): string {
  return `faults ${c.faultsInjected}, inputs ${c.inputsTried}, replay variants ${c.replayVariantsRefused}, subject decisions refused ${c.subjectDecisionsRefused}, cases completed ${c.casesCompleted}, duplicates ${c.duplicatesFound}, kills/restarts ${c.killsAndRestarts}`;
}
