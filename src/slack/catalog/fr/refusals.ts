/**
 * French words for the workflow's refusals: what was refused, why, and what to do next. The
 * workflow's params are raw (days, instants, states): the reader writes them in French.
 */
import type { CaseState, SubjectExportState } from '../../../workflow/model.js';
import type { OwnerAction } from '../../../workflow/result.js';
import { FIELD_LIMITS } from '../../../workflow/limits.js';
import type { Catalog } from '../catalog.js';
import type { Reader } from '../reader.js';
import { frCase } from './case.js';

const characters = (r: Reader, n: number) => r.count(n, { one: 'caractère', other: 'caractères' });

const NOT_OWNER: Record<OwnerAction, (caseId: string) => string> = {
  download: (id) => `Seule la personne qui a fait la demande ${id} peut en télécharger les exports.`,
  retry: (id) => `Seule la personne qui a fait la demande ${id} peut en relancer les exports.`,
  request_again: () => 'Seule la personne qui a fait la demande initiale peut redemander cet export.',
  timeline: () => 'Seule la personne qui a fait la demande peut générer la chronologie des conversations de cette demande.',
};

/** what the owner can no longer do, before "de la demande GDPR-…" */
const OWNER_DOES: Record<OwnerAction, string> = {
  download: 'télécharger les exports',
  retry: 'relancer les exports',
  request_again: 'redemander les exports',
  timeline: 'générer la chronologie des conversations',
};

/** "doit l’approuver" / "doit la refuser": the pronoun elides before a vowel */
const DECIDE_IT: Record<'approve' | 'reject', string> = { approve: 'l’approuver', reject: 'la refuser' };
const DECIDE: Record<'approve' | 'reject', string> = { approve: 'approuver', reject: 'refuser' };

/** the state of a subject's export, after "L’export concernant X est" */
const SUBJECT_STATE: Record<SubjectExportState, string> = {
  pending: 'en attente d’envoi à Genesys Cloud',
  submitting: 'en cours d’envoi à Genesys Cloud',
  submitted: 'en cours de préparation par Genesys Cloud',
  completed: 'terminé',
  failed: 'en échec',
};

/** a request's state inside a sentence: the case labels, without their capital */
const stateWords = (state: CaseState) => {
  const label = frCase.state[state];
  return label.charAt(0).toLocaleLowerCase('fr') + label.slice(1);
};

/** "a déjà été approuvée par…": the decisions the workflow records, and any other */
function alreadyDecided(decision: string | undefined): string {
  switch (decision) {
    case 'approved':
      return 'a déjà été approuvée';
    case 'rejected':
      return 'a déjà été refusée';
    case 'expired':
      return 'a déjà expiré';
    default:
      return 'a déjà fait l’objet d’une décision';
  }
}

const ADD_APPROVER = 'Demandez à un administrateur d’ajouter un autre approbateur à GDPR_APPROVERS.';
const ADD_BACK = 'Un administrateur peut vous ajouter de nouveau à GDPR_REQUESTERS si vous en avez encore besoin.';

