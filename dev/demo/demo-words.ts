/**
 * The narrator's words of `npm run demo`, per language: section titles, what each person does,
 * the activity feed, the Genesys call purposes and the wrap-up. The demo is dev tooling, so its
 * words live here rather than in the bot's catalog; what the bot itself says comes from the bot.
 * Params arrive already written: numbers and counts by the demo's `Reader` (Intl), names as shown.
 */
import { readerFor, type Locale } from '../../src/slack/catalog/index.js';

export type Role = 'requester' | 'approver' | 'bot' | 'demo';

/** What each Genesys call the bot makes is for (see genesys-calls.ts). */
export type CallPurpose = 'login' | 'retention' | 'findPerson' | 'createExport' | 'listExports' | 'checkStatus' | 'mintLink' | 'download' | 'other';

/** The renderer's own words, around what the bot sent (see render-blocks.ts). */
export interface RenderWords {
  /** "Legal basis: Data subject access request" */
  labelled: (label: string, value: string) => string;
  optional: () => string;
  empty: () => string;
  choosePeople: () => string;
  chooseOne: (options: string) => string;
  pickDate: () => string;
  /** a datepicker's chosen day ('YYYY-MM-DD') */
  pickedDate: (isoDay: string) => string;
  /** a Slack date token without its fallback text */
  aDate: () => string;
  group: () => string;
}

export interface DemoWords {
  roles: Record<Role, string>;
  stage: {
    title: () => string;
    lines: (p: { simulatorUrl: string; exportDays: number; port: string; requester: string; approver: string; subjects: string }) => string[];
  };
  meanwhile: () => string;
  botCall: (call: string) => string;
  request: {
    title: (p: { name: string }) => string;
    types: (p: { command: string }) => string;
    formFilledLater: () => string;
    formComplete: () => string;
    seesForm: () => string;
    fillsIn: (p: { button: string }) => string;
    seesConfirmation: () => string;
  };
  approval: {
    title: (p: { name: string }) => string;
    receivesDm: () => string;
    dmTitle: () => string;
    clicks: (p: { button: string }) => string;
    typesNote: (p: { note: string; button: string }) => string;
    cardEndsWith: (p: { line: string }) => string;
  };
  waiting: {
    title: () => string;
    polling: (p: { exportDays: number; seconds: number; speed: number }) => string[];
    statusChecks: (p: { times: number }) => string;
    /** simulated time since the approval: "+1d 07:42" */
    offset: (p: { days: number; hh: string; mm: string }) => string;
  };
  dms: {
    title: (p: { name: string }) => string;
    statusMessage: (p: { edited: boolean }) => string;
    threadReply: () => string;
  };
  download: {
    title: (p: { name: string; button: string }) => string;
    seesLink: () => string;
    fetched: (p: { status: number; contentType?: string; bytes: number; entries: number }) => string;
    /** one archive entry, name and size already padded into columns */
    entry: (p: { name: string; bytes: string }) => string;
    realtimeNote: () => string;
  };
  feed: {
    statusUpdated: (p: { who: string; status: string }) => string;
    posted: (p: { who: string; text: string; inThread: boolean }) => string;
    requested: (p: { actor: string; caseId: string; subjects: string }) => string;
    approved: (p: { actor: string }) => string;
    submitted: (p: { subjects: string; requestId?: string }) => string;
    statusChanged: (p: { subjects: string; change: string }) => string;
    /** `detail` is what the audit entry holds ("1 file(s)"), `files` the number read from it */
    completed: (p: { subjects: string; detail?: string; files?: number }) => string;
    linkIssued: (p: { subjects: string; actor: string }) => string;
    /** `actor` undefined: the bot itself */
    other: (p: { action: string; actor?: string; detail?: string }) => string;
    auditTag: (p: { action: string }) => string;
  };
  calls: Record<CallPurpose, string>;
  render: RenderWords;
  summary: {
    title: () => string;
    callsHeading: () => string;
    noProblems: () => string;
    problems: () => string;
    downloadLink: (p: { url: string }) => string;
  };
  problems: {
    botLog: (p: { line: string }) => string;
    slackRefused: (p: { method: string; error?: string }) => string;
    genesysAnswered: (p: { method: string; path: string; status: number | 'dropped' }) => string;
  };
  keepAlive: {
    waiting: (p: { seconds: number }) => string;
    stopped: () => string;
  };
  failures: {
    stopped: (p: { reason: string }) => string;
    slashCommand: (p: { status: number }) => string;
    formDidNotOpen: () => string;
    formRefused: (p: { errors: string }) => string;
    noCase: () => string;
    noApprovalCard: () => string;
    noConfirmation: () => string;
    approvalRefused: (p: { errors: string }) => string;
    exportsTooSlow: () => string;
    noReadyMessage: () => string;
    noLinkInModal: () => string;
  };
}

