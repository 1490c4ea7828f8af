/**
 * French. Sections not yet translated fall back to English while the French words are written.
 */
import type { Catalog } from '../catalog.js';
import { en } from '../en/index.js';
import { frCase } from './case.js';
import { frCard } from './card.js';
import { frDeadline } from './deadline.js';
import { frStatus } from './status.js';
import { frTombstone } from './tombstone.js';

export const fr: Catalog = {
  ...en,
  common: { unknownDate: () => 'une date inconnue' },
  case: frCase,
  card: frCard,
  status: frStatus,
  deadline: frDeadline,
  tombstone: frTombstone,
};
