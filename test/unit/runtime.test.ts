/**
 * scripts/check-node.mjs runs before every npm script: on a Node older than `engines` it must stop
 * with one readable line, and let every supported version through. The version is faked in a child
 * process, so the test does not depend on which Node versions the machine has.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/check-node.mjs', import.meta.url).href;
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

function checkAs(version: string): Promise<{ code: number; stderr: string }> {
  const fake = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${version}' } });
    Object.defineProperty(process, 'version', { value: 'v${version}' });
    await import('${script}');`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', fake], (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stderr });
    });
  });
}

describe('scripts/check-node.mjs', () => {
  it.each(['20.19.0', '22.13.0', '24.14.1'])('stops Node %s with one line naming the version needed', async (version) => {
    const { code, stderr } = await checkAs(version);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `gdpr-export needs Node.js 24.15.0 or later (Node.js 24 LTS); this is v${version}. Install it (nvm install, see .nvmrc) and run the command again.`,
    ]);
  });

  it.each(['24.15.0', '24.22.3', '26.0.0'])('lets Node %s through silently', async (version) => {
    expect(await checkAs(version)).toEqual({ code: 0, stderr: '' });
  });

  it('reads its minimum from package.json engines, which the version files and the image agree with', () => {
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=24.15.0');
    expect(read('.nvmrc').trim()).toBe('24');
    expect(read('.node-version').trim()).toBe('24');
    expect(read('Dockerfile').match(/^FROM node:\S+/gm)).toEqual(['FROM node:24-bookworm-slim', 'FROM node:24-bookworm-slim']);
  });
});

describe('the image', () => {
  const dockerfile = read('Dockerfile').replace(/^#.*$/gm, '');
  const runtimeStage = dockerfile.slice(dockerfile.indexOf(' AS runtime'));

  it('installs no compiler and ships no build leftovers', () => {
    expect(dockerfile).not.toMatch(/apt-get|python|g\+\+|\bmake\b/);
    expect(runtimeStage).toContain('npm ci --omit=dev');
    const copied = [...runtimeStage.matchAll(/^COPY (.+)$/gm)].map((m) => m[1]);
    expect(copied).toEqual(['package.json package-lock.json ./', '--from=build /app/dist ./dist', 'manifest.yml README.md ./']);
  });
});

describe('npm start', () => {
  /** the start script's node flags, with src/index.ts (through tsx) standing in for dist/index.js */
  function startIn(cwd: string): Promise<string> {
    const start: string = JSON.parse(read('package.json')).scripts.start;
    const flags = start.split(' && ').at(-1)!.split(' ').filter((word) => word.startsWith('--'));
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));
    const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const env = { PATH: process.env.PATH ?? '' };
    return new Promise((resolve) => {
      execFile(process.execPath, [...flags, '--import', tsx, entry], { cwd, env }, (_error, _stdout, stderr) => resolve(stderr));
    });
  }

  it('reads .env from the working directory when there is one, and starts without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gdpr-start-'));
    try {
      // Node says it goes on without the file; the bot then names what is missing
      const withoutDotEnv = await startIn(dir);
      expect(withoutDotEnv).toMatch(/SLACK_BOT_TOKEN is required/);
      expect(withoutDotEnv).not.toContain('GENESYS_REGION');

      writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-from-dot-env\nGENESYS_REGION=nowhere.example\n');
      const withDotEnv = await startIn(dir);
      expect(withDotEnv).toContain('GENESYS_REGION');
      expect(withDotEnv).not.toContain('SLACK_BOT_TOKEN');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
