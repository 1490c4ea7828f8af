/**
 * An earlier release's source tree, built from its commit (a tag may not travel with a clone), for
 * the upgrade tests: `git archive <commit> | tar -x` into a directory under the temp dir keyed by
 * the commit, made once and reused across runs. Its node_modules is this tree's when the release
 * locks the same packages (a symlink, nothing to install); otherwise `npm ci` runs in the cache
 * directory once per lock file.
 *
 * v0.1.0 ran on Node.js 20 and its embedded store is the native addon sqlite3, which npm builds
 * against the headers of the machine's Node (npm's `nodedir`). So a release runs, and installs, on
 * the machine's own Node (RELEASE_NODE overrides it), not on the Node 24 that runs this code.
 */
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './bot-process.js';

/** what was deployed before this round of work (CHANGELOG.md, [0.1.0]) */
export const V0_1_0_COMMIT = '32474e8';

export interface PreparedRelease {
  /** the release's source tree, with a usable node_modules */
  dir: string;
  /** the node binary to run it with */
  node: string;
}

/** Builds (or reuses) the release's source tree and finds the Node.js it runs on. */
export function prepareRelease(commit: string): PreparedRelease {
  const node = releaseNode();
  const dir = join(tmpdir(), `gdpr-export-bot-release-${commit}`);
  if (!existsSync(join(dir, 'package.json'))) {
    const staging = `${dir}.${process.pid}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      execSync(`set -o pipefail; git archive --format=tar ${commit} | tar -x -C "${staging}"`, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], shell: '/bin/bash' });
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`Cannot build the release at commit ${commit} from git (a shallow clone? run "git fetch --unshallow"): ${(e as Error).message}`);
    }
    try {
      renameSync(staging, dir);
    } catch {
      // another test process made it meanwhile
      rmSync(staging, { recursive: true, force: true });
    }
  }
  provideModules(dir, node);
  return { dir, node };
}

/** v0.1.0's engines: Node.js >= 20.19, before 24 (its sqlite3 build is for the machine's headers) */
function releaseNode(): string {
  const candidates = [process.env.RELEASE_NODE, '/usr/bin/node', '/usr/local/bin/node', process.execPath].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const [major = 0, minor = 0] = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '').split('.').map(Number);
    if ((major === 20 && minor >= 19) || major === 22) return candidate;
  }
  throw new Error(`No Node.js 20.19+ or 22 to run v0.1.0 with (tried ${candidates.join(', ')}); set RELEASE_NODE to one.`);
}

function provideModules(dir: string, node: string): void {
  const modules = join(dir, 'node_modules');
  const releaseLock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (lockedPackages(releaseLock) === lockedPackages(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'))) {
    const ours = realpathSync(join(REPO_ROOT, 'node_modules'));
    if (isLinkTo(modules, ours)) return;
    rmSync(modules, { recursive: true, force: true });
    symlinkSync(ours, modules, 'dir');
    return;
  }
  const stamp = join(dir, '.npm-ci-lock-hash');
  const hash = createHash('sha256').update(releaseLock).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(modules) && !lstatSync(modules).isSymbolicLink()) return;
  rmSync(modules, { recursive: true, force: true });
  // npm runs on the release's node, so sqlite3 is built for it
  const path = `${dirname(node)}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PATH: path } });
  writeFileSync(stamp, hash);
}

/** the lock's packages without the root entry (whose version differs between releases) */
function lockedPackages(lock: string): string {
  const parsed = JSON.parse(lock) as { packages?: Record<string, unknown> };
  const { '': _root, ...packages } = parsed.packages ?? {};
  return JSON.stringify(packages);
}

function isLinkTo(path: string, target: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && realpathSync(path) === target;
  } catch {
    return false;
  }
}
