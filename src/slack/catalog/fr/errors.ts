/**
 * French words for what fails outside the workflow's rules: Genesys Cloud, a subject's export, the
 * bot itself, a conversation timeline. All are mrkdwn, safe to post as they are.
 */
import { inlineCode } from '../../views/format.js';
import type { Catalog, GenesysAdviceParams } from '../catalog.js';
import { byOperation, capitalise, subjectFailureWords, timelineErrorWords } from '../error-sentences.js';

const DOCTOR = 'un administrateur doit exécuter `npm run doctor`';
const numbers = new Intl.NumberFormat('fr-FR');
const tenths = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Genesys's correlation id helps their support; it holds no personal data. */
function supportReference(p: GenesysAdviceParams): string {
  return p.reference ? ` Référence pour le support Genesys : ${inlineCode(p.reference, 80)}.` : '';
}

const busy = () => 'Genesys Cloud est surchargé ou indisponible pour le moment ; réessayez dans une minute.';

export const frGenesysError: Catalog['genesysError'] = {
  auth_failed: () =>
    `Le bot n’a pas pu se connecter à Genesys Cloud : rien n’a été envoyé. ${capitalise(DOCTOR)} pour vérifier le client OAuth et la région.`,
  permission_missing: (p) =>
    p.permission
      ? `Il manque au rôle Genesys Cloud du bot l’autorisation ${inlineCode(p.permission, 80)} : cette étape n’a donc pas pu s’exécuter. Un administrateur doit l’ajouter au rôle du client OAuth ; \`npm run doctor\` le confirme ensuite.`
      : `Il manque au rôle Genesys Cloud du bot une autorisation nécessaire à cette étape : elle n’a donc pas pu s’exécuter. ${capitalise(DOCTOR)} pour savoir laquelle.`,
  rate_limited: busy,
  unavailable: busy,
  not_found: (p) =>
    byOperation(p.operation, {
      create_export: 'Genesys Cloud n’a pas trouvé cette personne : vérifiez qu’elle existe toujours dans Genesys Cloud.',
      export_status: 'La demande d’export n’existe plus dans Genesys Cloud : elle a peut-être expiré ou été supprimée.',
      other:
        'Genesys Cloud ne dispose plus de cet élément : l’export a peut-être expiré ou été supprimé. Refaites la demande si vous en avez encore besoin.',
    }),
  bad_request: (p) =>
    byOperation(p.operation, {
      create_export: `Genesys Cloud a rejeté la demande d’export comme non valide ; la personne n’existe peut-être plus dans Genesys Cloud, vérifiez-le.${supportReference(p)}`,
      other: `Genesys Cloud a rejeté la requête comme non valide : rien n’a été modifié.${supportReference(p)} Si cela se reproduit, ${DOCTOR} et consulter le journal du bot.`,
    }),
  unexpected_response: (p) =>
    `Genesys Cloud a envoyé une réponse que le bot n’a pas comprise : il s’est arrêté plutôt que de deviner.${supportReference(p)} Réessayez dans quelques minutes ; si le problème persiste, ${DOCTOR} et consulter le journal du bot.`,
};

export const frSubjectFailure = subjectFailureWords(frGenesysError, {
  retrying: () => 'Genesys Cloud n’a pas répondu correctement ; le bot réessaie de lui-même.',
  exportError: () =>
    'L’export Genesys s’est terminé en ERROR. Genesys Cloud n’en donne pas la raison ; cliquez sur Réessayer pour le redemander, et contactez le support Genesys en cas de nouvel échec.',
  unknownCode: () => 'Genesys Cloud a signalé une erreur sans en donner la raison. Cliquez sur Réessayer ; en cas de nouvel échec, contactez un administrateur.',
  thenRetry: {
    submit: () => 'Cliquez ensuite sur Réessayer.',
    poll: () => 'Cliquez sur Réessayer pour demander un nouvel export.',
  },
});

export const frStoreUnavailable = () =>
  'Le bot est temporairement indisponible (sa base de données ne répond pas). Rien n’a été enregistré ; réessayez dans une minute.';

export const frUnexpected = () =>
  'Une erreur interne au bot a empêché de mener à bien cette opération. Réessayez ; si le problème persiste, prévenez l’administrateur du bot (le détail figure dans son journal).';

const NO_TIMELINE = 'Aucune chronologie n’a été fournie.';

export const frTimelineError = timelineErrorWords({
  notDelivered: (w) =>
    w ? ` Aucune chronologie n’a été fournie (export ${w.subject} sur ${w.subjects}, archive ${w.archive} sur ${w.archives}).` : ` ${NO_TIMELINE}`,
  corruptArchive: (p) =>
    `L’archive est endommagée ou incomplète et ne peut pas être lue.${p.notDelivered} Réessayez ; si l’échec persiste, refaites la demande d’export.`,
  invalidRange: () => 'La période n’est pas valide : vérifiez les deux dates, et que la date de début précède la date de fin.',
  linksRefused: (p) => `Je n’ai pas pu générer la chronologie : ${p.refusal ?? 'les liens de téléchargement ont été refusés.'}`,
  archiveMissing: () => 'Genesys Cloud a renvoyé moins d’archives que l’export n’en annonçait ; réessayez.',
  downloadFailed: (p) =>
    p.status === undefined ? 'Le téléchargement de l’archive a échoué : erreur réseau.' : `Le téléchargement de l’archive a été refusé (HTTP ${p.status}).`,
  afterDownload: {
    expired: () => 'L’export a peut-être expiré : refaites la demande.',
    later: () => 'Réessayez dans quelques minutes.',
  },
  entryTooLarge: (p) => {
    const size = p.max === undefined ? 'la limite autorisée' : `la limite de ${numbers.format(p.max)} octets`;
    return `Un fichier de chat de l’archive dépasse ${size}.${p.notDelivered} Choisissez une période plus courte, ou téléchargez plutôt les exports un par un.`;
  },
  overLimit: ({ limit, max, setting, where }) => {
    const archive = where ? `l’archive ${where.archive} sur ${where.archives} de l’export ${where.subject} sur ${where.subjects}` : 'une archive';
    const what = {
      archive_bytes: `${capitalise(archive)} dépasse ${max}`,
      uncompressed_bytes: `Les exports contiennent plus de ${max} de texte de chat`,
      archive_entries: `${capitalise(archive)} contient plus de ${max} fichiers`,
      messages: `La chronologie contiendrait plus de ${max} messages`,
    }[limit];
    const narrow =
      limit === 'messages'
        ? 'Générez-la de nouveau sur une période plus courte (elle ne retient que les messages compris dans la période)'
        : 'Une période plus courte ne réduit pas la taille d’une archive : téléchargez les exports un par un, faites une nouvelle demande d’export sur une période plus courte';
    return `${what}, la limite fixée pour une chronologie (${setting}). ${NO_TIMELINE} ${narrow}, ou demandez à un administrateur de relever ${setting}.`;
  },
  bytes: {
    // binary multiples, as the English KiB/MiB: 1 Mio = 1 048 576 octets
    units: ['octets', 'Kio', 'Mio', 'Gio', 'Tio'],
    amount: (value, whole) => (whole ? numbers : tenths).format(value),
    space: ' ',
  },
  number: (n) => numbers.format(n),
});
