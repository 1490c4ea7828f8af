/**
 * The node:sqlite Keyv adapter against the Keyv project's own compliance suite, plus what our
 * embedded store relies on beyond it: exact namespaces, paging that survives deletions, one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vitest from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import keyvTestSuite, { keyvIteratorTests } from '@keyv/test-suite';
import { NodeSqliteKeyv, keyvSqliteTableName } from '../../../src/store/node-sqlite-keyv.js';

const root = mkdtempSync(join(tmpdir(), 'gdpr-node-sqlite-keyv-'));
const opened: NodeSqliteKeyv[] = [];

/** every adapter of one suite shares one file, so a store() call sees what the previous one wrote */
function storeOn(file: string, options: { iterationLimit?: number } = {}): () => NodeSqliteKeyv {
  return () => {
    const adapter = new NodeSqliteKeyv({ filename: join(root, file), table: 'compliance', ...options });
    opened.push(adapter);
    return adapter;
  };
}

afterAll(async () => {
  await Promise.all(opened.map((adapter) => adapter.disconnect()));
  rmSync(root, { recursive: true, force: true });
});

describe('@keyv/test-suite on NodeSqliteKeyv', () => {
  keyvTestSuite(vitest, Keyv, storeOn('suite.sqlite'));
  keyvIteratorTests(vitest, Keyv, storeOn('iterator.sqlite'));
});

describe('@keyv/test-suite iterator on NodeSqliteKeyv, two rows a page', () => {
  keyvIteratorTests(vitest, Keyv, storeOn('iterator-paged.sqlite', { iterationLimit: 2 }));
});

describe('NodeSqliteKeyv beyond the suite', () => {
  it('iterates every live entry while expired ones are deleted on the way', async () => {
    const keyv = new Keyv({ store: storeOn('expiring.sqlite', { iterationLimit: 2 })() });
    for (let i = 0; i < 6; i += 1) await keyv.set(`a${i}`, i, 1);
    for (let i = 0; i < 6; i += 1) await keyv.set(`b${i}`, i);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const seen: string[] = [];
    for await (const [key] of keyv.iterator!(undefined)) seen.push(key as string);

    expect(seen).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('clears its own namespace exactly, not look-alikes that LIKE would match', async () => {
    const store = storeOn('namespaces.sqlite');
    const underscored = new Keyv({ store: store(), namespace: 'a_b' });
    const lookAlike = new Keyv({ store: store(), namespace: 'axb' });
    const upperCase = new Keyv({ store: store(), namespace: 'A_B' });
    await underscored.set('k', 1);
    await lookAlike.set('k', 2);
    await upperCase.set('k', 3);

    await underscored.clear();

    expect(await underscored.get('k')).toBeUndefined();
    expect(await lookAlike.get('k')).toBe(2);
    expect(await upperCase.get('k')).toBe(3);
  });

  it('lets the event loop turn between calls, so a loop of writes cannot starve timers and sockets', async () => {
    const keyv = new Keyv({ store: storeOn('fairness.sqlite')() });
    let timerRan = false;
    let writesBeforeTimer = 0;
    setTimeout(() => (timerRan = true), 0);
    for (let i = 0; i < 200; i += 1) {
      await keyv.set(`k${i}`, i);
      if (!timerRan) writesBeforeTimer += 1;
    }
    expect(timerRan).toBe(true);
    expect(writesBeforeTimer).toBeLessThan(200);
  });

  it('names tables as @keyv/sqlite does', () => {
    expect(keyvSqliteTableName('gdpr_case_index')).toBe('gdpr_case_index');
    expect(keyvSqliteTableName('9-lives!')).toBe('_9lives');
    expect(() => keyvSqliteTableName('--')).toThrow(/Invalid table name/);
  });

  it('fails at once, with the reason, when the file cannot be opened', () => {
    expect(() => new NodeSqliteKeyv({ filename: join(root, 'missing-dir', 'x.sqlite') })).toThrow(/unable to open/i);
  });
});
