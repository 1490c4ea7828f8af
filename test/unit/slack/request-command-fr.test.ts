/**
 * The request form and the `/gdpr-export` replies for a French reader: French words, French dates
 * and plurals from Intl, French typography, Block Kit limits with long inputs. English is covered,
 * unchanged, by views.test.ts, command-parser.test.ts and messages.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../../dev/fake-slack/block-kit-limits.js';
import { CATALOGS, readerFor } from '../../../src/slack/catalog/index.js';
import type { ModalView } from '../../../src/slack/views/block-kit.js';
import * as ids from '../../../src/slack/views/block-kit-ids.js';
import { commandRefusalMessage, subjectProblemsText, type CommandRefusalReason, type SubjectResolutionErrorKind } from '../../../src/slack/messages.js';
import { parseCommandText } from '../../../src/slack/command-parser.js';
import {
  caseDetailMessage,
  checkingRequestView,
  helpText,
  loadingModal,
  mentionedPeopleRefusal,
  notAllowedText,
  progressModal,
  refusalModal,
  requestModal,
  requestSubmittedView,
  statusListMessage,
  statusListText,
  type RequestModalInput,
  type SlackMessage,
} from '../../../src/slack/views/index.js';
import { LEGAL_BASES } from '../../../src/workflow/model.js';
import { awaitingCase, historicCase, makeCase, subject } from './fixtures.js';

const fr = readerFor('fr', 'Europe/Paris');
const NBSP = '\u00a0';

const modalInput = (over: Partial<RequestModalInput> = {}): RequestModalInput => ({
  maxSubjects: 5,
  initialUserIds: ['U01ABCDEF'],
  initialExtraIds: [],
  today: '2025-03-09',
  retentionDays: 365,
  approvers: { required: true, userIds: ['U0APPROVE1', 'S0LEGALTEAM'], channelId: 'C0APPROVALS' },
  privateMetadata: '{}',
  ...over,
});

/** Every string under a `text` key (plain_text or mrkdwn), anywhere in a payload. */
function textsOf(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(textsOf);
  if (typeof x !== 'object' || x === null) return [];
  return Object.entries(x as Record<string, unknown>).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : textsOf(v)));
}
const allText = (x: unknown) => textsOf(x).join('\n');

/** A plain space before : ; ! ? (an emoji code such as `:calendar:` is not punctuation), or inside « ». */
const PLAIN_SPACE_TYPOGRAPHY = / [;!?]| :(?![a-z_+-]+:)|« | »/;

const longModals = (): Array<[string, ModalView]> => [
  ['complete form', requestModal(modalInput({ confirmationRequired: true }), fr)],
  ['loading', requestModal(modalInput({ retentionDays: 'loading', approvers: 'loading' }), fr)],
  ['unknown retention, no approval', requestModal(modalInput({ retentionDays: 'unknown', approvers: { required: false, userIds: [] } }), fr)],
  [
    'many people, many approvers, a long notice',
    requestModal(
      modalInput({
        maxSubjects: 20,
        initialUserIds: Array.from({ length: 30 }, (_, i) => `U${i}ZZZZZZ`),
        initialExtraIds: Array.from({ length: 300 }, (_, i) => `personne${i}@exemple.fr`),
        approvers: { required: true, userIds: Array.from({ length: 200 }, (_, i) => `U${i}APPROVER`), channelId: 'C0APPROVALS' },
        errorsNotice: subjectProblemsText(
          Array.from({ length: 40 }, (_, i) => ({ kind: 'no_email' as const, who: `<@U${i}ABC>` })),
          fr,
        ),
        confirmationRequired: true,
        initial: { legalBasis: 'regulator_or_law_enforcement', caseReference: 'R'.repeat(500), receivedOn: '2025-02-01' },
      }),
      fr,
    ),
  ],
  ['checking', checkingRequestView(fr)],
  ['loading modal', loadingModal(fr)],
  ['submitted, awaiting approval', requestSubmittedView(makeCase({ state: 'awaiting_approval', caseReference: '<&>'.repeat(200) }), { requireApproval: true, approvalChannel: 'C0APPROVALS' }, fr)],
  ['submitted, no approval', requestSubmittedView(makeCase({ state: 'submitting', approval: { required: false, approverIds: [] } }), { requireApproval: false }, fr)],
  ['progress', progressModal(fr.t.request.title(), 'x'.repeat(5000), fr)],
  ['refusal, empty', refusalModal(fr.t.request.title(), '', fr)],
];

