import type { TombstoneWords } from '../sections/tombstone.js';

export const frTombstone: TombstoneWords = {
  purged: (p) => `Export RGPD ${p.caseId} — dossier purgé le ${p.day}.`,
  whatRemains: () =>
    'Ses détails, son approbation et ses fichiers ont été supprimés à l’issue de la durée de conservation des dossiers. Le journal d’audit conserve qui a fait quoi.',
};
