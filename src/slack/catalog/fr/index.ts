/**
 * French. Sections not yet translated fall back to English while the French words are written.
 */
import type { Catalog } from '../catalog.js';
import { en } from '../en/index.js';
import { frCase } from './case.js';
import { frHome } from './home.js';
import { frOversight } from './oversight.js';
import { frWorkspace } from './workspace.js';

export const fr: Catalog = { ...en, common: { unknownDate: () => 'une date inconnue' }, case: frCase, home: frHome, oversight: frOversight, workspace: frWorkspace };
