import type { TombstoneWords } from '../sections/tombstone.js';

export const enTombstone: TombstoneWords = {
  purged: (p) => `GDPR export ${p.caseId} — record purged on ${p.day}.`,
  whatRemains: () => 'Its details, approval and files were removed after the record retention period. The audit trail keeps who did what.',
};
