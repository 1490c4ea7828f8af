/**
 * French words for what is wrong with a form field: the workflow's policy problems, which the form
 * schema also reports for the length limits it checks before submission.
 */
import { FIELD_LIMITS } from '../../../workflow/limits.js';
import type { Catalog } from '../catalog.js';
import type { Reader } from '../reader.js';

const characters = (r: Reader, n: number) => r.count(n, { one: 'caractère', other: 'caractères' });

export const frProblems: Catalog['policyProblem'] = {
  received_on_missing: () =>
    'Indiquez le jour où la demande de la personne concernée a été reçue : le délai de réponse RGPD d’un mois court à compter de cette date.',
  received_on_invalid: () => 'La date de réception n’est pas une date valide. Choisissez-la dans le calendrier.',
  received_on_future: (p, r) =>
    `La date de réception, le ${r.day(p.day)}, est dans le futur (nous sommes le ${r.day(p.today)} dans votre fuseau horaire). Indiquez le jour où la demande est réellement arrivée.`,
  needed_by_invalid: () => 'La date « À fournir avant le » n’est pas une date valide. Choisissez-la dans le calendrier.',
  requester_missing: () => 'La demande n’indique pas qui l’a faite ni dans quel espace de travail. Ouvrez de nouveau le formulaire de demande.',
  no_subjects: () => 'Choisissez au moins une personne dont les conversations de chat doivent être exportées.',
  too_many_subjects: (p, r) =>
    `Vous avez choisi ${r.count(p.count, { one: 'personne', other: 'personnes' })} ; une demande peut en concerner au plus ${r.number(p.max)}. Répartissez-les sur plusieurs demandes.`,
  subject_without_genesys_user: () => 'L’une des personnes n’a pas d’utilisateur Genesys Cloud. Retirez-la ou sélectionnez-la de nouveau.',
  duplicate_subjects: (p) =>
    `Le même utilisateur Genesys Cloud apparaît plusieurs fois (${p.names.join(', ')}). Ne mentionnez chaque personne qu’une seule fois.`,
  legal_basis_missing: () => 'Choisissez dans la liste la base légale de cet export.',
  case_reference_missing: () => 'Indiquez une référence de dossier, par exemple votre numéro de ticket ou de demande d’accès.',
  case_reference_too_long: (p, r) =>
    `La référence de dossier compte ${characters(r, p.length)} ; limitez-la à ${r.number(FIELD_LIMITS.caseReferenceMax)}.`,
  case_reference_multiline: () => 'La référence de dossier doit tenir sur une seule ligne de texte brut.',
  justification_too_short: (_p, r) =>
    `Expliquez en au moins ${characters(r, FIELD_LIMITS.justificationMin)} pourquoi cet export est nécessaire : les approbateurs et les auditeurs liront cette justification.`,
  justification_too_long: (p, r) =>
    `La justification compte ${characters(r, p.length)} ; limitez-la à ${r.number(FIELD_LIMITS.justificationMax)}.`,
  justification_control_characters: () =>
    'La justification contient des caractères de contrôle invisibles. Saisissez-la de nouveau en texte brut (les retours à la ligne sont acceptés).',
};