const enReader = readerFor('en');
const frReader = readerFor('fr');
const enDays = (n: number) => enReader.count(n, { one: 'day', other: 'days' });
const frDays = (n: number) => frReader.count(n, { one: 'jour', other: 'jours' });

export const en: DemoWords = {
  roles: { requester: 'Requester', approver: 'Approver', bot: 'Bot', demo: 'Demo' },
  stage: {
    title: () => 'setting the stage',
    lines: (p) => [
      `Genesys Cloud simulator: ${p.simulatorUrl} (exports take ${enDays(p.exportDays)}, as they can in Genesys)`,
      'Slack: a local fake of the Web API; people act through signed requests, as Slack sends them',
      'Store: the embedded SQLite store in a temporary directory',
      `The bot: the real app (startApp), HTTP mode on port ${p.port}, polling from every 1 s up to every 2 s`,
      `People: ${p.requester} (requester), ${p.approver} (approver), ${p.subjects} (whose chat is exported)`,
    ],
  },
  meanwhile: () => 'Meanwhile the bot:',
  botCall: (call) => `bot → Genesys: ${call}`,
  request: {
    title: (p) => `${p.name} asks for an export`,
    types: (p) => `types in #general:   ${p.command}`,
    formFilledLater: () => 'The form opens at once (Slack allows 3 s); the bot then fills in what needs a look-up:',
    formComplete: () => 'The form opens at once (Slack allows 3 s), with what the bot looked up:',
    seesForm: () => 'sees the request form:',
    fillsIn: (p) => `fills it in and presses [ ${p.button} ]:`,
    seesConfirmation: () => 'sees the confirmation:',
  },
  approval: {
    title: (p) => `${p.name} decides`,
    receivesDm: () => 'receives a direct message from the bot:',
    dmTitle: () => 'DM from gdpr-export',
    clicks: (p) => `clicks [ ${p.button} ]; the bot asks for confirmation:`,
    typesNote: (p) => `types the note “${p.note}” and presses [ ${p.button} ]`,
    cardEndsWith: (p) => `the card loses its buttons and now ends with: “${p.line}”`,
  },
  waiting: {
    title: () => 'submits the exports and waits for Genesys Cloud',
    polling: (p) => [
      `Genesys can take days and notifies nobody, so the bot polls. Simulating ${enDays(p.exportDays)} in about ${enReader.number(p.seconds)} s:`,
      `the simulator's clock now runs ${enReader.number(p.speed)}× faster. Times below are simulated, from the approval`,
      '(the bot keeps real time, so the dates in its messages are today’s).',
    ],
    statusChecks: (p) =>
      `The bot checked the exports' status ${enReader.count(p.times, { one: 'time', other: 'times' })}; Genesys's clock is back to real time.`,
    offset: (p) => `+${p.days}d ${p.hh}:${p.mm}`,
  },
  dms: {
    title: (p) => `${p.name} reads the bot's direct messages`,
    statusMessage: (p) => `status message${p.edited ? ' (updated in place as things move)' : ''}`,
    threadReply: () => 'reply in the case thread (also sent to the DM)',
  },
  download: {
    title: (p) => `${p.name} clicks [ ${p.button} ]`,
    seesLink: () => 'sees a fresh, short-lived link (minted now; never stored by the bot):',
    fetched: (p) =>
      `The demo fetches the link once: HTTP ${p.status}, ${p.contentType ?? 'no content type'}, ${enReader.count(p.bytes, { one: 'byte', other: 'bytes' })}, ${enReader.count(p.entries, { one: 'entry', other: 'entries' })}:`,
    entry: (p) => `${p.name} ${p.bytes} bytes`,
    realtimeNote: () => '(REALTIME!messages holds the Collaborate chat: only the messages that person wrote.)',
  },
  feed: {
    statusUpdated: (p) => `Slack: bot updates ${p.who}'s status message: “${p.status}”`,
    posted: (p) => `Slack: bot ${p.inThread ? 'replies in the case thread' : 'posts'} in ${p.who}'s DM: “${p.text}”`,
    requested: (p) => `bot records the request of @${p.actor}: case ${p.caseId}, ${p.subjects}`,
    approved: (p) => `bot records the approval by @${p.actor}`,
    submitted: (p) => `bot → Genesys: export of ${p.subjects} submitted${p.requestId ? ` (request ${p.requestId}…)` : ''}`,
    statusChanged: (p) => `Genesys: ${p.subjects}'s export ${p.change}`,
    completed: (p) => `Genesys: ${p.subjects}'s export is complete, ${p.detail ?? 'its files'} to download`,
    linkIssued: (p) => `bot → Genesys: fresh download link for ${p.subjects}, shown only to @${p.actor}`,
    other: (p) => `bot: ${p.action} by ${p.actor ? `@${p.actor}` : 'the bot'}${p.detail ? ` (${p.detail})` : ''}`,
    auditTag: (p) => `   [audit: ${p.action}]`,
  },
  calls: {
    login: 'log in with client credentials',
    retention: 'read the chat retention period',
    findPerson: 'find a person by email',
    createExport: 'create a GDPR export request',
    listExports: 'list GDPR requests',
    checkStatus: 'check an export’s status',
    mintLink: 'mint a short-lived signed link',
    download: 'download the archive with the signed link',
    other: 'other call',
  },
  render: {
    labelled: (label, value) => `${label}: ${value}`,
    optional: () => ' (optional)',
    empty: () => '(empty)',
    choosePeople: () => 'choose people',
    chooseOne: (options) => `(choose one: ${options})`,
    pickDate: () => '(pick a date)',
    pickedDate: (isoDay) => isoDay,
    aDate: () => 'a date',
    group: () => 'group',
  },
  summary: {
    title: () => 'summary',
    callsHeading: () => 'Genesys Cloud calls the bot made (method, path, status: no query, body or token):',
    noProblems: () => 'Problems: none (no bot warning or error, no refused Slack call, no failed Genesys call).',
    problems: () => 'Problems:',
    downloadLink: (p) => `Download link: ${p.url}`,
  },
  problems: {
    botLog: (p) => `bot log ${p.line}`,
    slackRefused: (p) => `Slack refused ${p.method}: ${p.error ?? 'unknown error'}`,
    genesysAnswered: (p) => `Genesys answered ${p.method} ${p.path} with ${p.status}`,
  },
  keepAlive: {
    waiting: (p) => `The bot has stopped; the Genesys simulator stays up for ${p.seconds} s so you can try the link (Ctrl-C ends it sooner):`,
    stopped: () => 'Simulator stopped.',
  },
  failures: {
    stopped: (p) => `The demo stopped: ${p.reason}`,
    slashCommand: (p) => `the bot answered the slash command with HTTP ${p.status}`,
    formDidNotOpen: () => 'the request form did not open',
    formRefused: (p) => `the form was refused: ${p.errors}`,
    noCase: () => 'no case was created',
    noApprovalCard: () => 'the approval card did not reach the approver',
    noConfirmation: () => 'the approval confirmation did not open',
    approvalRefused: (p) => `the approval was refused: ${p.errors}`,
    exportsTooSlow: () => 'the exports did not complete in time',
    noReadyMessage: () => 'no "ready" message with a download button',
    noLinkInModal: () => 'the download modal holds no link',
  },
};

