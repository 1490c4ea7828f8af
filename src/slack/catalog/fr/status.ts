import type { StatusWords } from '../sections/status.js';
import { counter } from '../reader.js';

const count = counter('fr');
const exports = (n: number) => count(n, { one: 'export', other: 'exports' });
/** "1 prêt sur 5", "3 prêts sur 5" */
const readyOf = (ready: number, total: number) => `${count(ready, { one: 'prêt', other: 'prêts' })} sur ${total}`;

export const frStatus: StatusWords = {
  text: (p) => `Export RGPD ${p.id} : ${p.state} (${readyOf(p.ready, p.total)}).`,
  heading: (p) => `*Export RGPD ${p.caseId}*, référence ${p.reference}`,
  peopleLabel: (p) => `Personnes (${readyOf(p.ready, p.total)})`,
  requestedBy: (p) => `Demandé par ${p.requester} le ${p.when}`,
  decided: {
    anApprover: () => 'Un approbateur',
    approved: (p) =>
      `${p.who} a approuvé l’export RGPD ${p.id}. Le bot envoie à Genesys Cloud les demandes d’export pour ${count(p.people, { one: 'personne', other: 'personnes' })} ; vous recevrez ici un message dès que chaque export sera prêt.`,
    rejected: (p) =>
      `${p.who} a refusé l’export RGPD ${p.id} : ${p.reason}. Rien n’a été envoyé à Genesys Cloud. Vous pouvez soumettre une nouvelle demande avec \`/gdpr-export\`.`,
    noReason: () => 'aucun motif donné',
    expired: (p) =>
      `L’export RGPD ${p.id} a expiré : personne ne l’a approuvé ni refusé à temps, si bien que rien n’a été envoyé à Genesys Cloud. Soumettez-le de nouveau avec \`/gdpr-export\` s’il est toujours nécessaire.`,
    other: (p) => `Export RGPD ${p.id} : ${p.state}.`,
  },
  subject: {
    readyText: (p) => `L’export des messages de chat de ${p.subject} (export RGPD ${p.id}) est prêt à être téléchargé.`,
    ready: (p) => `L’export des messages de chat de ${p.subject} (dossier ${p.caseId}) est prêt.`,
    getLinkButton: () => 'Obtenir le lien de téléchargement',
    handleWithCare: (p) =>
      `Chaque lien ne fonctionne que quelques minutes : appuyez sur le bouton au moment de télécharger. L’archive contient des données personnelles ; traitez-la uniquement dans le cadre de la base légale de ce dossier (${p.basis}).`,
    failedText: (p) => `L’export des messages de chat de ${p.subject} (export RGPD ${p.id}) a échoué : ${p.reason}`,
    failed: (p) => `L’export des messages de chat de ${p.subject} (dossier ${p.caseId}) a échoué.\n*Cause :* ${p.reason}`,
    retryButton: () => 'Réessayer',
    retryEffect: () => '« Réessayer » envoie à Genesys Cloud une nouvelle demande d’export pour cette personne uniquement.',
  },
  finished: {
    allReadyText: (p) => `Export RGPD ${p.id} : tous les exports sont prêts (${exports(p.total)}).`,
    allReady: (p) => `Tous les exports du dossier ${p.caseId} sont prêts (${exports(p.total)}). Téléchargez chacun depuis son message dans ce fil.`,
    timelineOffer: () =>
      'Le bot peut fusionner les exports en une seule conversation, dans l’ordre chronologique. Elle ne contient que les messages des personnes concernées par ce dossier.',
    timelineButton: () => 'Créer la chronologie de la conversation',
    noneReady: (p) => `Aucun export du dossier ${p.caseId} n’a abouti : ${count(p.total, { one: 'export', other: 'exports' })} en échec.`,
    someReady: (p) => `Exports du dossier ${p.caseId} : ${readyOf(p.ready, p.total)}, ${p.failed} en échec.`,
    someFailedText: (p) => `Export RGPD ${p.id} terminé : ${readyOf(p.ready, p.total)}, ${p.failed} en échec.`,
    retryAdvice: () =>
      'Utilisez *Réessayer* sur chaque export en échec dans ce fil. La chronologie de la conversation a besoin de tous les exports : elle vous sera proposée une fois qu’ils seront tous prêts.',
  },
};
