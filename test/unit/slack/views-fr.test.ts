/**
 * The approval card, the decision dialogs, the requester's status message and replies, the deadline
 * views and the tombstone, read by a French reader: French words, French dates (« 1er mai 2025 »),
 * plurals from Intl, French typography, and Block Kit limits held on long inputs.
 */
import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { readerFor } from '../../../src/slack/catalog/index.js';
import { frCard } from '../../../src/slack/catalog/fr/card.js';
import { frDeadline } from '../../../src/slack/catalog/fr/deadline.js';
import { frStatus } from '../../../src/slack/catalog/fr/status.js';
import { frTombstone } from '../../../src/slack/catalog/fr/tombstone.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import {
  approvalCard,
  approvalCardText,
  approvalReminderText,
  approveModal,
  caseActions,
  caseDecidedText,
  caseFinishedMessage,
  caseStatusMessage,
  caseWithdrawnText,
  deadlineEscalationText,
  deadlineExtendedText,
  deadlineOverdueText,
  deadlineReminderText,
  extendModal,
  purgedCaseTombstone,
  rejectModal,
  subjectFailedMessage,
  subjectReadyMessage,
  withdrawModal,
  type SlackMessage,
} from '../../../src/slack/views/index.js';
import { awaitingCase, decidedCase, makeCase, subject } from './fixtures.js';

const fr = readerFor('fr', 'Europe/Paris');
const NBSP = '\u00a0';

/** a DSAR received on 1 April 2025: its response is due on 1 May 2025 */
const dsar = (over: Partial<ExportCase> = {}) =>
  makeCase({ receivedOn: '2025-04-01', dueAt: '2025-05-01T21:59:59.999Z', caseReference: 'DSAR-2025-001', justification: 'Demande reçue par courrier.', ...over });

