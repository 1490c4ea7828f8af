import type { CardWords } from '../sections/card.js';
import { counter } from '../reader.js';

const count = counter('fr');
const people = (n: number) => count(n, { one: 'personne', other: 'personnes' });

export const frCard: CardWords = {
  header: (p) => `Approbation d’un export RGPD : ${p.id}`,
  intro: (p) => `${p.requester} demande l’export des messages de chat Genesys Cloud de ${people(p.people)} (dossier ${p.caseId}).`,
  legalBasisField: (p) => `*Base légale*\n${p.basis}`,
  referenceField: (p) => `*Référence du dossier*\n${p.reference}`,
  expiresField: (p) => `*Date limite d’approbation*\n${p.when}`,
  peopleLabel: () => 'Personnes concernées',
  justificationLabel: () => 'Justification',
  beforeDeciding: () =>
    'Chaque export ne contient que les messages Collaborate de la personne concernée, dans la limite de la période de conservation des données de chat. Rien n’est envoyé à Genesys Cloud avant l’approbation.',
  approveButton: () => 'Approuver',
  rejectButton: () => 'Refuser',
  awaitingText: (p) => `Export RGPD ${p.id} demandé par ${p.requester} (${people(p.people)}, ${p.basis}) : en attente de votre approbation.`,
  decidedText: (p) => `Export RGPD ${p.id} demandé par ${p.requester} (${people(p.people)}, ${p.basis}) : ${p.outcome}.`,
  reminder: (p) =>
    `Rappel : l’export RGPD ${p.id} demandé par ${p.requester} attend toujours une approbation.${
      p.expiry ? ` Sans décision, la demande expirera (${p.expiry}) et le demandeur devra la soumettre de nouveau.` : ''
    }`,
  summary: (p) =>
    `Dossier ${p.caseId} (référence ${p.reference}) de ${p.requester} : ${people(p.people)} (${p.names}), ${p.basis}. ${p.deadline ?? 'Aucun délai de réponse RGPD'}.`,
  moreNames: (p) => count(p.count, { one: 'autre', other: 'autres' }),
  cancel: () => 'Annuler',
  approveTitle: () => 'Approuver l’export',
  approveSubmit: () => 'Approuver',
  approveEffect: () => 'L’approbation envoie immédiatement à Genesys Cloud une demande d’export RGPD par personne.',
  noteLabel: () => 'Note pour le demandeur et le journal d’audit',
  rejectTitle: () => 'Refuser l’export',
  rejectSubmit: () => 'Refuser',
  reasonLabel: () => 'Motif',
  reasonHint: () => 'Le demandeur verra ce motif : indiquez ce qui rendrait la demande recevable.',
  rejectEffect: () => 'Rien n’est envoyé à Genesys Cloud. Le demandeur peut soumettre une nouvelle demande.',
  alreadyDecided: (p) => `Une décision a déjà été prise sur le dossier ${p.id}.`,
  reasonRequired: () => 'Indiquez le motif du refus : le demandeur le verra.',
};
