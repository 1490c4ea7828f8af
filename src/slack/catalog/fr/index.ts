/**
 * French. Sections not yet translated fall back to English while the French words are written.
 */
import type { Catalog } from '../catalog.js';
import { en } from '../en/index.js';
import { frCase } from './case.js';
import { frCommand } from './command.js';
import { frRequest } from './request.js';

export const fr: Catalog = { ...en, common: { unknownDate: () => 'une date inconnue' }, case: frCase, request: frRequest, command: frCommand };