export const fr: DemoWords = {
  roles: { requester: 'Demandeuse', approver: 'Approbateur', bot: 'Bot', demo: 'Démo' },
  stage: {
    title: () => 'mise en place',
    lines: (p) => [
      `Simulateur Genesys Cloud : ${p.simulatorUrl} (un export y prend ${frDays(p.exportDays)}, comme cela arrive dans Genesys)`,
      'Slack : une imitation locale de l’API Web ; les personnes agissent par des requêtes signées, comme celles qu’envoie Slack',
      'Stockage : la base SQLite intégrée, dans un répertoire temporaire',
      `Le bot : l’application réelle (startApp), en mode HTTP sur le port ${p.port}, qui interroge Genesys toutes les 1 à 2 s`,
      `Personnes : ${p.requester} (demandeuse), ${p.approver} (approbateur), ${p.subjects} (dont le chat est exporté)`,
    ],
  },
  meanwhile: () => 'Pendant ce temps, le bot :',
  botCall: (call) => `bot → Genesys : ${call}`,
  request: {
    title: (p) => `${p.name} demande un export`,
    types: (p) => `saisit dans #general :   ${p.command}`,
    formFilledLater: () => 'Le formulaire s’ouvre aussitôt (Slack accorde 3 s) ; le bot complète ensuite ce qui demande une recherche :',
    formComplete: () => 'Le formulaire s’ouvre aussitôt (Slack accorde 3 s), avec ce que le bot a recherché :',
    seesForm: () => 'voit le formulaire de demande :',
    fillsIn: (p) => `le remplit et appuie sur [ ${p.button} ] :`,
    seesConfirmation: () => 'voit la confirmation :',
  },
  approval: {
    title: (p) => `${p.name} décide`,
    receivesDm: () => 'reçoit un message direct du bot :',
    dmTitle: () => 'Message direct de gdpr-export',
    clicks: (p) => `clique sur [ ${p.button} ] ; le bot demande confirmation :`,
    typesNote: (p) => `saisit la note « ${p.note} » et appuie sur [ ${p.button} ]`,
    cardEndsWith: (p) => `la carte perd ses boutons et se termine désormais par : « ${p.line} »`,
  },
  waiting: {
    title: () => 'envoie les exports et attend Genesys Cloud',
    polling: (p) => [
      `Genesys peut mettre des jours et ne prévient personne : le bot l’interroge donc régulièrement. Simulation de ${frDays(p.exportDays)} en ${frReader.number(p.seconds)} s environ :`,
      `l’horloge du simulateur tourne désormais ${frReader.number(p.speed)} fois plus vite. Les heures ci-dessous sont simulées, comptées depuis l’approbation`,
      '(le bot reste à l’heure réelle : les dates de ses messages sont donc celles d’aujourd’hui).',
    ],
    statusChecks: (p) =>
      `Le bot a vérifié l’état des exports ${frReader.count(p.times, { other: 'fois' })} ; l’horloge de Genesys est revenue à l’heure réelle.`,
    offset: (p) => `+${p.days} j ${p.hh}:${p.mm}`,
  },
  dms: {
    title: (p) => `${p.name} lit les messages directs du bot`,
    statusMessage: (p) => `message d’état${p.edited ? ' (mis à jour sur place au fil de l’avancement)' : ''}`,
    threadReply: () => 'réponse dans le fil du dossier (aussi envoyée en message direct)',
  },
  download: {
    title: (p) => `${p.name} clique sur [ ${p.button} ]`,
    seesLink: () => 'voit un lien tout juste créé, valable peu de temps (jamais conservé par le bot) :',
    fetched: (p) =>
      `La démo télécharge le lien une fois : HTTP ${p.status}, ${p.contentType ?? 'sans type de contenu'}, ${frReader.count(p.bytes, { one: 'octet', other: 'octets' })}, ${frReader.count(p.entries, { one: 'entrée', other: 'entrées' })} :`,
    entry: (p) => `${p.name} ${p.bytes} octets`,
    realtimeNote: () => '(REALTIME!messages contient le chat Collaborate : uniquement les messages écrits par cette personne.)',
  },
  feed: {
    statusUpdated: (p) => `Slack : le bot met à jour le message d’état envoyé à ${p.who} : « ${p.status} »`,
    posted: (p) => `Slack : le bot ${p.inThread ? 'répond' : 'écrit'} à ${p.who} en message direct${p.inThread ? ', dans le fil du dossier' : ''} : « ${p.text} »`,
    requested: (p) => `le bot enregistre la demande faite par @${p.actor} : dossier ${p.caseId}, ${p.subjects}`,
    approved: (p) => `le bot enregistre l’approbation donnée par @${p.actor}`,
    submitted: (p) => `bot → Genesys : export demandé pour ${p.subjects}${p.requestId ? ` (demande ${p.requestId}…)` : ''}`,
    statusChanged: (p) => `Genesys : export pour ${p.subjects}, ${p.change}`,
    completed: (p) =>
      `Genesys : l’export pour ${p.subjects} est terminé, ${p.files === undefined ? 'ses fichiers' : frReader.count(p.files, { one: 'fichier', other: 'fichiers' })} à télécharger`,
    linkIssued: (p) => `bot → Genesys : nouveau lien de téléchargement pour ${p.subjects}, montré uniquement à @${p.actor}`,
    other: (p) => `bot : ${p.action} par ${p.actor ? `@${p.actor}` : 'le bot'}${p.detail ? ` (${p.detail})` : ''}`,
    auditTag: (p) => `   [audit : ${p.action}]`,
  },
  calls: {
    login: 'connexion avec les identifiants client',
    retention: 'lecture de la période de conservation des données de chat',
    findPerson: 'recherche d’une personne par e-mail',
    createExport: 'création d’une demande d’export RGPD',
    listExports: 'liste des demandes RGPD',
    checkStatus: 'vérification de l’état d’un export',
    mintLink: 'création d’un lien signé de courte durée',
    download: 'téléchargement de l’archive par le lien signé',
    other: 'autre appel',
  },
  render: {
    labelled: (label, value) => `${label} : ${value}`,
    optional: () => ' (facultatif)',
    empty: () => '(vide)',
    choosePeople: () => 'choisir des personnes',
    chooseOne: (options) => `(au choix : ${options})`,
    pickDate: () => '(choisir une date)',
    pickedDate: (isoDay) => frReader.day(isoDay),
    aDate: () => 'une date',
    group: () => 'groupe',
  },
  summary: {
    title: () => 'bilan',
    callsHeading: () => 'Appels du bot à Genesys Cloud (méthode, chemin, statut : ni paramètres, ni corps, ni jeton) :',
    noProblems: () => 'Problèmes : aucun (ni avertissement ni erreur du bot, aucun appel Slack refusé, aucun appel Genesys en échec).',
    problems: () => 'Problèmes :',
    downloadLink: (p) => `Lien de téléchargement : ${p.url}`,
  },
  problems: {
    botLog: (p) => `journal du bot, ${p.line}`,
    slackRefused: (p) => `Slack a refusé ${p.method} : ${p.error ?? 'erreur inconnue'}`,
    genesysAnswered: (p) => `Genesys a répondu ${p.status} à ${p.method} ${p.path}`,
  },
  keepAlive: {
    waiting: (p) =>
      `Le bot est arrêté ; le simulateur Genesys reste disponible ${p.seconds} s pour que vous puissiez essayer le lien (Ctrl-C l’arrête plus tôt) :`,
    stopped: () => 'Simulateur arrêté.',
  },
  failures: {
    stopped: (p) => `La démo s’est arrêtée : ${p.reason}`,
    slashCommand: (p) => `le bot a répondu à la commande slash par HTTP ${p.status}`,
    formDidNotOpen: () => 'le formulaire de demande ne s’est pas ouvert',
    formRefused: (p) => `le formulaire a été refusé : ${p.errors}`,
    noCase: () => 'aucun dossier n’a été créé',
    noApprovalCard: () => 'la carte d’approbation n’est pas parvenue à l’approbateur',
    noConfirmation: () => 'la fenêtre de confirmation de l’approbation ne s’est pas ouverte',
    approvalRefused: (p) => `l’approbation a été refusée : ${p.errors}`,
    exportsTooSlow: () => 'les exports ne se sont pas terminés à temps',
    noReadyMessage: () => 'aucun message « prêt » avec un bouton de téléchargement',
    noLinkInModal: () => 'la fenêtre de téléchargement ne contient aucun lien',
  },
};

export const DEMO_WORDS: Record<Locale, DemoWords> = { en, fr };
