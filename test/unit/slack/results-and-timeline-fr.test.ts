/**
 * Download links, expired exports, the timeline modal and the timeline's DM texts for a French
 * reader: French words, times in the reader's zone, plurals from Intl, and Block Kit limits held.
 */
import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { CATALOGS, readerFor } from '../../../src/slack/catalog/index.js';
import { custodyFile } from '../../../src/slack/timeline-custody.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { downloadLinksMessage, downloadLinksModal, exportExpiredMessage, exportExpiredModal, lifetime } from '../../../src/slack/views/download-links.js';
import { readTimelineRange, timelineModal } from '../../../src/slack/views/timeline-modal.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { makeCase, NOW, subject } from './fixtures.js';

const FR = readerFor('fr', 'Europe/Paris');
const NBSP = '\u00a0';
const textOf = (value: unknown) => JSON.stringify(value);
const messageViolations = (m: { text: string; blocks?: unknown[] }) => findBlockKitViolations('message', { text: m.text, blocks: m.blocks ?? [] });

describe('download links in French', () => {
  const s = subject(1, { state: 'completed' });
  const links = [
    { url: 'https://dl.example.test/a?sig=1&x=2', expiresAt: '2025-03-10T09:35:00.000Z' },
    { url: 'https://dl.example.test/b', expiresAt: '2025-03-10T09:30:40.000Z' },
    { url: 'https://dl.example.test/c', expiresAt: '2025-03-10T09:29:00.000Z' },
  ];

  it('words the links, their lifetime in the reader’s zone, and the care the archive needs', () => {
    const m = downloadLinksMessage(s, links, NOW, FR);
    expect(m.text).toBe(`Liens de téléchargement de l’export de chat de Person Number 1${NBSP}: 3 archives, chaque lien valable quelques minutes.`);
    const text = textOf(m.blocks);
    expect(text).toContain(`• <https://dl.example.test/a?sig=1&amp;x=2|Archive 1 sur 3>${NBSP}: valable jusqu’à 10:35 UTC+1, environ 5 minutes`);
    expect(text).toContain('valable jusqu’à 10:30 UTC+1, moins d’une minute');
    expect(text).toContain(`a déjà expiré${NBSP}: appuyez à nouveau sur *Obtenir le lien de téléchargement*`);
    expect(text).toContain(':lock: L’archive contient des données personnelles.');
    expect(downloadLinksMessage(s, [links[0]!], NOW, FR).text).toMatch(/^Lien de téléchargement .*: 1 archive,/);
  });

  it('stays inside Block Kit limits, from one archive to very many with very long URLs', () => {
    const link = (i: number, length = 1200) => ({ url: `https://api.example.test/downloads/${i}?X-Amz-Signature=${'a'.repeat(length)}`, expiresAt: '2025-03-10T11:35:00.000Z' });
    for (const many of [[link(1)], [link(1), link(2), link(3)], Array.from({ length: 120 }, (_, i) => link(i, 2500)), []]) {
      expect(messageViolations(downloadLinksMessage(s, many, NOW, FR))).toEqual([]);
      expect(findBlockKitViolations('modal', downloadLinksModal(s, many, NOW, FR))).toEqual([]);
    }
    const modal = downloadLinksModal(s, [link(1)], NOW, FR);
    expect(modal.title.text).toBe('Lien de téléchargement');
    expect(modal.close?.text).toBe('Fermer');
    expect(textOf(downloadLinksModal(s, [link(1, 4000)], NOW, FR).blocks)).toContain(`Archive 1 sur 1${NBSP}: son lien est trop long`);
    expect(textOf(downloadLinksModal(s, Array.from({ length: 120 }, (_, i) => link(i, 2500)), NOW, FR).blocks)).toContain('Certaines archives n’ont pas pu être listées ici');
  });

  it('counts hours with Intl plurals', () => {
    expect(lifetime('2025-03-10T11:30:00.000Z', NOW, FR)).toBe('valable jusqu’à 12:30 UTC+1, environ 2 heures');
    expect(lifetime('not a date', NOW, FR)).toBe('valable quelques minutes');
    expect(lifetime('2025-03-10T11:30:00.000Z', NOW, readerFor('en'))).toBe('works until 11:30 UTC, about 2 hours');
  });

  it('says in French that an export expired, and offers to request it again', () => {
    const c = makeCase();
    const m = exportExpiredMessage(c, 's1', FR);
    expect(m.text).toBe('L’export de Person Number 1 pour le dossier RGPD GX-7K2M9QPA a expiré dans Genesys Cloud. Demandez-le à nouveau pour obtenir un nouvel export.');
    const modal = exportExpiredModal(c, 's1', FR);
    expect(modal.title.text).toBe('Export expiré');
    expect(textOf(modal.blocks)).toContain('"text":"Demander à nouveau"');
    expect(textOf(modal.blocks)).toContain(`(dossier \`GX-7K2M9QPA\`) ne peut plus être téléchargé${NBSP}:`);
    for (const s2 of c.subjects) {
      expect(messageViolations(exportExpiredMessage(c, s2.id, FR))).toEqual([]);
      expect(findBlockKitViolations('modal', exportExpiredModal(c, s2.id, FR))).toEqual([]);
    }
  });
});

