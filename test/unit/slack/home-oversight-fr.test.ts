/**
 * The Home tab, the auditors' listing and the audit export in French: French words, French dates,
 * plurals chosen by Intl (French says « 0 entrée », English "0 entries"), French typography, and
 * Block Kit limits that hold with the longer French words.
 */
import { describe, expect, it, vi } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { CATALOGS, readerFor } from '../../../src/slack/catalog/index.js';
import { auditExportComment, auditExportFileTitle, auditExportSentText, caseListText, homeView } from '../../../src/slack/views/index.js';
import { publishHome } from '../../../src/slack/listeners/events/app-home.js';
import { sendAuditExport } from '../../../src/slack/listeners/oversight.js';
import type { ListenerDeps } from '../../../src/slack/listeners/context.js';
import { CASE_LIST_FILTERS, type CaseListing } from '../../../src/workflow/oversight.js';
import type { ExportCase } from '../../../src/workflow/model.js';
import { LONG_REFERENCE, NOW, awaitingCase, historicCase, makeCase } from './fixtures.js';

const FR = readerFor('fr', 'Europe/Paris');
const EN = readerFor('en');
const many = (n: number) => Array.from({ length: n }, (_, i) => historicCase(i + 1));
const json = (x: unknown) => JSON.stringify(x);
/** a plain space before : ; ! ? (an emoji code such as " :warning:" is not punctuation) */
const PLAIN_SPACE_BEFORE_PUNCTUATION = / [:;!?](?=\s|$)/m;

const requesterHome = (cases: ExportCase[]) => homeView({ myCases: cases, awaitingMyApproval: [], isRequester: true, isApprover: false, now: NOW }, FR);

describe('the Home tab in French', () => {
  it('shows a requester their cases in French, with French dates and plurals', () => {
    const soon = makeCase({ id: 'GX-7K2M9QPC', dueAt: '2025-03-13T09:30:00.000Z' });
    const text = json(requesterHome([makeCase(), soon]));
    expect(text).toContain('Exports de chat RGPD');
    expect(text).toContain('"text":"Nouvelle demande"');
    expect(text).toContain('Mes demandes');
    expect(text).toContain(':arrows_counterclockwise: Genesys Cloud prépare les exports · exports prêts\u00a0: 1 personne sur 5 · échéance ');
    expect(text).toContain('|1er avril 2025>');
    expect(text).toContain('|13 mars 2025> (dans 3 jours)');
    expect(text).not.toMatch(/ of 5 people|reference |My requests|New request/);
  });

  it('says when a requester has no request yet, naming the French button', () => {
    const text = json(requesterHome([]));
    expect(text).toContain('Vous n’avez encore fait aucune demande d’export. Appuyez sur *Nouvelle demande*');
  });

  it('shows an approver what waits, with French buttons and the expiry in their language', () => {
    const view = homeView({ myCases: [], awaitingMyApproval: [awaitingCase()], isRequester: false, isApprover: true, now: NOW }, FR);
    const text = json(view);
    expect(text).toContain('En attente de mon approbation');
    expect(text).toContain('· demande de <@U0REQUEST1>, référence ');
    expect(text).toContain('5 personnes · Demande d’accès de la personne concernée');
    expect(text).toContain('· expiration\u00a0: <!date^1741076100^{date_short} à {time}|4 mars 2025, 09:15 UTC+1>');
    expect(text).toContain('"text":"Approuver"');
    expect(text).toContain('"text":"Refuser"');
    const idle = homeView({ myCases: [], awaitingMyApproval: [], isRequester: false, isApprover: true, now: NOW }, FR);
    expect(json(idle)).toContain('Aucune demande n’attend votre approbation.');
  });

  it('welcomes someone without a role in French', () => {
    const view = homeView({ myCases: [], awaitingMyApproval: [], isRequester: false, isApprover: false, now: NOW }, FR);
    expect(json(view)).toContain('Vous ne figurez ni parmi ses demandeurs ni parmi ses approbateurs.');
  });

  it('counts what is left over with French plurals', () => {
    const text = json(homeView({ myCases: many(41), awaitingMyApproval: many(22), isRequester: true, isApprover: true, now: NOW }, FR));
    expect(text).toContain('…et 1 autre\u00a0: tapez `/gdpr-export status` pour les voir.');
    expect(text).toContain('…et 2 autres demandes en attente.');
  });
});