/** every mrkdwn and plain text of a payload */
function textsOf(x: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(x);
  return found;
}
const textOf = (x: unknown) => textsOf(x).join('\n');
const buttonTexts = (x: unknown) => JSON.stringify(x).match(/"type":"button","text":\{"type":"plain_text","text":"[^"]*"/g)?.map((b) => b.replace(/.*"text":"/, '').replace(/"$/, '')) ?? [];

/** everything a French reader may be shown about one case */
function everyFrenchOutput(c: ExportCase): Array<[string, unknown]> {
  const at = new Date('2025-04-28T08:00:00.000Z');
  return [
    ['card', { text: approvalCardText(c, fr), blocks: approvalCard(c, fr) }],
    ['reminder', approvalReminderText(c, fr)],
    ['approve modal', approveModal(c, fr)],
    ['reject modal', rejectModal(c, fr)],
    ['status', caseStatusMessage(c, fr)],
    ['decided', caseDecidedText(c, fr)],
    ['finished', caseFinishedMessage(c, { timelineEnabled: true }, fr)],
    ['extend modal', extendModal(c, fr)],
    ['withdraw modal', withdrawModal(c, fr)],
    ['extended', deadlineExtendedText(c, fr)],
    ['withdrawn', caseWithdrawnText(c, fr)],
    ['deadline reminder', deadlineReminderText(c, at, fr)],
    ['overdue', deadlineOverdueText(c, fr)],
    ['escalation', deadlineEscalationText(c, fr)],
    ...c.subjects.flatMap((s): Array<[string, unknown]> => [
      [`ready ${s.id}`, subjectReadyMessage(c, s.id, fr)],
      [`failed ${s.id}`, subjectFailedMessage(c, s.id, fr)],
    ]),
  ];
}

describe('the approval card, in French', () => {
  it('speaks French, with the due date written « 1er mai 2025 », and buttons Approuver and Refuser', () => {
    const c = dsar({ state: 'awaiting_approval', subjects: makeCase().subjects.map((s) => ({ ...s, state: 'pending' as const })) });
    const text = textOf(approvalCard(c, fr));
    expect(text).toContain(`Approbation d’un export RGPD${NBSP}: GX-7K2M9QPA`);
    expect(text).toContain('<@U0REQUEST1> demande l’export des messages de chat Genesys Cloud de 5 personnes (dossier `GX-7K2M9QPA`).');
    expect(text).toContain('*Base légale*\nDemande d’accès de la personne concernée');
    expect(text).toContain('*Demande reçue le*\n1er avril 2025');
    expect(text).toContain('*Délai de réponse RGPD*\n1er mai 2025');
    expect(text).toContain('*Date limite d’approbation*\n<!date^');
    expect(text).toContain('*Personnes concernées*');
    expect(buttonTexts(approvalCard(c, fr))).toEqual(['Approuver', 'Refuser']);
    // the deadline line comes from the case section, whose typography is its own
    expect(approvalCardText(c, fr)).toMatch(
      /^Export RGPD GX-7K2M9QPA demandé par <@U0REQUEST1> \(5 personnes, Demande d’accès de la personne concernée\)\u00a0: en attente de votre approbation\. Délai de réponse RGPD[ \u00a0]: 1er mai 2025 \(demande reçue le 1er avril 2025\)\.$/,
    );
    expect(approvalReminderText(c, fr)).toMatch(/^:bell: Rappel\u00a0: l’export RGPD GX-7K2M9QPA demandé par <@U0REQUEST1> attend toujours une approbation\. Sans décision, la demande expirera \(<!date\^\d+\^\{date_short\} à \{time\}\|4 mars 2025, 09:15 UTC\+1>\)/);
  });

  it('counts people with Intl plurals: 1 personne, 2 personnes', () => {
    const one = awaitingCase({ subjects: [subject(1)] });
    const two = awaitingCase({ subjects: [subject(1), subject(2)] });
    expect(approvalCardText(one, fr)).toContain('(1 personne, ');
    expect(approvalCardText(two, fr)).toContain('(2 personnes, ');
    expect(caseDecidedText({ ...decidedCase('approved'), subjects: [subject(1)] }, fr)).toContain('pour 1 personne' + NBSP + ';');
  });

  it('states the decision in French once made, without buttons', () => {
    expect(textOf(approvalCard(decidedCase('rejected', 'Motif <b>'), fr))).toMatch(/Refusée par <@U0APPROVE1>[ \u00a0]: Motif &lt;b&gt;/);
    expect(buttonTexts(approvalCard(decidedCase('approved'), fr))).toEqual([]);
    expect(approvalCardText(decidedCase('approved'), fr)).toContain(`${NBSP}: Approuvée par <@U0APPROVE1> le <!date^`);
  });
});

describe('the decision dialogs, in French', () => {
  it('have French titles within 24 characters, and list names « a, b et 2 autres »', () => {
    const many = awaitingCase({ subjects: Array.from({ length: 12 }, (_, i) => subject(i + 1)) });
    const approve = approveModal(many, fr);
    expect(approve).toMatchObject({ title: { text: 'Approuver l’export' }, submit: { text: 'Approuver' }, close: { text: 'Annuler' } });
    expect(textOf(approve)).toContain('*Person Number 9*, *Person Number 10* et 2 autres), Demande d’accès');
    expect(textOf(approve)).toContain('12 personnes');
    const reject = rejectModal(many, fr);
    expect(reject).toMatchObject({ title: { text: 'Refuser l’export' }, submit: { text: 'Refuser' } });
    expect(textOf(reject)).toContain('Le demandeur verra ce motif');
    expect(textOf(approveModal(awaitingCase({ subjects: Array.from({ length: 11 }, (_, i) => subject(i + 1)) }), fr))).toContain(' et 1 autre)');
  });
});

describe('the status message and its replies, in French', () => {
  it('counts what is ready: « 1 prêt sur 5 », « 2 prêts sur 5 »', () => {
    expect(caseStatusMessage(makeCase(), fr).text).toBe(`Export RGPD GX-7K2M9QPA${NBSP}: Genesys Cloud prépare les exports (1 prêt sur 5).`);
    const two = makeCase({ subjects: makeCase().subjects.map((s, i) => (i < 2 ? { ...s, state: 'completed' as const } : s)) });
    expect(textOf(caseStatusMessage(two, fr).blocks)).toContain('*Personnes (2 prêts sur 5)*');
    expect(textOf(caseStatusMessage(makeCase(), fr).blocks)).toContain('Demandé par <@U0REQUEST1> le <!date^');
    expect(buttonTexts(caseStatusMessage(dsar(), fr))).toEqual(['Prolonger le délai', 'Retirer la demande']);
  });

  it('tells the requester of a rejection, a ready export and a failed one in French', () => {
    expect(caseDecidedText(decidedCase('rejected', 'Trop large.'), fr)).toBe(
      `:no_entry_sign: <@U0APPROVE1> a refusé l’export RGPD GX-7K2M9QPA${NBSP}: Trop large. Rien n’a été envoyé à Genesys Cloud. Vous pouvez soumettre une nouvelle demande avec \`/gdpr-export\`.`,
    );
    const c = makeCase();
    expect(subjectReadyMessage(c, 's1', fr).text).toBe('L’export des messages de chat de Person Number 1 (export RGPD GX-7K2M9QPA) est prêt à être téléchargé.');
    expect(buttonTexts(subjectReadyMessage(c, 's1', fr))).toEqual(['Obtenir le lien de téléchargement']);
    expect(textOf(subjectFailedMessage(c, 's3', fr))).toContain(`*Cause${NBSP}:* Genesys Cloud refused`);
    expect(buttonTexts(subjectFailedMessage(c, 's3', fr))).toEqual(['Réessayer']);
  });

  it('says the case finished, counting exports with Intl plurals', () => {
    const done = (n: number) => makeCase({ state: 'completed', subjects: Array.from({ length: n }, (_, i) => subject(i + 1, { state: 'completed' })) });
    expect(caseFinishedMessage(done(1), { timelineEnabled: true }, fr).text).toBe(`Export RGPD GX-7K2M9QPA${NBSP}: tous les exports sont prêts (1 export).`);
    expect(caseFinishedMessage(done(3), { timelineEnabled: true }, fr).text).toBe(`Export RGPD GX-7K2M9QPA${NBSP}: tous les exports sont prêts (3 exports).`);
    expect(buttonTexts(caseFinishedMessage(done(3), { timelineEnabled: true }, fr))).toEqual(['Créer la chronologie de la conversation']);
    expect(caseFinishedMessage(makeCase({ state: 'partly_failed' }), { timelineEnabled: true }, fr).text).toBe(
      `Export RGPD GX-7K2M9QPA terminé${NBSP}: 1 prêt sur 5, 4 en échec.`,
    );
  });
});

describe('deadlines and withdrawal, in French', () => {
  it('the extension dialog cites art. 12(3) and the day to tell the data subject by', () => {
    const view = extendModal(dsar(), fr);
    expect(view).toMatchObject({ title: { text: 'Prolonger le délai RGPD' }, submit: { text: 'Prolonger' }, close: { text: 'Annuler' } });
    expect(textOf(view)).toContain('L’article 12, paragraphe 3, du RGPD');
    expect(textOf(view)).toContain('au plus tard le *1er mai 2025*');
    expect(textsOf(view)).toEqual(expect.arrayContaining(['Un mois supplémentaire', 'Deux mois supplémentaires']));
  });

  it('an extension reads « prolongé de 2 mois, jusqu’au 1er juillet 2025 »', () => {
    const extended = dsar({ extension: { months: 2, reason: 'Demandes nombreuses', by: 'U0REQUEST1', at: '2025-04-20T10:00:00.000Z', dueOn: '2025-07-01', dueAt: '2025-07-01T21:59:59.999Z' } });
    expect(deadlineExtendedText(extended, fr)).toBe(
      `:calendar: Délai prolongé de 2 mois, jusqu’au 1er juillet 2025, par <@U0REQUEST1>${NBSP}: Demandes nombreuses. Si ce n’est pas déjà fait, informez la personne concernée de la prolongation et de ses motifs.`,
    );
  });

  it('the withdrawal dialog and line use the French reasons from the catalog', () => {
    const view = withdrawModal(dsar({ state: 'awaiting_approval' }), fr);
    expect(view).toMatchObject({ title: { text: 'Retirer la demande' }, submit: { text: 'Retirer' } });
    expect(textsOf(view)).toEqual(expect.arrayContaining(['La personne concernée a retiré sa demande', 'Demande faite par erreur', 'Doublon d’une autre demande', 'Autre']));
    expect(textOf(view)).toContain(`Retirer le dossier \`GX-7K2M9QPA\` (référence DSAR-2025-001)${NBSP}?`);
    const withdrawn = dsar({ state: 'withdrawn', withdrawal: { by: 'U0REQUEST1', at: '2025-04-02T10:00:00.000Z', reason: 'duplicate', stage: 'before_approval' } });
    expect(textOf(caseStatusMessage(withdrawn, fr).blocks)).toContain(`Retirée par <@U0REQUEST1> le <!date^`);
    expect(textOf(caseStatusMessage(withdrawn, fr).blocks)).toContain(`${NBSP}: Doublon d’une autre demande`);
    expect(caseWithdrawnText(withdrawn, fr)).toContain('et les approbateurs n’ont plus à se prononcer.');
    expect(caseActions(withdrawn, fr)).toEqual([]);
  });

  it('reminds with the days left in French: « dans 3 jours », « dans 1 jour »', () => {
    expect(deadlineReminderText(dsar(), new Date('2025-04-28T08:00:00.000Z'), fr)).toContain('est attendue pour le 1er mai 2025 (dans 3 jours).');
    expect(deadlineReminderText(dsar(), new Date('2025-04-30T08:00:00.000Z'), fr)).toContain('(dans 1 jour)');
    expect(deadlineReminderText(dsar(), new Date('2025-04-28T08:00:00.000Z'), fr)).toContain('au plus tard le 1er mai 2025.');
    expect(deadlineOverdueText(dsar(), fr)).toContain('était attendue pour le 1er mai 2025');
    expect(deadlineEscalationText(dsar(), fr)).toContain(`a dépassé son délai de réponse RGPD (1er mai 2025) et n’est toujours pas clos${NBSP}: Genesys Cloud prépare les exports.`);
  });
});

describe('the tombstone, in French', () => {
  it('says the record was purged, with a French date', () => {
    const t = purgedCaseTombstone('GX-7K2M9QPA', new Date('2026-05-01T03:00:00.000Z'), fr);
    expect(t.text).toBe('Export RGPD GX-7K2M9QPA — dossier purgé le 2026-05-01.');
    expect(textOf(t.blocks)).toContain('|1er mai 2026>');
    expect(textOf(t.blocks)).toContain('Le journal d’audit conserve qui a fait quoi.');
  });
});

/** every text of a catalog section, each function called with sample params (counts 2, texts "X") */
function sectionTexts(section: unknown): string[] {
  const params = new Proxy({}, { get: (_t, key) => (['people', 'count', 'months', 'ready', 'total', 'failed'].includes(String(key)) ? 2 : key === 'stage' ? undefined : 'X') });
  if (typeof section === 'function') return [String((section as (p: unknown) => unknown)(params))];
  if (typeof section === 'string') return [section];
  return Object.values(section as object).flatMap(sectionTexts);
}

describe('French typography and words', () => {
  it.each([
    ['card', frCard],
    ['status', frStatus],
    ['deadline', frDeadline],
    ['tombstone', frTombstone],
  ])('%s: no plain space before : ; ! ?, typographic apostrophes, RGPD rather than GDPR in prose', (_name, section) => {
    for (const text of sectionTexts(section)) {
      // an emoji (":calendar:") may follow a space; punctuation may not
      expect(text).not.toMatch(/ [;!?]| :(?![a-z_]+:)|« | »/);
      expect(text).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
      expect(text.replace(/\/gdpr-export/g, '')).not.toContain('GDPR');
    }
  });
});

describe('Block Kit limits hold in French', () => {
  const hostile = makeCase();
  const LONG: Array<[string, ExportCase]> = [
    ['awaiting, hostile justification and a very long reference', awaitingCase()],
    ['rejected with a long reason', decidedCase('rejected', `Pas assez de détails <!channel> & ${'x'.repeat(990)}`)],
    ['20 subjects with long names', makeCase({ subjects: Array.from({ length: 20 }, (_, i) => subject(i, { name: `${'Nomtrèslong '.repeat(30)}${i}`, state: 'failed' })) })],
    [
      'extended and withdrawn with long texts',
      dsar({
        caseReference: hostile.caseReference,
        justification: hostile.justification,
        extension: { months: 1, reason: 'r'.repeat(2000), by: 'U0REQUEST1', at: '2025-04-20T10:00:00.000Z', dueOn: '2025-06-01', dueAt: '2025-06-01T21:59:59.999Z' },
        withdrawal: { by: 'U0REQUEST1', at: '2025-04-22T10:00:00.000Z', reason: 'other', note: '<&>'.repeat(700), stage: 'after_submission' },
        state: 'withdrawn',
      }),
    ],
  ];

  it.each(LONG)('%s', (_name, c) => {
    for (const [name, output] of everyFrenchOutput(c)) {
      if (typeof output === 'string') expect(findBlockKitViolations('message', { text: output }), name).toEqual([]);
      else if ((output as { type?: string }).type === 'modal') expect(findBlockKitViolations('modal', output), name).toEqual([]);
      else expect(findBlockKitViolations('message', output as SlackMessage), name).toEqual([]);
    }
    expect(findBlockKitViolations('message', purgedCaseTombstone(c.id, new Date(), fr))).toEqual([]);
  });
});
