import type { OversightWords } from '../sections/oversight.js';
import { counter } from '../reader.js';

const count = counter('fr');
const days = { one: 'jour', other: 'jours' };
const entries = { one: 'entrée', other: 'entrées' };

export const frOversight: OversightWords = {
  filter: {
    mine: 'Mes demandes',
    all: 'Toutes les demandes',
    open: 'Demandes en cours',
    overdue: 'Demandes en retard',
  },
  title: () => 'Supervision (lecture seule)',
  filterPlaceholder: () => 'Afficher',
  exportButton: (p) => `Exporter le journal d’audit (${count(p.days, days)})`,
  overdueGroup: () => 'En retard',
  openGroup: () => 'En cours',
  recentGroup: (p) => `Terminées depuis moins de ${count(p.days, days)}`,
  noneOverdue: () => 'Aucune demande n’a dépassé son délai de réponse RGPD.',
  none: () => 'Aucune.',
  caseHeadline: (p) => `${p.id} · ${p.reference} · demande de ${p.requester}`,
  moreOnHome: (p) =>
    `…et ${count(p.count, { one: 'autre', other: 'autres' })}. Pour les voir, tapez \`/gdpr-export cases overdue\`, \`open\` ou \`GX-…\`.`,
  moreInText: () => '…et d’autres encore : affinez avec `/gdpr-export cases overdue` ou `open`, ou ouvrez l’onglet Accueil de l’application.',
  truncatedOnHome: (p) => `Seules les ${p.limit} demandes les plus récentes ont été lues ; les plus anciennes ne sont pas affichées.`,
  truncatedInText: (p) => `Seules les ${p.limit} demandes les plus récentes ont été lues.`,
  // Slack may write either date as « aujourd’hui à 14:05 »: a dash reads well with every form
  auditComment: (p) =>
    `Journal d’audit sur ${count(p.days, days)} (${p.since} – ${p.until}) : ${count(p.entries, entries)}. ` +
    'Il ne contient que des identifiants et des actions, ni texte de message ni justification.',
  auditSent: (p) => `Je vous ai envoyé l’export d’audit (${count(p.entries, entries)}) en message direct.`,
  auditFileTitle: (p) => `Journal d’audit des exports RGPD sur ${count(p.days, days)}`,
};
