import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { buildTimelineFiles, openSealedFile, removeBuiltFiles, type BuildTimelineInput } from '../../../src/timeline/index.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/timeline/render-html.js';
import { buildZip, chunksOf, collect, realtimeText } from './fixtures.js';
import { unzipToMap } from './unzip.js';
import { enTimelineFiles } from '../../../src/slack/catalog/en/timeline-files.js';

let tmpDir: string;
const logger = createLogger({ level: 'silent' });
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-parts-test-'));
});
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

async function input(): Promise<BuildTimelineInput> {
  const texts = ['first <b>one</b>', 'second', 'third', 'fourth', '<script>alert(1)</script> fifth'];
  const zip = await buildZip([{ name: 'REALTIME!messages', content: 'preamble\n\n' + realtimeText(texts.map((text, i) => ({ created: `2024-01-0${i + 1}T09:00:00Z`, text }))) }]);
  return { subjects: [{ subjectId: 's1', name: 'Alice & co', genesysUserId: 'gid-a', archives: [async () => chunksOf(zip, 300)] }], timeZone: 'UTC', labels: enTimelineFiles, title: 'Timeline <GX-1>' };
}

describe('HTML in parts', () => {
  it('past the part size, delivers a ZIP of an index with a table of contents and linked part pages', async () => {
    const built = await buildTimelineFiles(await input(), { logger, tmpDir, htmlPartMessages: 2 }, ['csv', 'html']);
    try {
      expect(built.htmlParts).toBe(3);
      const pages = await unzipToMap(Buffer.concat(await collect(openSealedFile(built.files.html!))));
      // the index comes last in the ZIP: it is written once every part's period is known
      expect([...pages.keys()]).toEqual(['part-0001.html', 'part-0002.html', 'part-0003.html', 'unrecognised.html', 'index.html']);
      for (const page of pages.values()) {
        expect(page).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
        expect(page).not.toMatch(/<script|<b>/i);
      }
      const index = pages.get('index.html')!;
      expect(index).toContain('<a href="part-0001.html">Part 1</a></td><td>2024-01-01 09:00:00</td><td>2024-01-02 09:00:00</td><td>2</td>');
      expect(index).toContain('<a href="part-0003.html">Part 3</a></td><td>2024-01-05 09:00:00</td><td>2024-01-05 09:00:00</td><td>1</td>');
      expect(index).toContain('Chain of custody');
      expect(index).toContain('<a href="unrecognised.html">');
      const first = pages.get('part-0001.html')!;
      expect(first).toContain('<title>Timeline &lt;GX-1&gt; — part 1 of 3</title>');
      expect(first.match(/<article class="msg"/g)).toHaveLength(2);
      expect(first).toContain('first &lt;b&gt;one&lt;/b&gt;');
      expect(first).toContain('<a href="part-0002.html" rel="next">');
      expect(first).not.toContain('rel="prev"');
      const last = pages.get('part-0003.html')!;
      expect(last).toContain('&lt;script&gt;alert(1)&lt;/script&gt; fifth');
      expect(last).toContain('<a href="part-0002.html" rel="prev">');
      expect(last).toContain('<h2>Friday, 5 January 2024</h2>'); // every part starts with its day
      expect(pages.get('unrecognised.html')).toContain('preamble');
    } finally {
      await removeBuiltFiles(built);
    }
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('keeps one page up to the part size', async () => {
    const built = await buildTimelineFiles(await input(), { logger, tmpDir, htmlPartMessages: 5 }, ['html']);
    try {
      expect(built.htmlParts).toBeUndefined();
      expect(Buffer.concat(await collect(openSealedFile(built.files.html!))).toString('utf8')).toMatch(/^<!doctype html>/);
    } finally {
      await removeBuiltFiles(built);
    }
  });
});