describe('the auditors’ listing in French', () => {
  const overdue = makeCase({ id: 'GX-OVERDUE1', state: 'in_progress', dueAt: '2025-03-01T00:00:00.000Z' });
  const open = makeCase({ id: 'GX-OPEN0001', state: 'in_progress', dueAt: '2025-04-01T00:00:00.000Z' });
  const done = makeCase({ id: 'GX-DONE0001', state: 'completed', finishedAt: '2025-03-09T00:00:00.000Z', dueAt: '2025-03-01T00:00:00.000Z' });

  it('groups all cases under French headings, with French empty states', () => {
    const text = caseListText({ filter: 'all', cases: [overdue, open, done], truncated: false }, NOW, FR);
    for (const heading of ['*En retard* (1)', '*En cours* (1)', '*Terminées depuis moins de 30 jours* (1)']) expect(text).toContain(heading);
    expect(text).toContain('· demande de <@U0REQUEST1> · :arrows_counterclockwise: Genesys Cloud prépare les exports');
    expect(text).toContain(':warning: en retard');
    const empty = caseListText({ filter: 'overdue', cases: [], truncated: true }, NOW, FR);
    expect(empty).toContain('*Demandes en retard* (0)');
    expect(empty).toContain(':white_check_mark: Aucune demande n’a dépassé son délai de réponse RGPD.');
    // Intl writes French thousands with a narrow no-break space
    expect(empty).toContain('_Seules les 1\u202f000 demandes les plus récentes ont été lues._');
    expect(caseListText({ filter: 'open', cases: [], truncated: false }, NOW, FR)).toContain('Aucune.');
  });

  it('offers French filters and a French export button on the Home tab', () => {
    const view = homeView({ myCases: [], awaitingMyApproval: [], isRequester: false, isApprover: false, now: NOW, oversight: { filter: 'overdue', cases: [], truncated: false } }, FR);
    const text = json(view);
    expect(text).toContain('Supervision (lecture seule)');
    for (const label of ['Toutes les demandes', 'Demandes en retard', 'Demandes en cours', 'Mes demandes']) expect(text).toContain(`"text":"${label}"`);
    expect(text).toContain('"text":"Exporter le journal d’audit (30 jours)"');
    expect(text).toContain('"value":"overdue"');
  });

  it('cuts a long French listing to one message', () => {
    const text = caseListText({ filter: 'open', cases: many(300), truncated: false }, NOW, FR);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toContain('…et d’autres encore\u00a0: affinez avec `/gdpr-export cases overdue`');
  });
});