describe('the timeline modal in French', () => {
  const c = {
    id: 'GX-7K2M9QPA',
    caseReference: 'DSAR <b>&',
    subjects: Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, genesysUserId: `g${i}`, name: `Personne ${i}`, resolvedVia: 'email', state: 'completed', checks: 0, attempts: 1 })),
  } as unknown as ExportCase;

  it('is in French and inside Block Kit limits', () => {
    const view = timelineModal(c, FR);
    expect(findBlockKitViolations('modal', view)).toEqual([]);
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual(['Chronologie des échanges', 'Générer la chronologie', 'Annuler']);
    const text = textOf(view.blocks);
    expect(text).toContain('Fusionner les exports du dossier `GX-7K2M9QPA` (référence DSAR &lt;b&gt;&amp;)');
    expect(text).toContain(`conversation chronologique${NBSP}: 12 personnes (*Personne 0*, *Personne 1*,`);
    expect(text).toContain('*Personne 8* et *Personne 9*, …)');
    expect(text).toContain('"text":"Du"');
    expect(view.private_metadata).toBe('GX-7K2M9QPA');
    const one = timelineModal({ ...c, subjects: c.subjects.slice(0, 1) }, FR);
    expect(textOf(one.blocks)).toContain(`${NBSP}: 1 personne (*Personne 0*)`);
  });

  it('explains a wrong range in French, on the right field', () => {
    const values = (from: string | null, to: string | null) => ({
      [ids.TIMELINE_FROM_BLOCK]: { [ids.TIMELINE_FROM_ACTION]: { selected_date: from } },
      [ids.TIMELINE_TO_BLOCK]: { [ids.TIMELINE_TO_ACTION]: { selected_date: to } },
    });
    expect(readTimelineRange(values('2025-03-05', '2025-03-04'), FR)).toEqual({
      ok: false,
      errors: { [ids.TIMELINE_TO_BLOCK]: 'La date de fin doit être identique ou postérieure à la date de début.' },
    });
    expect(readTimelineRange(values('2025-02-31x', null), FR)).toEqual({ ok: false, errors: { [ids.TIMELINE_FROM_BLOCK]: 'Choisissez les dates avec le calendrier.' } });
  });
});

describe('the timeline delivery texts in French', () => {
  const words = CATALOGS.fr.timeline.delivery;

  it('words the DM replies, with Intl plurals', () => {
    expect(words.notAllComplete({ caseId: 'GX-1', unfinished: 1 })).toBe(`La chronologie nécessite que tous les exports de GX-1 soient terminés${NBSP}; 1 ne l’est pas encore.`);
    expect(words.notAllComplete({ caseId: 'GX-1', unfinished: 3 })).toBe(`La chronologie nécessite que tous les exports de GX-1 soient terminés${NBSP}; 3 ne le sont pas encore.`);
    expect(words.building({ caseId: 'GX-1', exports: 2 })).toBe(`Construction de la chronologie des échanges de GX-1${NBSP}: lecture de 2 exports. Je la publierai ici.`);
    expect(words.alreadyBuilding({ caseId: 'GX-1' })).toBe('La chronologie de GX-1 est déjà en cours de construction.');
    expect(words.comment({ caseId: 'GX-1', summary: 'résumé' })).toBe(
      `Chronologie des échanges de GX-1. résumé\nCes fichiers contiennent des données personnelles${NBSP}: traitez-les selon la base légale du dossier.`,
    );
    expect(words.htmlZipTitle({ caseId: 'GX-1' })).toBe(`Chronologie GX-1 (lisible${NBSP}: décompressez l’archive, ouvrez index.html)`);
    expect(CATALOGS.fr.timeline.off()).toContain('TIMELINE_DELIVERY=off');
    expect(CATALOGS.fr.results.actions.notAnExport()).toBe('Ce bouton ne correspond à aucun export.');
  });

  it('keeps the custody JSON keys stable, with the verification sentence in French', () => {
    const custody = { archives: [], files: [{ name: 'GX-1-timeline.csv', bytes: 10, sha256: 'ab' }] };
    const { bytes, audit } = custodyFile('GX-1', new Date('2025-03-10T09:30:00.000Z'), custody, { name: 'GX-1-timeline-custody.json', howToVerify: words.howToVerify() });
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['caseId', 'builtAt', 'howToVerify', 'archives', 'files']);
    expect(json.builtAt).toBe('2025-03-10T09:30:00.000Z');
    expect(json.howToVerify).toMatch(/^Calculez l’empreinte SHA-256 de chaque ZIP d’export/);
    expect(audit.files.at(-1)).toMatchObject({ name: 'GX-1-timeline-custody.json', bytes: bytes.length });
  });
});

describe('French results and timeline words', () => {
  it('follow French typography', () => {
    const texts: string[] = [];
    const sample = { caseId: 'GX-1', reference: 'R', people: 2, names: 'a', unfinished: 2, exports: 2, summary: 's', name: 'n', archives: 2 };
    const walk = (value: unknown) => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'function') texts.push(String((value as (p: unknown) => unknown)({ ...sample, n: 1, total: 2, link: 'l', lifetime: 'x', label: 'l', time: 't', about: 'a', minutes: 2, hours: 2 })));
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(CATALOGS.fr.results);
    walk(CATALOGS.fr.timeline);
    for (const text of texts) {
      expect(text).not.toMatch(/ [:;!?»]|« /);
      expect(text).not.toMatch(/[a-zà-ÿ]'[a-zà-ÿ]/i);
      expect(text).not.toMatch(/\bGDPR\b(?! et Privacy)/);
    }
  });
});
