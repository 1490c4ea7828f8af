import type { CommandWords } from '../sections/command.js';
import { counter } from '../reader.js';

const count = counter('fr');
const OTHER_FIELD = 'dans le champ *Autres personnes* du formulaire';
const HOW_TO_NAME =
  'Désignez les personnes par @mention, adresse e-mail ou identifiant utilisateur Genesys, séparés par des espaces ou des virgules';
const GIVE_ID_OR_EMAIL = `Indiquez plutôt son adresse e-mail ou son identifiant utilisateur Genesys ${OTHER_FIELD}.`;

const frHints: CommandWords['hint'] = {
  timeline: () => 'Pour construire une chronologie, indiquez l’identifiant du dossier : `/gdpr-export timeline GX-7K2M9QPA`.',
  extend: () => 'Pour prolonger un délai, indiquez l’identifiant du dossier : `/gdpr-export extend GX-7K2M9QPA`.',
  withdraw: () => 'Pour retirer une demande, indiquez l’identifiant du dossier : `/gdpr-export withdraw GX-7K2M9QPA`.',
  case_status: () =>
    'Pour voir une demande, indiquez l’identifiant de son dossier : `/gdpr-export status GX-7K2M9QPA`, ou tapez `/gdpr-export status` seul.',
  cases: () => 'Utilisez `/gdpr-export cases`, `/gdpr-export cases open`, `/gdpr-export cases overdue` ou `/gdpr-export cases GX-7K2M9QPA`.',
  audit_export: () => 'Indiquez le nombre de jours à exporter, par exemple `/gdpr-export audit-export 30`.',
  link: () => 'Les liens ne sont pas acceptés.',
  not_a_mention: () =>
    'Slack ne l’a pas transformé en mention : choisissez la personne dans la liste qui s’affiche pendant que vous tapez son nom.',
};

