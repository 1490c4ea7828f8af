import type { DeadlineWords } from '../sections/deadline.js';

const months = (n: number) => (n === 1 ? 'un mois' : `${n} mois`);

export const frDeadline: DeadlineWords = {
  cancel: () => 'Annuler',
  noSuchCase: (p) => `Il n’existe aucune demande d’export ${p.caseId}.`,
  extendTitle: () => 'Prolonger le délai RGPD',
  extendSubmit: () => 'Prolonger',
  extendIntro: (p) => `Dossier ${p.caseId} (référence ${p.reference}). ${p.deadline ?? ''}`,
  extendRule: (p) =>
    `L’article 12, paragraphe 3, du RGPD permet de prolonger *une seule fois* le délai de réponse de deux mois au plus, compte tenu de la complexité et du nombre de demandes. Vous devez informer la personne concernée de cette prolongation et de ses motifs ${p.notifyBy ? `au plus tard le *${p.notifyBy}*` : 'avant la date d’échéance'}.`,
  extendByLabel: () => 'Prolonger de',
  choose: () => 'Choisir',
  oneMonth: () => 'Un mois supplémentaire',
  twoMonths: () => 'Deux mois supplémentaires',
  reasonLabel: () => 'Motif',
  extendReasonHint: () =>
    'Pourquoi un délai supplémentaire est nécessaire : la personne concernée doit en être informée. Les approbateurs voient ce motif ; le journal d’audit n’enregistre que la prolongation.',
  extendReasonRequired: () => 'Indiquez le motif de la prolongation : la personne concernée doit en être informée.',
  extensionLine: (p) => `Délai prolongé de ${months(p.months)}, jusqu’au ${p.day}, par ${p.by} : ${p.reason}`,
  extendedFallback: (p) => `Le délai du dossier ${p.id} a été prolongé`,
  tellDataSubject: () => 'Si ce n’est pas déjà fait, informez la personne concernée de la prolongation et de ses motifs.',
  extendButton: () => 'Prolonger le délai',
  withdrawButton: () => 'Retirer la demande',
  withdrawalReason: {
    subject_withdrew: 'La personne concernée a retiré sa demande',
    made_in_error: 'Demande faite par erreur',
    duplicate: 'Doublon d’une autre demande',
    other: 'Autre',
  },
  withdrawalConsequence: {
    before_approval: () =>
      'Rien n’a été envoyé à Genesys Cloud. Les cartes d’approbation indiqueront que la demande a été retirée, et rien ne sera envoyé.',
    before_submission: () => 'Rien n’a encore été envoyé à Genesys Cloud, et rien ne le sera.',
    after_submission: () =>
      '*Genesys Cloud ne peut pas annuler un export déjà lancé.* Il peut encore aboutir de son côté, mais le bot cessera de le suivre et n’en récupérera pas les résultats.',
  },
  withdrawTitle: () => 'Retirer la demande',
  withdrawSubmit: () => 'Retirer',
  withdrawQuestion: (p) => `Retirer le dossier ${p.caseId} (référence ${p.reference}) ?`,
  whyLabel: () => 'Motif',
  whyHint: () => 'Enregistré dans le journal d’audit avec votre nom.',
  noteLabel: () => 'Note',
  withdrawNoteHint: () => 'Conservée avec le dossier et visible des approbateurs ; non inscrite au journal d’audit.',
  withdrawalLine: (p) => `Retirée par ${p.by} le ${p.when} : ${p.reason}${p.note ? `. Note : ${p.note}` : ''}`,
  withdrawn: (p) =>
    p.stage === 'after_submission'
      ? `La demande ${p.id} est retirée. Genesys Cloud ne peut pas annuler un export déjà lancé : il peut donc encore aboutir de son côté ; le bot a cessé de le suivre et n’en récupérera pas les résultats.`
      : `La demande ${p.id} est retirée. Rien n’a été envoyé à Genesys Cloud${p.stage === 'before_approval' ? ', et les approbateurs n’ont plus à se prononcer' : ''}.`,
  reminder: (p) =>
    `Rappel : la réponse RGPD à la demande ${p.id} (référence ${p.reference}) est attendue ${p.due ? `pour le ${p.due}` : 'prochainement'}.${
      p.extendBy
        ? ` S’il vous faut plus de temps, utilisez *Prolonger le délai* sur le message de suivi (ou \`/gdpr-export extend ${p.id}\`) : la personne concernée doit être informée de la prolongation et de ses motifs au plus tard le ${p.extendBy}.`
        : ''
    }`,
  overdue: (p) =>
    `La réponse RGPD à la demande ${p.id} (référence ${p.reference}) était attendue ${p.due ? `pour le ${p.due}` : 'plus tôt'} : elle est désormais en retard. Les approbateurs ont été prévenus.`,
  escalation: (p) =>
    `L’export RGPD ${p.id} demandé par ${p.requester} (référence ${p.reference}) a dépassé son délai de réponse RGPD${p.due ? ` (${p.due})` : ''} et n’est toujours pas clos : ${p.state}.`,
};
