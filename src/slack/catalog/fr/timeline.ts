import { UNKNOWN_REASONS } from '../../../timeline/realtime-messages.js';
import { counter } from '../reader.js';
import type { TimelineWords } from '../sections/timeline.js';

const count = counter('fr');

export const frTimeline: TimelineWords = {
  files: {
    locale: 'fr-FR',
    lang: 'fr',
    firstOfMonth: '1er',
    messages: { one: '{n} message', other: '{n} messages' },
    page: {
      confidential: 'Contient des données personnelles. À traiter uniquement selon la base légale du dossier.',
      noMessages: 'Aucun message à afficher.',
      summary: 'Résumé',
      people: { person: 'Personne', genesysUserId: 'Identifiant utilisateur Genesys', messages: 'Messages', archives: 'Archives' },
      outOfOrder: 'hors de l’ordre du fichier',
      unrecognisedSection: 'Entrées non reconnues',
      unrecognisedHeading: 'Entrées non reconnues, conservées telles quelles',
      unrecognisedIntro: 'Ces parties des exports n’ont pas pu être lues comme des messages datés. Elles sont reproduites exactement telles qu’exportées.',
    },
    unrecognisedReasons: {
      [UNKNOWN_REASONS.beforeFirstRecord]: 'texte avant le premier enregistrement',
      [UNKNOWN_REASONS.invalidTimestamp]: 'horodatage invalide',
    },
    custody: {
      heading: 'Chaîne de traçabilité',
      intro:
        'Toutes les archives à partir desquelles cette chronologie a été construite. Empreinte SHA-256 du ZIP tel que téléchargé depuis Genesys Cloud, et de son entrée {entry}. Les empreintes SHA-256 de ce fichier et du CSV figurent dans le fichier JSON de traçabilité livré avec lui et dans la piste d’audit.',
      columns: {
        request: 'Demande Genesys',
        subject: 'Personne concernée (identifiant utilisateur Genesys)',
        completed: 'Export terminé le',
        archive: 'Archive',
        messages: 'Messages',
        zipSha256: 'SHA-256 du ZIP',
        chatSha256: 'SHA-256 de l’entrée de chat',
      },
      unknown: 'inconnu',
      noChatEntry: 'aucune entrée de chat',
    },
    parts: {
      partTitle: '{title} — partie {part} sur {parts}',
      unrecognisedTitle: '{title} — entrées non reconnues',
      contents: 'Sommaire',
      contentsIntro: 'La chronologie est divisée en {parts} parties d’au plus {size}, par ordre chronologique (heures locales, {zone}).',
      columns: { part: 'Partie', from: 'Du', to: 'Au', messages: 'Messages' },
      partLink: 'Partie {part}',
      previous: '← Partie précédente',
      next: 'Partie suivante →',
    },
    csv: {
      outOfOrder: '{flag} : daté d’avant le message qui le précède dans l’export',
      unrecognised: 'non reconnue : {reason}',
    },
    summary: {
      messages: 'Messages : {count}{byPerson}.',
      personCount: '{name} {count}',
      period: 'Période : {period}.',
      noMessages: 'aucun message',
      periodValue: '{from} → {to} UTC',
      rangeAsked: 'Période demandée : {range}.',
      rangeFrom: 'à partir du {when} UTC',
      rangeUntil: 'jusqu’au {when} UTC (exclu)',
      archivesRead: 'Archives lues : {archives} ; {others} (hors chat).',
      otherEntries: { one: '{n} autre entrée ignorée', other: '{n} autres entrées ignorées' },
      leftOut: 'Non inclus : {messages} en dehors de la période demandée.',
      flagged: {
        one: 'Signalé « {flag} » : {n} message daté d’avant le message qui le précède dans l’export, affiché à sa propre date. Vérifiez ces messages : un message qui cite un extrait de chat peut leur ressembler.',
        other:
          'Signalés « {flag} » : {n} messages datés d’avant le message qui les précède dans l’export, affichés à leur propre date. Vérifiez ces messages : un message qui cite un extrait de chat peut leur ressembler.',
      },
      keptVerbatim: 'Conservées telles quelles en fin de document : {entries} ({reasons}).',
      unrecognisedEntries: { one: '{n} entrée non reconnue', other: '{n} entrées non reconnues' },
      noChatIn: 'Aucune entrée de chat dans l’export de : {names}.',
      localTimes: 'Les heures locales sont indiquées dans le fuseau horaire {zone}.',
      noTimeZone: 'Aucun fuseau horaire n’a été fourni : les heures locales sont indiquées en UTC.',
      unknownTimeZone: 'Le fuseau horaire « {zone} » n’est pas reconnu : les heures locales sont indiquées en UTC.',
      exportCaveat:
        'Les exports Genesys ne contiennent que les messages envoyés par chaque personne, sans le salon ni le destinataire : des messages de conversations différentes apparaissent donc ici entremêlés, par ordre chronologique.',
    },
    summaryLine: {
      person: '{name} : {messages}',
      noOne: 'personne',
      noMessages: 'aucun message',
      archivesRead: '{archives}',
      archives: { one: '{n} archive lue', other: '{n} archives lues' },
      outOfRange: '{messages} hors de la période demandée',
      outOfOrder: { one: '{n} message {flag} (signalé)', other: '{n} messages {flag} (signalés)' },
      keptVerbatim: { one: '{n} entrée conservée telle quelle (non reconnue)', other: '{n} entrées conservées telles quelles (non reconnues)' },
      noChatIn: 'aucune entrée de chat dans l’export de {names}',
    },
  },
  off: () => 'Les chronologies des échanges sont désactivées pour cet espace de travail (TIMELINE_DELIVERY=off).',
  modal: {
    title: () => 'Chronologie des échanges',
    submit: () => 'Générer la chronologie',
    close: () => 'Annuler',
    intro: (p) =>
      `Fusionner les exports du dossier ${p.caseId} (référence ${p.reference}) en une seule conversation chronologique : ${count(p.people, { one: 'personne', other: 'personnes' })} (${p.names}).`,
    from: () => 'Du',
    fromHint: () => 'Messages à partir de ce jour (UTC). Laissez vide pour tout inclure.',
    to: () => 'Au',
    toHint: () => 'Messages jusqu’à la fin de ce jour (UTC). Laissez vide pour tout inclure.',
    anyDate: () => 'N’importe quelle date',
    privacy: () =>
      'Vous recevrez un fichier CSV et un fichier HTML lisible dans votre conversation privée avec le bot. Ils contiennent des données personnelles : traitez-les selon la base légale du dossier.',
    pickWithCalendar: () => 'Choisissez les dates avec le calendrier.',
    endBeforeStart: () => 'La date de fin doit être identique ou postérieure à la date de début.',
  },
  delivery: {
    notAllComplete: (p) =>
      `La chronologie nécessite que tous les exports de ${p.caseId} soient terminés ; ${count(p.unfinished, { one: 'ne l’est pas encore', other: 'ne le sont pas encore' })}.`,
    alreadyBuilding: (p) => `La chronologie de ${p.caseId} est déjà en cours de construction.`,
    building: (p) =>
      `Construction de la chronologie des échanges de ${p.caseId} : lecture de ${count(p.exports, { one: 'export', other: 'exports' })}. Je la publierai ici.`,
    fileTitle: (p) => `Chronologie des échanges — ${p.caseId} (${p.reference})`,
    comment: (p) =>
      `Chronologie des échanges de ${p.caseId}. ${p.summary}\nCes fichiers contiennent des données personnelles : traitez-les selon la base légale du dossier.`,
    csvTitle: (p) => `Chronologie ${p.caseId} (CSV)`,
    htmlTitle: (p) => `Chronologie ${p.caseId} (lisible)`,
    htmlZipTitle: (p) => `Chronologie ${p.caseId} (lisible : décompressez l’archive, ouvrez index.html)`,
    custodyTitle: (p) => `Chronologie ${p.caseId}, chaîne de traçabilité`,
    howToVerify: () =>
      'Calculez l’empreinte SHA-256 de chaque ZIP d’export tel que téléchargé depuis Genesys Cloud (et de son entrée REALTIME!messages) et de chaque fichier livré, puis comparez-les aux valeurs ci-dessous et à la piste d’audit (npm run audit).',
    failed: () => 'Un problème est survenu pendant la construction de la chronologie ; rien n’a été livré. Réessayez plus tard.',
  },
};
