import type { RequestWords } from '../sections/request.js';
import { counter } from '../reader.js';

const count = counter('fr');
const RETENTION = 'Seuls les messages compris dans la période de conservation des données de chat de l’organisation sont inclus';
const NO_OTHER_DEADLINE = 'Les autres bases légales n’ont pas de délai RGPD.';

export const frRequest: RequestWords = {
  title: () => 'Demande d’export RGPD',
  submit: () => 'Envoyer la demande',
  cancel: () => 'Annuler',
  close: () => 'Fermer',
  done: () => 'Terminé',
  loading: () => 'Chargement…',
  cannotBeDone: () => 'Cette action n’a pas pu être effectuée.',
  intro: (p) =>
    `Demandez à Genesys Cloud un export du chat Collaborate de ${count(p.maxSubjects, { one: 'personne', other: 'personnes' })} au maximum, dans le cadre d’une demande RGPD ou d’une procédure juridique.`,
  subjects: {
    label: () => 'Personnes dans Slack',
    hint: (p) => `${p.maxSubjects} au maximum. Choisissez chaque participant de la conversation recherchée.`,
    placeholder: () => 'Choisir des personnes',
  },
  otherPeople: {
    label: () => 'Autres personnes',
    hint: () => 'Adresses e-mail ou identifiants utilisateur Genesys, un par ligne, pour les personnes qui ne sont plus dans Slack',
  },
  legalBasis: { label: () => 'Base légale', placeholder: () => 'Choisir la base légale' },
  receivedOn: {
    label: () => 'Date de réception (demande d’accès de la personne concernée)',
    hint: () => 'Le jour où la demande de la personne concernée est parvenue à votre organisation. Le délai de réponse RGPD d’un mois court à partir de cette date.',
    placeholder: () => 'Choisir le jour',
  },
  neededBy: {
    label: () => 'À fournir avant le (autres bases légales)',
    hint: () => 'Uniquement pour une conservation à des fins judiciaires, une enquête ou une autre base légale : le jour où les exports doivent vous être remis.',
    placeholder: () => 'Aucune date',
  },
  caseReference: {
    label: () => 'Référence du dossier',
    hint: () => 'Votre propre référence pour cette demande, par exemple le numéro de ticket ou de dossier.',
  },
  justification: {
    label: () => 'Justification',
    hint: () => 'Pourquoi cet export est nécessaire. L’approbateur et le journal d’audit la voient ; n’y collez aucune donnée personnelle.',
  },
  confirmation: {
    label: () => 'Confirmation',
    option: () => 'Je confirme que cette demande d’export est nécessaire pour ce dossier',
    description: () => 'Aucun approbateur ne la relit : elle part aussitôt vers Genesys Cloud',
    missing: () => 'Cochez la case pour confirmer : aucun approbateur ne relit cette demande.',
  },
  ownMessagesOnly: () =>
    '*Chaque export ne contient que les propres messages de la personne concernée.* Pour une conversation, choisissez chaque participant.',
  retention: {
    loading: () => `${RETENTION} : vérification en cours…`,
    unknown: () => `${RETENTION}. Cette période est inconnue : le bot n’a pas l’autorisation chat:setting:view.`,
    days: (p) => `${RETENTION} : ${count(p.days, { one: 'jour', other: 'jours' })}. Les messages plus anciens sont déjà supprimés.`,
    unreadable: () => `${RETENTION} ; le bot n’a pas pu lire cette période.`,
  },
  genesysDelay: () =>
    'Genesys Cloud peut mettre *plusieurs jours* à préparer les résultats. Vous recevez un message direct dès que l’export de chaque personne est prêt.',
  due: {
    noReceipt: () =>
      `Pour une demande d’accès de la personne concernée, la réponse RGPD est due un mois après le jour de sa réception. ${NO_OTHER_DEADLINE}`,
    dueBy: (p) =>
      `Pour une demande d’accès de la personne concernée ${p.receivedToday ? `reçue aujourd’hui (${p.day})` : `reçue le ${p.day}`}, la réponse RGPD est due au plus tard le *${p.due}*, soit un mois après réception. ${NO_OTHER_DEADLINE}`,
  },
  approval: {
    loading: () => 'Approbation : recherche des personnes qui seront sollicitées…',
    notRequired: () => 'Aucune approbation n’est requise : la demande est transmise dès que vous validez ce formulaire.',
    asked: (p) => {
      const where = p.where ? ` dans ${p.where}` : '';
      return `Approbation : la demande sera soumise à ${p.who ?? 'un approbateur'}${where} avant tout envoi à Genesys Cloud.`;
    },
    more: (p) => count(p.n, { one: 'autre personne', other: 'autres personnes' }),
  },
  checking: () =>
    'Vérification auprès de Genesys Cloud des personnes que vous avez indiquées. Cela prend généralement quelques secondes ; vous pouvez fermer cette fenêtre, le bot vous enverra un message avec le résultat.',
  submitted: {
    received: (p) => `*Demande ${p.id} reçue* (référence ${p.reference}).`,
    awaitingApproval: (p) =>
      `Un approbateur a été sollicité${p.where ? ` dans ${p.where}` : ''}. Rien n’est envoyé à Genesys Cloud avant une approbation.`,
    noApprovalNeeded: () => 'Aucune approbation n’était requise : les exports sont en cours d’envoi à Genesys Cloud.',
    progressByDm: () => 'Le bot vous enverra un message direct sur l’avancement de l’export de chaque personne.',
  },
};
