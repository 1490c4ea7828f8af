/**
 * The readable timeline in a real browser: headless Chromium (/usr/bin/chromium, driven by
 * playwright-core) opens a rendered timeline in parts, follows the table of contents to the first
 * and the last messages, and checks that a message holding `<script>` shows as text and runs
 * nothing. Skipped, saying why, when Chromium or playwright-core is not installed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { buildTimelineFiles, openSealedFile, removeBuiltFiles } from '../../src/timeline/index.js';
import { buildZip, chunksOf, collect, realtimeText } from '../unit/timeline/fixtures.js';
import { unzipToMap } from '../unit/timeline/unzip.js';
import { enTimelineFiles } from '../../src/slack/catalog/en/timeline-files.js';

const CHROMIUM = '/usr/bin/chromium';

// What the page functions below touch, run inside the browser (this project compiles without the DOM lib).
declare const document: { title: string; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> & { length: number } };
declare const window: { __ran?: boolean };

/** The little of playwright-core's API this test uses (the package is optional here). */
interface Page {
  goto(url: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  textContent(selector: string): Promise<string | null>;
  evaluate<T>(fn: () => T): Promise<T>;
  url(): string;
  on(event: 'pageerror' | 'console', listener: (value: unknown) => void): void;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args?: string[] }): Promise<Browser> };
}

/** playwright-core from node_modules, or from a directory on NODE_PATH (it is not a dependency yet). */
async function loadPlaywright(): Promise<Playwright | undefined> {
  const require = createRequire(import.meta.url);
  const paths = [process.cwd(), ...(process.env.NODE_PATH ?? '').split(delimiter).filter(Boolean)];
  try {
    return (await import(pathToFileURL(require.resolve('playwright-core', { paths })).href)) as Playwright;
  } catch {
    return undefined;
  }
}

const playwright = await loadPlaywright();
const missing = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is not installed (apt-get install chromium)`
  : !playwright
    ? 'playwright-core is not installed (add it as a devDependency, or put a directory holding it on NODE_PATH)'
    : undefined;

let dir: string;
let browser: Browser | undefined;
const SCRIPT_TEXT = '<script>window.__ran = true; document.title = "pwned"</script> and <img src=x onerror="window.__ran=true">';

beforeAll(async () => {
  if (missing) return;
  dir = await mkdtemp(join(tmpdir(), 'timeline-browser-test-'));
  const records = Array.from({ length: 45 }, (_, i) => ({
    created: new Date(Date.UTC(2024, 0, 1 + i, 9, 0)).toISOString(),
    text: i === 0 ? 'The very first message' : i === 44 ? 'The very last message' : i === 20 ? SCRIPT_TEXT : `Message ${i}`,
  }));
  const zip = await buildZip([{ name: 'REALTIME!messages', content: realtimeText(records) }]);
  const built = await buildTimelineFiles(
    { subjects: [{ subjectId: 's1', name: 'Alice', genesysUserId: 'gid-a', archives: [async () => chunksOf(zip)] }], timeZone: 'UTC', labels: enTimelineFiles, title: 'Timeline GX-TEST' },
    { logger: createLogger({ level: 'silent' }), tmpDir: dir, htmlPartMessages: 10 },
    ['html'],
  );
  const pages = await unzipToMap(Buffer.concat(await collect(openSealedFile(built.files.html!))));
  await removeBuiltFiles(built);
  await mkdir(join(dir, 'site'));
  for (const [name, html] of pages) await writeFile(join(dir, 'site', name), html);
  browser = await playwright!.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== undefined)(`the readable timeline in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('opens the contents, reaches the first and the last messages through the links', async () => {
    const page = await browser!.newPage();
    await page.goto(pathToFileURL(join(dir, 'site', 'index.html')).href);
    expect(await page.textContent('h1')).toBe('Timeline GX-TEST');
    await page.click('a[href="part-0001.html"]');
    expect(page.url()).toMatch(/part-0001\.html$/);
    expect(await page.textContent('article.msg .text')).toBe('The very first message');
    await page.click('nav.parts a[href="index.html"]');
    await page.click('a[href="part-0005.html"]');
    expect(await page.evaluate(() => [...document.querySelectorAll('article.msg .text')].at(-1)?.textContent)).toBe('The very last message');
  });

  it('shows a message holding <script> as text, and runs nothing', async () => {
    const page = await browser!.newPage();
    const errors: unknown[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(pathToFileURL(join(dir, 'site', 'part-0003.html')).href);
    const texts = await page.evaluate(() => [...document.querySelectorAll('article.msg .text')].map((p) => p.textContent));
    expect(texts).toContain(SCRIPT_TEXT);
    expect(await page.evaluate(() => window.__ran)).toBeUndefined();
    expect(await page.evaluate(() => document.title)).toBe('Timeline GX-TEST — part 3 of 5');
    expect(await page.evaluate(() => document.querySelectorAll('script, img').length)).toBe(0);
    expect(errors).toEqual([]);
  });
});
