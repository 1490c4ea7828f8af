import { describe, expect, it } from 'vitest';
import { fr } from '../../dev/demo/demo-words.js';
import { renderModal } from '../../dev/demo/render-blocks.js';
import { runDemo, type DemoSummary } from '../../dev/demo/run-demo.js';
import { readerFor } from '../../src/slack/catalog/index.js';

const NBSP = '\u00a0';

describe('npm run demo -- --locale fr', () => {
  it('tells the whole flow in French, in the same order, and ends with a working link', async () => {
    let transcript = '';
    const summary: DemoSummary = await runDemo({ locale: 'fr', keepAliveSeconds: 0, write: (text) => (transcript += text) });

    // the same points of view, in order, and the narrator's section titles
    const sections = [...transcript.matchAll(/^━━ \d+\. (\S+) · (.+) ━━$/gm)].map((m) => `${m[1]} · ${m[2]}`);
    expect(sections).toEqual([
      'Démo · mise en place',
      'Demandeuse · Rita Requester demande un export',
      'Approbateur · Adam Approver décide',
      'Bot · envoie les exports et attend Genesys Cloud',
      'Demandeuse · Rita Requester lit les messages directs du bot',
      expect.stringMatching(/^Demandeuse · Rita Requester clique sur \[ .+ \]$/),
      'Démo · bilan',
    ]);

    // the narrator, in French with French typography
    expect(transcript).toContain(`Personnes${NBSP}: Rita Requester (demandeuse), Adam Approver (approbateur), Alice Martin et Bob Nguyen`);
    expect(transcript).toContain(`saisit dans #general${NBSP}:   /gdpr-export @alice @bob`);
    expect(transcript).toMatch(/Le formulaire s’ouvre aussitôt \(Slack accorde 3\u00a0s\)/);
    expect(transcript).toContain(`voit le formulaire de demande${NBSP}:`);
    expect(transcript).toMatch(/le remplit et appuie sur \[ .+ \]\u00a0:/);
    expect(transcript).toContain('Alice Martin a demandé tous les messages de chat');
    expect(transcript).toContain(`voit la confirmation${NBSP}:`);
    expect(transcript).toContain(`reçoit un message direct du bot${NBSP}:`);
    expect(transcript).toMatch(/saisit la note «\u00a0Périmètre conforme à la demande d’accès. Approuvé.\u00a0» et appuie sur \[ .+ \]/);
    expect(transcript).toContain(`Pendant ce temps, le bot${NBSP}:`);
    expect(transcript).toMatch(/Simulation de 2 jours en 6\u00a0s environ/);
    expect(transcript).toMatch(/tourne désormais 28\s800 fois plus vite/); // Intl's French thousands separator
    expect(transcript).toMatch(/bot → Genesys\u00a0: export demandé pour Alice Martin/);
    expect(transcript).toMatch(/\[\+[12]\u00a0j \d\d:\d\d\] Genesys\u00a0: export pour Alice Martin, \w+ → COMPLETED/);
    expect(transcript).toMatch(/Genesys\u00a0: l’export pour Bob Nguyen est terminé, 1 fichier à télécharger/);
    expect(transcript).toMatch(/Le bot a vérifié l’état des exports \d+ fois\u00a0;/);
    expect(transcript).toContain('┌─ message d’état (mis à jour sur place au fil de l’avancement)');
    expect(transcript).toContain('┌─ réponse dans le fil du dossier');
    expect(transcript).toMatch(/La démo télécharge le lien une fois\u00a0: HTTP 200, application\/zip, [\d\s]+ octets, 7 entrées\u00a0:/);
    expect(transcript).toContain(`Appels du bot à Genesys Cloud`);
    expect(transcript).toContain('(lecture de la période de conservation des données de chat)');
    expect(transcript).toContain(`Problèmes${NBSP}: aucun`);
    expect(transcript).toMatch(/Lien de téléchargement\u00a0: http:\/\/127\.0\.0\.1:\d+\/signed\//);

    // the legal basis the requester chose, worded by the bot's own catalog
    const legalBasis = readerFor('fr').t.case.legalBasis.data_subject_access_request;
    expect(legalBasis).toBe('Demande d’accès de la personne concernée');
    expect(transcript).toContain(`${NBSP}: ${legalBasis}\n`);

    // no English narration left, and no plain space before French punctuation
    for (const english of ['setting the stage', 'types in #general', 'sees the request form', 'Meanwhile the bot', 'DM from gdpr-export', 'Problems:', 'Download link:', '(optional)', '(empty)']) {
      expect(transcript).not.toContain(english);
    }
    expect(transcript).not.toMatch(/ [:;!?](\s|$)/m);
    expect(transcript).not.toMatch(/«(?!\u00a0)|[^\u00a0]»/);

    expect(summary).toMatchObject({ ok: true, downloadStatus: 200, problems: [] });
    expect(summary.archiveEntries).toContain('REALTIME!messages');
  }, 60_000);
});

describe('the demo renderer in French', () => {
  it('writes its own words in French: optional, empty, choices, labels and dates', () => {
    const lines = renderModal(
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'Formulaire' },
        blocks: [
          { type: 'input', optional: true, label: { type: 'plain_text', text: 'Personnes' }, element: { type: 'multi_users_select' } },
          { type: 'input', label: { type: 'plain_text', text: 'Base' }, element: { type: 'static_select', options: [{ text: { type: 'plain_text', text: 'A' } }, { text: { type: 'plain_text', text: 'B' } }] } },
          { type: 'input', label: { type: 'plain_text', text: 'Motif' }, element: { type: 'plain_text_input' } },
          { type: 'input', label: { type: 'plain_text', text: 'Reçue le' }, element: { type: 'datepicker', initial_date: '2026-05-01' } },
          { type: 'input', label: { type: 'plain_text', text: 'Avant le' }, element: { type: 'datepicker' } },
          { type: 'section', fields: [{ type: 'mrkdwn', text: '*Échéance*\n<!date^1767225600^{date_long}>' }] },
        ],
      },
      () => undefined,
      fr.render,
    );
    expect(lines).toEqual([
      '┌─ Formulaire',
      `│ Personnes (facultatif)${NBSP}: (choisir des personnes)`,
      `│ Base${NBSP}: (au choix${NBSP}: A | B)`,
      `│ Motif${NBSP}: (vide)`,
      `│ Reçue le${NBSP}: 1er mai 2026`,
      `│ Avant le${NBSP}: (choisir une date)`,
      `│ Échéance${NBSP}: une date`,
      '└─',
    ]);
  });
});