export const frRefusals: Catalog['refusal'] = {
  not_requester: () =>
    'Vous n’avez pas l’autorisation de demander des exports RGPD. Demandez à un administrateur de vous ajouter (vous-même ou un groupe d’utilisateurs dont vous faites partie) à GDPR_REQUESTERS.',
  only_approver: () => `Vous êtes la seule personne habilitée à approuver, et nul ne peut approuver sa propre demande. ${ADD_APPROVER}`,
  approvers_unchecked: () =>
    'Je n’ai pas pu vérifier les approbateurs auprès de Genesys Cloud pour le moment : personne n’a donc pu être sollicité pour approuver. Réessayez dans quelques minutes.',
  approvers_are_subjects: () =>
    `Tous les autres approbateurs font partie des personnes concernées par cette demande, et nul ne statue sur une demande qui le concerne. ${ADD_APPROVER}`,
  reject_reason_too_short: (_p, r) =>
    `Indiquez un motif de refus d’au moins ${characters(r, FIELD_LIMITS.rejectReasonMin)} : le demandeur le lira.`,
  reject_reason_too_long: (p, r) =>
    `Le motif compte ${characters(r, p.length)} ; limitez-le à ${r.number(FIELD_LIMITS.rejectReasonMax)}.`,
  download_withdrawn: (p) => `La demande ${p.caseId} a été retirée : ses résultats ne sont donc pas récupérés auprès de Genesys Cloud.`,
  retry_withdrawn: (p) => `La demande ${p.caseId} a été retirée ; faites une nouvelle demande si l’export est de nouveau nécessaire.`,
  not_ready: (p) => `L’export concernant ${p.subject} n’est pas encore prêt. Vous recevrez un message dès qu’il le sera.`,
  download_unavailable: () => 'Genesys Cloud ne répond pas pour le moment. Réessayez le téléchargement dans quelques minutes.',
  not_allowed_to_extend: (p) =>
    `Seule la personne qui a fait la demande ${p.caseId}, ou un approbateur, peut en prolonger le délai de réponse.`,
  withdraw_no_longer_requester: (p) =>
    `Vous ne faites plus partie des demandeurs RGPD : vous ne pouvez donc pas retirer la demande ${p.caseId}. ${ADD_BACK}`,
  list_not_requester: () =>
    'Seuls les demandeurs RGPD désignés peuvent lister leurs demandes, et vous n’en faites pas (ou plus) partie. Demandez à un administrateur de vous ajouter à GDPR_REQUESTERS si nécessaire.',
  oversight_not_auditor: () =>
    'Seuls les auditeurs RGPD désignés peuvent consulter tous les dossiers. Demandez à un administrateur de vous ajouter à GDPR_AUDITORS.',
  not_allowed_to_view: (p) => `Seuls le demandeur de ${p.caseId}, les approbateurs et les auditeurs RGPD peuvent consulter cette demande.`,
  audit_export_not_auditor: () =>
    'Seuls les auditeurs RGPD désignés peuvent exporter le journal d’audit. Demandez à un administrateur de vous ajouter à GDPR_AUDITORS.',
  audit_export_days: (p, r) =>
    `Indiquez un nombre entier de jours entre 1 et ${r.number(p.maxDays)} (le journal d’audit est conservé ${r.count(p.retentionDays, { one: 'jour', other: 'jours' })}).`,
  decided_case_gone: () => 'Cette demande n’existe plus : elle a peut-être été supprimée à l’issue de sa durée de conservation.',
  self_approval_button: (p) => `Vous avez vous-même fait la demande ${p.caseId} : un autre approbateur doit donc statuer sur celle-ci.`,
  not_approver_button: (p) => `Seuls les approbateurs RGPD désignés peuvent statuer sur la demande ${p.caseId}.`,
  not_approver_step: (p) =>
    `Vous n’êtes pas approbateur : vous ne pouvez donc pas ${DECIDE[p.step]} la demande ${p.caseId}. Les approbateurs sont listés dans GDPR_APPROVERS.`,
  self_approval_step: (p) => `Vous avez fait la demande ${p.caseId} : un autre approbateur doit donc ${DECIDE_IT[p.step]}.`,
  decider_unchecked: (p) =>
    `Je n’ai pas pu vérifier pour le moment si vous pouvez statuer sur la demande ${p.caseId}. Réessayez dans quelques minutes.`,
  subject_of_request: (p) =>
    `Vous ne faites pas partie des approbateurs de la demande ${p.caseId} : vous ne pouvez donc pas statuer sur celle-ci. Rien n’a été modifié.`,
  not_owner: (p) => NOT_OWNER[p.action](p.caseId),
  owner_no_longer_requester: (p) =>
    `Vous ne faites plus partie des demandeurs RGPD : vous ne pouvez donc plus ${OWNER_DOES[p.action]} de la demande ${p.caseId}. ${ADD_BACK}`,
  case_not_found: (p) =>
    `Il n’existe aucune demande d’export ${p.caseId}. Elle a peut-être été supprimée à l’issue de sa durée de conservation.`,
  export_expired: (p) =>
    `Cet export a expiré dans Genesys Cloud et ne peut plus être téléchargé. Pour obtenir de nouveau les conversations de chat ${p.subject ? `concernant ${p.subject}` : 'de cette personne'}, refaites la demande.`,
  approval_expired: (p, r) =>
    `La demande ${p.caseId} a expiré ${p.expiresAt ? `le ${r.dateTime(p.expiresAt)}` : 'à son échéance'} sans qu’aucune décision ait été prise. Le demandeur doit faire une nouvelle demande.`,
  no_approval_needed: (p) => `La demande ${p.caseId} ne nécessitait pas d’approbation ; elle a été transmise directement à Genesys Cloud.`,
  already_decided: (p, r) => {
    const who = p.decidedBy ? ` par <@${p.decidedBy}>` : '';
    const when = p.decidedAt ? ` le ${r.dateTime(p.decidedAt)}` : '';
    return `La demande ${p.caseId} ${alreadyDecided(p.decision)}${who}${when}. Il n’y a plus rien à faire.`;
  },
  no_such_export: (p) => `La demande ${p.caseId} ne comporte aucun export ${p.subjectId}.`,
  not_failed: (p) =>
    `L’export concernant ${p.subject} est ${SUBJECT_STATE[p.state]}, et non en échec ; seul un export en échec peut être relancé.`,
  no_gdpr_deadline: (p) =>
    `La demande ${p.caseId} n’est pas une demande d’accès de la personne concernée : elle n’a donc pas de délai de réponse RGPD à prolonger.`,
  already_extended: (p, r) =>
    `Le délai de réponse de la demande ${p.caseId} a déjà été prolongé une fois, jusqu’au ${r.day(p.dueOn)}. Le RGPD ne permet qu’une seule prolongation.`,
  closed_no_extension: (p) =>
    `La demande ${p.caseId} est close (${stateWords(p.state)}) ; son délai de réponse ne peut plus être prolongé.`,
  extension_too_late: (p, r) =>
    `Le premier mois de la demande ${p.caseId} a pris fin le ${r.day(p.dueOn)}. La prolongation doit être décidée, et la personne concernée informée, au cours de ce premier mois.`,
  extension_reason_missing: () => 'Indiquez le motif de la prolongation : il doit être communiqué à la personne concernée.',
  extension_reason_too_long: (p, r) =>
    `Le motif de la prolongation compte ${characters(r, p.length)} ; limitez-le à ${r.number(FIELD_LIMITS.extensionReasonMax)}.`,
  extension_months: (p, r) => `Prolongez le délai de 1 à ${r.count(p.maxMonths, { one: 'mois', other: 'mois' })}.`,
  withdraw_not_owner: (p) => `Seule la personne qui a fait la demande ${p.caseId} peut la retirer.`,
  already_closed: (p) => `La demande ${p.caseId} est déjà close (${stateWords(p.state)}) ; il n’y a rien à retirer.`,
  withdraw_reason_missing: () => 'Choisissez dans la liste le motif du retrait de la demande.',
};
