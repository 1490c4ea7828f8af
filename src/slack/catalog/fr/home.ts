import type { HomeWords } from '../sections/home.js';
import { counter } from '../reader.js';

const count = counter('fr');
const people = { one: 'personne', other: 'personnes' };
const others = { one: 'autre', other: 'autres' };
const NEW_REQUEST = 'Nouvelle demande';

export const frHome: HomeWords = {
  title: () => 'Exports de chat RGPD',
  intro: () =>
    'Demandez à Genesys Cloud l’export des messages Collaborate d’une personne pour répondre à une demande RGPD ou juridique, suivez l’avancement et téléchargez les résultats.',
  newRequestButton: () => NEW_REQUEST,
  outsiderIntro: () =>
    'Cette application permet à votre équipe conformité de demander et d’approuver des exports Genesys Cloud des messages Collaborate, pour les demandes RGPD et juridiques.',
  outsiderNoRole: () =>
    'Vous ne figurez ni parmi ses demandeurs ni parmi ses approbateurs. Si votre fonction le nécessite, demandez à l’administrateur de l’application de vous ajouter.',
  awaitingTitle: () => 'En attente de mon approbation',
  nothingAwaiting: () => 'Aucune demande n’attend votre approbation.',
  awaitingCase: (p) => `${p.id} · demande de ${p.requester}, référence ${p.reference}`,
  people,
  expiresSuffix: (p) => ` · expiration : ${p.when}`,
  approveButton: () => 'Approuver',
  rejectButton: () => 'Refuser',
  moreAwaiting: (p) =>
    `…et ${count(p.count, { one: 'autre demande', other: 'autres demandes' })} en attente. Chacune a son message d’approbation, avec les mêmes boutons.`,
  myRequestsTitle: () => 'Mes demandes',
  noRequests: () => `Vous n’avez encore fait aucune demande d’export. Appuyez sur *${NEW_REQUEST}* ou tapez \`/gdpr-export\` pour en créer une.`,
  myCase: (p) => `${p.id} · référence ${p.reference}`,
  // a label, so "prêts" needs no agreement: « exports prêts : 1 personne sur 5 »
  subjectsReady: (p) => `exports prêts : ${count(p.ready, people)} sur ${p.total}`,
  moreMine: (p) => `…et ${count(p.count, others)} : tapez \`/gdpr-export status\` pour les voir.`,
};