export const frCommand: CommandWords = {
  help: (p) =>
    [
      '*Export RGPD du chat* demande à Genesys Cloud le chat Collaborate des personnes que vous désignez, pour une demande RGPD ou une procédure juridique. Les commandes se tapent telles quelles, en anglais :',
      '• `/gdpr-export` ouvre le formulaire de demande.',
      `• \`/gdpr-export @personne @personne\` l’ouvre avec ces personnes déjà renseignées (${p.maxSubjects} au maximum).`,
      '• Vous pouvez aussi désigner des personnes par leur adresse e-mail ou leur identifiant utilisateur Genesys, par exemple celles qui ont quitté Slack.',
      '• `/gdpr-export status` liste vos demandes, avec le dernier statut Genesys de chaque personne ; `/gdpr-export status GX-7K2M9QPA` en affiche une en détail.',
      '• `/gdpr-export extend GX-7K2M9QPA` prolonge une fois, de deux mois au plus et avec un motif, le délai de réponse RGPD d’une demande d’accès de la personne concernée.',
      '• `/gdpr-export withdraw GX-7K2M9QPA` retire une demande que vous avez faite, avec un motif.',
      '• `/gdpr-export timeline GX-7K2M9QPA` construit la chronologie d’une conversation une fois tous les exports du dossier prêts.',
      '• Auditeurs RGPD : `/gdpr-export cases` affiche tous les dossiers en lecture seule (`open` : ceux en cours, `overdue` : ceux en retard, `GX-7K2M9QPA` : un seul dossier), et `/gdpr-export audit-export [jours]` envoie la piste d’audit (CSV) dans vos messages directs.',
      '• `/gdpr-export help` affiche ce message.',
      '',
      'Bon à savoir :',
      '• Chaque export ne contient que les propres messages de la personne concernée : pour une conversation, désignez chaque participant.',
      '• Seuls les messages compris dans la période de conservation des données de chat de votre organisation sont inclus.',
      '• Genesys Cloud peut mettre plusieurs jours. Le bot vous prévient par message direct dès que chaque export est prêt, et chaque lien de téléchargement ne fonctionne que quelques minutes.',
      '• Genesys Cloud ne peut pas exporter toute une organisation, un canal ou un groupe d’utilisateurs : désignez les personnes.',
    ].join('\n'),
  notAllowed: () =>
    'Seuls les demandeurs RGPD configurés peuvent demander des exports. Si votre fonction l’exige, demandez à l’administrateur de l’application de vous ajouter à GDPR_REQUESTERS.',
  cannotSee: (p) =>
    `Le bot ne voit pas ${p.who} dans cet espace de travail. Indiquez plutôt son adresse e-mail ou son identifiant utilisateur Genesys.`,
  subjectProblem: {
    no_match: (p) =>
      `Aucun utilisateur Genesys Cloud ne correspond à ${p.who} : il n’y a donc rien à exporter. Vérifiez l’adresse e-mail, ou indiquez son identifiant utilisateur Genesys ${OTHER_FIELD}.`,
    ambiguous: (p) =>
      `Plusieurs utilisateurs Genesys Cloud correspondent à ${p.who} : le bot ne peut pas savoir de qui il s’agit. Indiquez plutôt son identifiant utilisateur Genesys ${OTHER_FIELD}.`,
    no_email: (p) =>
      `Le bot ne voit pas d’adresse e-mail pour ${p.who} dans Slack et ne peut donc pas retrouver cette personne dans Genesys Cloud. ${GIVE_ID_OR_EMAIL}`,
    bot: (p) =>
      `${p.who} est une application ou un bot, pas une personne : Genesys Cloud ne détient aucun chat personnel à exporter pour ce compte. Retirez-le de la liste.`,
    deactivated: (p) =>
      `Le compte Slack de ${p.who} est désactivé : le bot ne peut donc pas le rapprocher d’un utilisateur Genesys Cloud via Slack. ${GIVE_ID_OR_EMAIL}`,
    invalid_email: (p) =>
      `${p.who} n’est pas une adresse e-mail valide. Vérifiez qu’il n’y a pas de faute de frappe : une adresse comporte un nom, un @ et un domaine.`,
    invalid_id: (p) =>
      `${p.who} n’est pas un identifiant utilisateur Genesys Cloud, ou aucun utilisateur ne le porte. Un identifiant utilisateur Genesys ressemble à \`0d5f3c2a-1b4e-4c8d-9f00-123456789abc\` : copiez-le depuis l’URL du profil de l’utilisateur dans Genesys Cloud.`,
  },
  nobodyChosen: () => 'Choisissez au moins une personne, ou saisissez ci-dessous une adresse e-mail ou un identifiant utilisateur Genesys.',
  tooManyChosen: (p) =>
    `${count(p.maxSubjects, { one: 'personne', other: 'personnes' })} au maximum par demande : les exports Genesys Cloud visent une personne ou un petit groupe. Vous en avez indiqué ${p.named}.`,
  refusal: {
    broadcast: (p) =>
      `Genesys Cloud ne permet pas d’exporter l’historique de chat de toute une organisation : désignez les personnes concernées, ${p.maxSubjects} au maximum.`,
    usergroup: (p) =>
      `Les groupes d’utilisateurs ne peuvent pas être exportés : chaque export porte sur une personne, et les membres d’un groupe changent avec le temps. Désignez les personnes concernées, ${p.maxSubjects} au maximum.`,
    channel: (p) =>
      `Les canaux ne peuvent pas être exportés : Genesys Cloud exporte des personnes, pas des conversations. Désignez chaque participant de la conversation, ${p.maxSubjects} au maximum ; chaque export ne contient que les propres messages de la personne.`,
    too_many: (p) =>
      `Vous avez désigné ${p.named ?? `plus de ${p.maxSubjects}`} personnes, mais une demande en couvre ${p.maxSubjects} au maximum. Répartissez-les sur plusieurs demandes.`,
    nobody_named: () =>
      `Cette commande ne désigne personne. ${HOW_TO_NAME}, par exemple \`/gdpr-export @jeanne\`, ou tapez \`/gdpr-export\` seul pour ouvrir le formulaire.`,
    invalid_email: (p) =>
      `L’élément ${p.position ?? '?'} de votre commande n’est pas une adresse e-mail valide. Vérifiez qu’il n’y a pas de faute de frappe (une adresse comporte un nom, un @ et un domaine), ou choisissez plutôt la personne dans le formulaire.`,
    unknown_token: (p) =>
      `Je ne reconnais pas ${p.token ?? '`?`'}. ${p.hint ? `${frHints[p.hint]()} ` : ''}${HOW_TO_NAME}. Tapez \`/gdpr-export help\` pour voir des exemples.`,
  },
  hint: frHints,
  status: {
    empty: () => 'Vous n’avez aucune demande d’export. Tapez `/gdpr-export` pour en créer une.',
    listTitle: () => '*Vos demandes d’export RGPD*, de la plus récente à la plus ancienne :',
    openTitle: (p) =>
      `*Vos demandes d’export RGPD* : ${count(p.open, { one: 'demande en cours', other: 'demandes en cours' })}, de la plus récente à la plus ancienne.`,
    caseLine: (p) => `${p.id} ${p.reference} : ${p.state} · exports prêts : ${p.ready} sur ${p.total}${p.due}`,
    olderRequests: (p) => `…et ${count(p.n, { one: 'demande plus ancienne', other: 'demandes plus anciennes' })}.`,
    moreOpen: (p) => `…et ${count(p.n, { one: 'autre demande en cours', other: 'autres demandes en cours' })}.`,
    olderClosed: (p) => `…et ${count(p.n, { one: 'demande clôturée plus ancienne', other: 'demandes clôturées plus anciennes' })}.`,
    closedTitle: () => '*Clôturées*',
    oneInFull: () => '`/gdpr-export status GX-…` affiche une demande en détail.',
  },
  check: {
    line: (p) => `${p.name} : ${p.progress} · ${p.details}`,
    genesysStatus: (p) => `statut Genesys ${p.status}, `,
    noStatus: () => 'pas encore de statut de Genesys Cloud, ',
    lastChecked: (p) => `dernière vérification le ${p.when}`,
    sentNotChecked: (p) => `envoyé le ${p.when}, pas vérifié depuis`,
    notChecked: () => 'pas encore vérifié',
    nextCheck: (p) => `, prochaine vérification le ${p.when}`,
  },
  caseDetail: {
    text: (p) => `Export RGPD ${p.id} : ${p.state}.`,
    title: (p) => `*Export RGPD ${p.id}*, référence ${p.reference}`,
    legalBasis: (p) => `*Base légale :* ${p.basis}`,
    requestedBy: (p) => `*Demandée par* ${p.who} le ${p.when}`,
    deadline: (p) => `*Échéance :* ${p.line}`,
    people: (p) => `Personnes (exports prêts : ${p.ready} sur ${p.total})`,
    attempt: (p) => ` · ${p.n}e tentative`,
  },
};