describe('French request form', () => {
  it.each(longModals())('%s stays inside Block Kit limits', (_name, view) => {
    expect(findBlockKitViolations('modal', view)).toEqual([]);
  });

  it('keeps titles and buttons within 24 characters and the checkbox within 75', () => {
    const words = CATALOGS.fr.request;
    for (const short of [words.title(), words.submit(), words.cancel(), words.close(), words.done()]) expect(short.length).toBeLessThanOrEqual(24);
    expect(words.title()).toBe('Demande d’export RGPD');
    expect(words.confirmation.option().length).toBeLessThanOrEqual(75);
    expect(words.confirmation.description().length).toBeLessThanOrEqual(75);
  });

  it('speaks French, with the legal bases of the catalog and the same ids', () => {
    const view = requestModal(modalInput({ confirmationRequired: true }), fr);
    expect(view.callback_id).toBe(ids.REQUEST_MODAL);
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual(['Demande d’export RGPD', 'Envoyer la demande', 'Annuler']);
    const select = JSON.stringify(view.blocks.find((b) => b.block_id === ids.LEGAL_BASIS_BLOCK));
    for (const basis of LEGAL_BASES) expect(select).toContain(JSON.stringify(CATALOGS.fr.case.legalBasis[basis]));
    const text = allText(view);
    expect(text).toContain('Personnes dans Slack');
    expect(text).toContain('de la personne concernée reçue aujourd’hui (9 mars 2025)');
    expect(text).toContain('la réponse RGPD est due au plus tard le *9 avril 2025*');
    expect(text).toContain(`Approbation${NBSP}: la demande sera soumise à <@U0APPROVE1> et <!subteam^S0LEGALTEAM> dans <#C0APPROVALS>`);
    expect(text).not.toMatch(PLAIN_SPACE_TYPOGRAPHY);
    expect(text).not.toMatch(/\bGDPR\b/);
  });

  it('writes the first of the month as an ordinal and counts in French', () => {
    const again = allText(requestModal(modalInput({ initial: { receivedOn: '2025-02-01' } }), fr));
    expect(again).toContain('reçue le 1er février 2025');
    expect(again).toContain('*1er mars 2025*');
    expect(allText(requestModal(modalInput({ retentionDays: 1 }), fr))).toContain(`${NBSP}: 1 jour.`);
    expect(allText(requestModal(modalInput({ retentionDays: 1825 }), fr))).toContain(`${NBSP}: 1${'\u202f'}825 jours.`);
    expect(allText(requestModal(modalInput({ maxSubjects: 1 }), fr))).toContain('de 1 personne au maximum');
    const many = allText(requestModal(modalInput({ approvers: { required: true, userIds: Array.from({ length: 40 }, (_, i) => `U${i}APR`) } }), fr));
    expect(many).toContain('et 25 autres personnes avant tout envoi');
    const sixteen = allText(requestModal(modalInput({ approvers: { required: true, userIds: Array.from({ length: 16 }, (_, i) => `U${i}APR`) } }), fr));
    expect(sixteen).toContain('et 1 autre personne avant tout envoi');
  });

  it('says what happens next once submitted, with the deadline in French', () => {
    const c = awaitingCase();
    const text = allText(requestSubmittedView({ ...c, receivedOn: '2025-03-01' }, { requireApproval: true, approvalChannel: 'C0APPROVALS' }, fr));
    expect(text).toContain('*Demande `GX-7K2M9QPA` reçue*');
    expect(text).toContain('Un approbateur a été sollicité dans <#C0APPROVALS>');
    expect(text).toContain('(demande reçue le 1er mars 2025)');
    expect(checkingRequestView(fr).close?.text).toBe('Fermer');
    expect(allText(refusalModal('Lien de téléchargement', '', fr))).toContain('Cette action n’a pas pu être effectuée.');
  });

  it('explains the resolver’s problems in French, bounded under the field', () => {
    const kinds: SubjectResolutionErrorKind[] = ['no_match', 'ambiguous', 'no_email', 'bot', 'deactivated', 'invalid_email', 'invalid_id'];
    for (const kind of kinds) {
      const text = subjectProblemsText([{ kind, who: '<@U1>' }], fr);
      expect(text).toContain('<@U1>');
      expect(text).not.toMatch(PLAIN_SPACE_TYPOGRAPHY);
    }
    expect(subjectProblemsText([{ kind: 'no_match', who: 'ligne 2 <!channel>' }], fr)).toContain('ligne 2 &lt;!channel&gt;');
    expect(subjectProblemsText([{ kind: 'too_many', maxSubjects: 5, named: 7 }], fr)).toBe(
      `5 personnes au maximum par demande${NBSP}: les exports Genesys Cloud visent une personne ou un petit groupe. Vous en avez indiqué 7.`,
    );
    const long = subjectProblemsText(Array.from({ length: 50 }, () => ({ kind: 'ambiguous' as const, who: '<@U1>' })), fr);
    expect(long.length).toBeLessThanOrEqual(1900);
  });
});

