import { counter, pluralWordIn } from '../reader.js';
import type { ResultsWords } from '../sections/results.js';

const count = counter('fr');
const word = pluralWordIn('fr');
const archives = (n: number) => count(n, { one: 'archive', other: 'archives' });
// the button of the subject's ready message, as the French card names it
const AGAIN = 'appuyez à nouveau sur *Obtenir le lien de téléchargement*';

export const frResults: ResultsWords = {
  linksText: (p) =>
    `${word(p.archives, { one: 'Lien', other: 'Liens' })} de téléchargement de l’export de chat de ${p.name} : ${archives(p.archives)}, chaque lien valable quelques minutes.`,
  linksTitle: () => 'Lien de téléchargement',
  close: () => 'Fermer',
  noArchive: (p) => `Genesys Cloud n’a renvoyé aucune archive pour l’export de ${p.name}. Réessayez dans une minute.`,
  archivesIntro: (p) => `L’export de chat de ${p.name} comporte ${archives(p.archives)} :`,
  someNotListed: () => `Certaines archives n’ont pas pu être listées ici ; ${AGAIN} pour obtenir de nouveaux liens.`,
  personalData: () =>
    'L’archive contient des données personnelles. Traitez-la uniquement selon la base légale enregistrée pour ce dossier, conservez-la à l’emplacement prévu par votre procédure RGPD et supprimez-en les copies locales une fois le travail terminé.',
  archiveLabel: (p) => `Archive ${p.n} sur ${p.total}`,
  linkLine: (p) => `${p.link} : ${p.lifetime}`,
  linkTooLong: (p) => `${p.label} : son lien est trop long pour être affiché dans Slack. Demandez à un administrateur de la télécharger depuis Genesys Cloud.`,
  lifetime: {
    unknown: () => 'valable quelques minutes',
    expired: () => `a déjà expiré : ${AGAIN}`,
    until: (p) => `valable jusqu’à ${p.time}, ${p.about}`,
    lessThanAMinute: () => 'moins d’une minute',
    aboutMinutes: (p) => `environ ${count(p.minutes, { one: 'minute', other: 'minutes' })}`,
    aboutHours: (p) => `environ ${count(p.hours, { one: 'heure', other: 'heures' })}`,
  },
  expired: {
    text: (p) => `L’export de ${p.name} pour le dossier RGPD ${p.caseId} a expiré dans Genesys Cloud. Demandez-le à nouveau pour obtenir un nouvel export.`,
    title: () => 'Export expiré',
    body: (p) =>
      `L’export de ${p.name} (dossier ${p.caseId}) ne peut plus être téléchargé : Genesys Cloud ne conserve les résultats d’export que pendant une durée limitée.`,
    next: () =>
      'Demandez-le à nouveau pour obtenir un nouvel export. La nouvelle demande nécessite une base légale et, si votre espace de travail l’exige, une approbation.',
    requestAgain: () => 'Demander à nouveau',
  },
  actions: {
    askingForLink: () => 'Demande d’un nouveau lien à Genesys Cloud…',
    notAnExport: () => 'Ce bouton ne correspond à aucun export.',
    resubmitting: () => 'Nouvel envoi de cet export à Genesys Cloud. Je vous préviendrai ici dès qu’il sera prêt.',
    notRequester: () => 'Seuls les demandeurs RGPD configurés peuvent demander des exports.',
  },
};
