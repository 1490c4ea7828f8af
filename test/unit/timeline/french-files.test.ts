/**
 * The timeline files in French: the engine gets the French catalog's label set as plain data (the
 * worker has no catalog) and writes a French page, French day headings in the reader's zone, and
 * French notes, while the data (ISO UTC times, CSV header ids, hashes) stays as it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { CATALOGS } from '../../../src/slack/catalog/index.js';
import { buildTimelineInWorker } from '../../../src/timeline/build-in-worker.js';
import { buildTimeline, buildTimelineFiles, openSealedFile, removeBuiltFiles, type BuildTimelineInput, type TimelineLabels } from '../../../src/timeline/index.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/timeline/render-html.js';
import { buildZip, chunksOf, collect, realtimeText } from './fixtures.js';
import { unzipToMap } from './unzip.js';

const FR: TimelineLabels = CATALOGS.fr.timeline.files;
const NBSP = '\u00a0';
const logger = createLogger({ level: 'silent' });

let tmpDir: string;
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'timeline-fr-test-'));
});
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true });
});

async function input(over: Partial<BuildTimelineInput> = {}): Promise<BuildTimelineInput> {
  const records = [
    { created: '2024-01-31T23:30:00Z', text: 'Bonjour <b>Bob</b>' }, // 1 February in Paris
    { created: '2024-02-03T09:12:00Z', text: 'Merci' },
    { created: '2024-02-02T09:00:00Z', text: 'plus tôt' }, // out of file order
  ];
  const zip = await buildZip([{ name: 'REALTIME!messages', content: 'préambule\n\n' + realtimeText(records) }]);
  return {
    subjects: [{ subjectId: 's1', name: 'Zoë & <Co>', genesysUserId: 'gid-zoe', requestId: 'req-1', archives: [async () => chunksOf(zip, 200)] }],
    timeZone: 'Europe/Paris',
    title: 'Chronologie des échanges — GX-1 (<réf>)',
    labels: FR,
    ...over,
  };
}

describe('timeline files in French', () => {
  it('a French label set yields a French page: lang, headings, dates in the reader’s zone, strict CSP and escaping', async () => {
    const built = await buildTimeline(await input(), { logger, tmpDir });
    const { html } = built;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(html).toContain('<h2>jeudi 1er février 2024</h2>'); // 23:30 UTC on 31 January is 1 February in Paris
    expect(html).toContain('<h2>vendredi 2 février 2024</h2>');
    expect(html).toContain('<time datetime="2024-01-31T23:30:00.000Z" title="2024-01-31T23:30:00.000Z UTC">00:30:00</time>');
    expect(html).toContain('<th>Personne</th><th>Identifiant utilisateur Genesys</th>');
    expect(html).toContain('<h2>Chaîne de traçabilité</h2>');
    expect(html).toContain('et de son entrée <code>REALTIME!messages</code>.');
    expect(html).toContain(`<span class="flag">hors de l’ordre du fichier</span>`);
    expect(html).toContain(`Messages${NBSP}: 3 (Zoë &amp; &lt;Co&gt; 3).`);
    expect(html).toContain('Les heures locales sont indiquées dans le fuseau horaire Europe/Paris.');
    expect(html).toContain('<h2>Entrées non reconnues, conservées telles quelles</h2>');
    expect(html).toContain('texte avant le premier enregistrement');
    expect(html).toContain('Contient des données personnelles.');
    expect(html).toContain('Bonjour &lt;b&gt;Bob&lt;/b&gt;');
    expect(html).not.toMatch(/<b>|<Co>|<réf>/);
    expect(html).not.toMatch(/Chain of custody|Messages: |Local times/);
  });

  it('keeps the CSV and the custody data machine-readable, with French notes', async () => {
    const built = await buildTimeline(await input(), { logger, tmpDir });
    const lines = built.csv.replace(/^\ufeff/, '').split('\n');
    expect(lines[0]).toBe('time_utc,time_local,author,genesys_user_id,text,note');
    expect(lines).toContain(`2024-02-02T09:00:00.000Z,2024-02-02 10:00:00,Zoë & <Co>,gid-zoe,plus tôt,hors de l’ordre du fichier${NBSP}: daté d’avant le message qui le précède dans l’export`);
    expect(lines).toContain(`,,Zoë & <Co>,gid-zoe,préambule,non reconnue${NBSP}: texte avant le premier enregistrement`);
    expect(built.summaryLine).toBe(
      `Zoë & <Co>${NBSP}: 3 messages · 2024-01-31 23:30 → 2024-02-03 09:12 UTC · 1 archive lue · 1 message hors de l’ordre du fichier (signalé) · 1 entrée conservée telle quelle (non reconnue)`,
    );
    expect(built.archives[0]).toMatchObject({ requestId: 'req-1', genesysUserId: 'gid-zoe', archive: 1 });
  });

  it('words an unknown time zone in French', async () => {
    const built = await buildTimeline(await input({ timeZone: 'Mars/Olympus' }), { logger, tmpDir });
    expect(built.html).toContain(`Le fuseau horaire «${NBSP}Mars/Olympus${NBSP}» n’est pas reconnu${NBSP}: les heures locales sont indiquées en UTC.`);
    expect(built.summary.zoneProblem).toEqual({ requested: 'Mars/Olympus' });
  });

  it('writes the pages of a large timeline in French', async () => {
    const built = await buildTimelineFiles(await input(), { logger, tmpDir, htmlPartMessages: 1 }, ['html']);
    try {
      const pages = await unzipToMap(Buffer.concat(await collect(openSealedFile(built.files.html!))));
      const index = pages.get('index.html')!;
      expect(index).toContain('<html lang="fr">');
      expect(index).toContain('<h2>Sommaire</h2>');
      expect(index).toContain('<a href="part-0001.html">Partie 1</a></td><td>2024-02-01 00:30:00</td>');
      expect(index).toContain('La chronologie est divisée en 3 parties d’au plus 1 message,');
      expect(pages.get('part-0002.html')).toContain('<title>Chronologie des échanges — GX-1 (&lt;réf&gt;) — partie 2 sur 3</title>');
      expect(pages.get('part-0002.html')).toContain('rel="prev">← Partie précédente</a>');
      expect(pages.get('unrecognised.html')).toContain('entrées non reconnues</title>');
      for (const page of pages.values()) expect(page).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    } finally {
      await removeBuiltFiles(built);
    }
  });

  it('hands the labels to the worker thread as plain data', async () => {
    expect(structuredClone(FR)).toEqual(FR);
    const built = await buildTimelineInWorker(await input(), { logger, tmpDir }, ['html']);
    try {
      const html = Buffer.concat(await collect(openSealedFile(built.files.html!))).toString('utf8');
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('<h2>jeudi 1er février 2024</h2>');
      expect(built.summaryLine).toContain('1 archive lue');
    } finally {
      await removeBuiltFiles(built);
    }
  });
});

describe('French file labels', () => {
  it('follow French typography: a no-break space before : ; ! ? and inside « »', () => {
    const texts: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === 'string') texts.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(FR);
    for (const text of texts) {
      expect(text).not.toMatch(/ [:;!?»]|« /);
      expect(text).not.toMatch(/[a-zà-ÿ]'[a-zà-ÿ]/i);
    }
  });
});