describe('French /gdpr-export replies', () => {
  const messageViolations = (m: SlackMessage | { text: string }) => findBlockKitViolations('message', m);

  it('help explains the English commands in French', () => {
    const help = helpText(7, fr);
    expect(help).toContain('(7 au maximum)');
    for (const command of ['`/gdpr-export`', '`/gdpr-export status`', '`/gdpr-export help`', '`/gdpr-export extend GX-7K2M9QPA`', '`/gdpr-export audit-export [jours]`']) {
      expect(help).toContain(command);
    }
    expect(help).toContain('délai de réponse RGPD');
    expect(help).not.toMatch(/\bGDPR\b/);
    expect(help).not.toMatch(PLAIN_SPACE_TYPOGRAPHY);
    expect(messageViolations({ text: help })).toEqual([]);
    expect(notAllowedText(fr)).toContain('GDPR_REQUESTERS');
  });

  it('lists requests in French, with French dates and plurals', () => {
    const open = makeCase({
      receivedOn: '2025-03-01',
      dueAt: '2025-04-01T22:00:00.000Z',
      subjects: [
        subject(1, { state: 'submitted', genesysStatus: 'SEARCHING', lastCheckedAt: '2025-03-10T08:00:00.000Z', nextCheckAt: '2025-03-10T08:30:00.000Z' }),
        subject(2, { state: 'pending' }),
      ],
    });
    const closed = makeCase({ id: 'GX-7K2M9QPC', state: 'completed', receivedAt: '2025-02-01T00:00:00.000Z' });
    const one = statusListMessage([closed, open], fr);
    const text = allText(one.blocks);
    expect(text).toContain(`*Vos demandes d’export RGPD*${NBSP}: 1 demande en cours`);
    expect(text).toContain('échéance 1er avril 2025');
    expect(text).toContain(`exports prêts${NBSP}: 0 sur 2`);
    expect(text).toContain('dernière vérification le <!date^');
    expect(text).toContain('10 mars 2025');
    expect(text).toContain('pas encore de statut de Genesys Cloud, pas encore vérifié');
    expect(text).toContain('*Clôturées*');
    expect(text).not.toMatch(PLAIN_SPACE_TYPOGRAPHY);
    const two = allText(statusListMessage([open, { ...open, id: 'GX-7K2M9QPD' }], fr).blocks);
    expect(two).toContain('2 demandes en cours');
    expect(statusListText([], fr)).toBe('Vous n’avez aucune demande d’export. Tapez `/gdpr-export` pour en créer une.');
  });

  it('stays within Slack’s limits in French however many cases there are', () => {
    const many = Array.from({ length: 200 }, (_, i) => historicCase(i));
    const message = statusListMessage(many, fr);
    expect(messageViolations(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text).toMatch(/…et \d+ demandes plus anciennes\.$/);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('shows one case in full in French', () => {
    const c = makeCase({ receivedOn: '2025-03-01', dueAt: '2025-04-01T22:00:00.000Z' });
    const detail = caseDetailMessage({ ...c, subjects: c.subjects.map((s, i) => (i === 0 ? { ...s, attempts: 3 } : s)) }, fr);
    const text = allText(detail.blocks);
    expect(detail.text).toBe(`Export RGPD GX-7K2M9QPA${NBSP}: ${CATALOGS.fr.case.state[c.state]}.`);
    expect(text).toContain(`*Base légale${NBSP}:* Demande d’accès de la personne concernée`);
    expect(text).toContain(`*Échéance${NBSP}:* Délai de réponse RGPD`);
    expect(text).toContain('1er avril 2025 (demande reçue le 1er mars 2025)');
    expect(text).toContain('· 3e tentative');
    expect(messageViolations(detail)).toEqual([]);
  });

  it('refuses bots, deactivated and unknown people in French', () => {
    const refusal = mentionedPeopleRefusal(
      [
        { id: 'U1', exists: true, isBot: true, deleted: false },
        { id: 'U2', exists: true, isBot: false, deleted: true },
        { id: 'U3', exists: false, isBot: false, deleted: false },
      ],
      fr,
    );
    expect(refusal?.split('\n')).toEqual([
      expect.stringMatching(/^<@U1> est une application ou un bot/),
      expect.stringMatching(/^Le compte Slack de <@U2> est désactivé/),
      expect.stringMatching(/^Le bot ne voit pas <@U3>/),
    ]);
  });

  it.each([
    ['<!here>', 'broadcast'],
    ['<!subteam^S1|@juridique>', 'usergroup'],
    ['<#C1|general>', 'channel'],
    ['<@U1> <@U2> <@U3> <@U4> <@U5> <@U6>', 'too_many'],
    [';', 'nobody_named'],
    ['jeanne@@exemple', 'invalid_email'],
    ['bonjour', 'unknown_token'],
    ['withdraw', 'unknown_token'],
    ['@jeanne', 'unknown_token'],
    ['<https://exemple.fr>', 'unknown_token'],
  ] as const)('words the refusal of %j in French', (text, reason: CommandRefusalReason) => {
    const parsed = parseCommandText(text, { maxSubjects: 5 });
    expect(parsed.kind).toBe('refused');
    if (parsed.kind !== 'refused') return;
    expect(parsed.reason).toBe(reason);
    const message = commandRefusalMessage(parsed.reason, parsed.detail, fr);
    expect(message).not.toMatch(PLAIN_SPACE_TYPOGRAPHY);
    expect(message).not.toBe(commandRefusalMessage(parsed.reason, parsed.detail, readerFor('en')));
    if (reason === 'unknown_token') expect(message).toMatch(/^Je ne reconnais pas `/);
  });

  it('gives the French hint for a case command without its case ID', () => {
    const parsed = parseCommandText('withdraw', { maxSubjects: 5 });
    if (parsed.kind !== 'refused') throw new Error('expected a refusal');
    expect(commandRefusalMessage(parsed.reason, parsed.detail, fr)).toContain(
      `Pour retirer une demande, indiquez l’identifiant du dossier${NBSP}: \`/gdpr-export withdraw GX-7K2M9QPA\`.`,
    );
  });
});
