import type { CaseWords } from '../sections/case.js';
import { counter } from '../reader.js';

const count = counter('fr');

export const frCase: CaseWords = {
  state: {
    awaiting_approval: 'En attente d’approbation',
    rejected: 'Refusée',
    approval_expired: 'Expirée sans décision',
    approved: 'Approuvée, lancement des exports',
    submitting: 'Envoi des exports à Genesys Cloud',
    in_progress: 'Genesys Cloud prépare les exports',
    completed: 'Tous les exports sont prêts',
    partly_failed: 'Certains exports ont échoué',
    failed: 'Échec',
    withdrawn: 'Retirée par le demandeur',
  },
  legalBasis: {
    data_subject_access_request: 'Demande d’accès de la personne concernée',
    legal_hold: 'Conservation à des fins judiciaires ou contentieux',
    regulator_or_law_enforcement: 'Demande d’une autorité de contrôle ou judiciaire',
    internal_investigation: 'Enquête interne',
    other: 'Autre',
  },
  unknownLegalBasis: () => 'Base légale inconnue',
  noReference: () => '(aucune)',
  genesysUser: (p) => `utilisateur Genesys ${p.id}`,
  unnamedForApprover: (p) =>
    `utilisateur Genesys ${p.id} (son nom n’a pas pu être trouvé dans Genesys Cloud : vérifiez cet identifiant avant d’approuver)`,
  progress: {
    pending: () => 'en attente d’envoi à Genesys Cloud',
    submitting: () => 'en cours d’envoi à Genesys Cloud',
    submitted: (p) => `Genesys Cloud le prépare${p.status ? ` (${p.status})` : ''}`,
    completed: (p) => `prêt${p.since ? ` depuis le ${p.since}` : ''}`,
    failed: (p) => `échec : ${p.reason}`,
    unknown: () => 'état inconnu',
  },
  noFailureReason: () => 'Genesys Cloud a signalé une erreur sans en donner la raison',
  decision: {
    anApprover: () => 'un approbateur',
    approved: (p) => `Approuvée par ${p.by} le ${p.when}${p.note ? `. Note : ${p.note}` : ''}`,
    rejected: (p) => `Refusée par ${p.by} : ${p.note ?? 'aucun motif donné'}`,
    expired: (p) => `Expirée sans décision le ${p.when}`,
    notNeeded: () => 'Aucune approbation n’était requise',
  },
  deadline: {
    neededByLine: (p) => `À fournir avant le ${p.day}`,
    gdprDueLine: (p) =>
      `Délai de réponse RGPD : ${p.due}${p.months ? `, prolongé de ${p.months === 1 ? 'un mois' : `${p.months} mois`}` : ''} (${p.receipt})`,
    received: (p) => `demande reçue le ${p.day}`,
    receiptNotRecorded: () => 'date de réception non enregistrée : délai compté depuis la création du dossier',
    neededByField: (p) => `*À fournir avant le*\n${p.day}`,
    receivedField: (p) => `*Demande reçue le*\n${p.day ?? 'Non enregistrée (dossier créé avant que la date de réception soit demandée)'}`,
    dueField: (p) => `*Délai de réponse RGPD*\n${p.due}${p.extendedFrom ? ` (initialement le ${p.extendedFrom})` : ''}`,
    dueSuffix: (p) => ` · échéance ${p.words}`,
    neededBySuffix: (p) => ` · à fournir avant le ${p.words}`,
    overdue: (p) => `${p.date} (:warning: en retard)`,
    dueToday: (p) => `${p.date} (aujourd’hui)`,
    dueInDays: (p) => `${p.date} (dans ${count(p.days, { one: 'jour', other: 'jours' })})`,
  },
};