describe('plurals through Intl, 0 and 1 included', () => {
  it('writes audit entries and days in each language’s forms', () => {
    expect([0, 1, 2].map((n) => auditExportSentText(n, FR))).toEqual([
      'Je vous ai envoyé l’export d’audit (0 entrée) en message direct.',
      'Je vous ai envoyé l’export d’audit (1 entrée) en message direct.',
      'Je vous ai envoyé l’export d’audit (2 entrées) en message direct.',
    ]);
    expect([0, 1, 2].map((n) => auditExportSentText(n, EN))).toEqual([
      'I sent the audit export (0 entries) to our direct messages.',
      'I sent the audit export (1 entry) to our direct messages.',
      'I sent the audit export (2 entries) to our direct messages.',
    ]);
    expect(auditExportFileTitle(1, FR)).toBe('Journal d’audit des exports RGPD sur 1 jour');
    expect(auditExportFileTitle(7, FR)).toBe('Journal d’audit des exports RGPD sur 7 jours');
    expect(auditExportFileTitle(7, EN)).toBe('GDPR export audit trail, last 7 days');
  });

  it('counts subjects ready and people from 0', () => {
    const none = makeCase({ subjects: makeCase().subjects.map((s) => ({ ...s, state: 'pending' as const })) });
    const one = makeCase({ subjects: makeCase().subjects.slice(0, 1) });
    const text = json(requesterHome([none, { ...one, id: 'GX-7K2M9QPD' }]));
    expect(text).toContain('exports prêts\u00a0: 0 personne sur 5');
    expect(text).toContain('exports prêts\u00a0: 1 personne sur 1');
    const approver = json(homeView({ myCases: [], awaitingMyApproval: [{ ...awaitingCase(), subjects: one.subjects }], isRequester: false, isApprover: true, now: NOW }, FR));
    expect(approver).toContain('\\n1 personne · ');
  });

  it('words the audit comment in French around Slack dates written for the reader', () => {
    const since = new Date('2025-03-03T09:30:00.000Z');
    const comment = auditExportComment({ entries: 1, days: 7, since, until: NOW }, FR);
    expect(comment).toMatch(/^Journal d’audit sur 7 jours \(<!date\^\d+\^\{date_short\} à \{time\}\|3 mars 2025, 10:30 UTC\+1> – <!date/);
    expect(comment).toContain(')\u00a0: 1 entrée. Il ne contient que des identifiants et des actions');
  });
});

describe('French typography and Block Kit limits', () => {
  const fullHome = (listing: CaseListing) =>
    homeView(
      {
        myCases: many(60),
        awaitingMyApproval: Array.from({ length: 30 }, (_, i) => awaitingCase({ id: `GX-A${String(i).padStart(7, '0')}`, caseReference: LONG_REFERENCE })),
        isRequester: true,
        isApprover: true,
        now: NOW,
        oversight: listing,
      },
      FR,
    );

  it('keeps a full French Home tab within Slack’s limits, whatever the filter', () => {
    for (const filter of CASE_LIST_FILTERS) {
      const view = fullHome({ filter, cases: many(200), truncated: true });
      expect(findBlockKitViolations('home', view)).toEqual([]);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
    }
    expect(findBlockKitViolations('home', homeView({ myCases: many(200), awaitingMyApproval: many(200), isRequester: true, isApprover: true, now: NOW }, FR))).toEqual([]);
  });

  it('puts a no-break space before French high punctuation', () => {
    const texts = [
      json(fullHome({ filter: 'all', cases: many(40), truncated: true })),
      caseListText({ filter: 'all', cases: many(40), truncated: true }, NOW, FR),
      auditExportComment({ entries: 3, days: 30, since: NOW, until: NOW }, FR),
      CATALOGS.fr.workspace.otherWorkspace(),
    ];
    for (const text of texts) expect(text).not.toMatch(PLAIN_SPACE_BEFORE_PUNCTUATION);
    expect(CATALOGS.fr.workspace.refusalTitle().length).toBeLessThanOrEqual(24);
  });
});

describe('listeners use the reader of the person who reads', () => {
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };

  it('publishes the Home tab in the person’s own language', async () => {
    const forUser = vi.fn(async () => FR);
    const deps = {
      workflow: {
        homeFor: async () => ({ isRequester: true, isApprover: false, myCases: [makeCase()], awaitingMyApproval: [] }),
        canOversee: async () => false,
      },
      readers: { forUser, forChannel: () => EN },
      clock: { now: () => NOW },
      logger,
    } as unknown as ListenerDeps;
    const publish = vi.fn(async () => ({ ok: true }));
    await publishHome({ views: { publish } } as never, deps, 'U0REQUEST1');
    expect(forUser).toHaveBeenCalledWith('U0REQUEST1');
    expect(json(publish.mock.calls[0])).toContain('Mes demandes');
  });

  it('sends the audit export with French words around an unchanged CSV', async () => {
    const csv = 'at,actor,action\n2025-03-10T09:30:00.000Z,U0AUDITOR,approved\n';
    const deps = {
      workflow: { exportAuditFor: async () => ({ ok: true, value: { csv, entries: 1, since: new Date('2025-03-03T09:30:00.000Z'), until: NOW } }) },
      logger,
    } as unknown as ListenerDeps;
    const filesUploadV2 = vi.fn(async () => ({ ok: true }));
    const client = { conversations: { open: async () => ({ channel: { id: 'D0AUDIT' } }) }, filesUploadV2 } as never;
    const reply = await sendAuditExport(client, deps, { userId: 'U0AUDITOR', reader: FR, days: 7 });
    expect(reply).toBe('Je vous ai envoyé l’export d’audit (1 entrée) en message direct.');
    const upload = (filesUploadV2.mock.calls[0] as unknown as [{ initial_comment: string; file_uploads: Array<{ file: Buffer; filename: string; title: string }> }])[0];
    expect(upload.initial_comment).toMatch(/^Journal d’audit sur 7 jours/);
    expect(upload.file_uploads[0]!.title).toBe('Journal d’audit des exports RGPD sur 7 jours');
    expect(upload.file_uploads[0]!.filename).toBe('gdpr-export-audit-2025-03-10-7d.csv');
    expect(upload.file_uploads[0]!.file.toString('utf8')).toBe(csv);
  });
});
