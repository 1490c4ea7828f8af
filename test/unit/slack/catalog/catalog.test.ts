import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, subjectFailureText } from '../../../../src/slack/catalog/index.js';
import { GENESYS_ERROR_CODES } from '../../../../src/workflow/genesys-error.js';
import { TIMELINE_ERROR_CODES } from '../../../../src/timeline/errors.js';

const WORKFLOW_DIR = join(import.meta.dirname, '../../../../src/workflow');

describe('message catalog', () => {
  it('has words for every Genesys error code, with and without params', () => {
    for (const code of GENESYS_ERROR_CODES) {
      for (const operation of [undefined, 'create_export', 'export_status'] as const) {
        const text = catalog.genesysError[code]({ operation, permission: 'gdpr:request:add', reference: 'corr-1' });
        expect(text.length, `${code}/${operation ?? '-'}`).toBeGreaterThan(20);
        expect(text).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('has words for every timeline error code', () => {
    for (const code of TIMELINE_ERROR_CODES) {
      const text = catalog.timelineError[code]({ where: { subject: 1, subjects: 2, archive: 1, archives: 1 } });
      expect(text.length, code).toBeGreaterThan(20);
      expect(text).not.toMatch(/undefined|\[object/);
    }
  });

  it('words every stored subject failure, and shows a sentence stored by v0.1.0 as it is', () => {
    for (const code of [...GENESYS_ERROR_CODES, 'export_error']) {
      for (const stage of ['submit', 'poll', 'retrying', undefined] as const) {
        const { text, stored } = subjectFailureText({ code, stage, at: '2025-01-01T00:00:00.000Z' });
        expect(stored).toBe(false);
        expect(text, `${code}/${stage ?? '-'}`).not.toMatch(/undefined|\[object/);
      }
    }
    const legacy = { code: 'bad_request', message: 'Genesys Cloud refused the export request as invalid.', at: '2025-01-01T00:00:00.000Z' };
    expect(subjectFailureText(legacy)).toEqual({ text: legacy.message, stored: true });
  });

  it('is imported by no workflow module: the workflow deals in codes only', async () => {
    const files = (await readdir(WORKFLOW_DIR, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(join(WORKFLOW_DIR, file), 'utf8');
      expect(source, file).not.toMatch(/from '[^']*(\/slack\/|catalog)[^']*'/);
    }
  });
});
