import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditEntryHash,
  buildCheckpointEntry,
  buildGenesisEntry,
  canonicalJson,
  headOf,
  linkAuditEntry,
  planAuditPurge,
  preChainHash,
  verifyAuditChain,
  ZERO_HASH,
  type AuditVerification,
  type VerifyOptions,
} from '../../../src/workflow/audit-chain.js';
import type { AuditEntry } from '../../../src/workflow/model.js';

const KEY = 'k'.repeat(32);
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const raw = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `e${String(n).padStart(3, '0')}`,
  at: at(n),
  action: 'status_changed',
  actor: 'system',
  caseId: 'GX-00000001',
  detail: `d${n}`,
  ...extra,
});

/** links raw entries one after another, as a store appends them */
function chainOf(entries: AuditEntry[], after?: AuditEntry): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = after ? headOf(after) : undefined;
  for (const e of entries) {
    const linked = linkAuditEntry(e, head);
    out.push(linked);
    head = headOf(linked);
  }
  return out;
}

async function* streamOf(entries: AuditEntry[]): AsyncGenerator<AuditEntry> {
  yield* [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
}

const verify = (entries: AuditEntry[], options?: VerifyOptions): Promise<AuditVerification> => verifyAuditChain(streamOf(entries), options);
const headOfLast = (entries: AuditEntry[]) => headOf(entries.at(-1)!);

describe('canonical form and hash', () => {
  it('sorts keys at every depth, leaves out undefined fields, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 'x'], c: undefined, b: 'é"' } })).toBe('{"a":{"b":"é\\"","d":[3,"x"]},"b":1}');
  });

  it('hashes every field but hash itself, as hex SHA-256 of the canonical JSON', () => {
    const e = { ...raw(1), seq: 1, prevHash: ZERO_HASH };
    const expected = createHash('sha256').update(canonicalJson(e)).digest('hex');
    expect(auditEntryHash(e)).toBe(expected);
    expect(auditEntryHash({ ...e, hash: 'anything' })).toBe(expected);
    // key order in the stored JSON does not matter
    expect(auditEntryHash(Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEntry)).toBe(expected);
    expect(auditEntryHash({ ...e, detail: 'd2' })).not.toBe(expected);
  });

  it('pins the format: a known entry has a known hash', () => {
    const e: AuditEntry = { id: '0000000000001-000000-00000000', at: '2026-01-01T00:00:00.000Z', action: 'requested', actor: 'U1', seq: 1, prevHash: ZERO_HASH };
    expect(canonicalJson(e)).toBe(
      `{"action":"requested","actor":"U1","at":"2026-01-01T00:00:00.000Z","id":"0000000000001-000000-00000000","prevHash":"${ZERO_HASH}","seq":1}`,
    );
    expect(auditEntryHash(e)).toBe(createHash('sha256').update(canonicalJson(e)).digest('hex'));
  });

  it('links each entry to the one before: seq counts up, prevHash is the previous hash', () => {
    const [a, b] = chainOf([raw(1), raw(2)]);
    expect(a).toMatchObject({ seq: 1, prevHash: ZERO_HASH, hash: auditEntryHash(a!) });
    expect(b).toMatchObject({ seq: 2, prevHash: a!.hash });
    // chain fields an entry came with are replaced
    expect(linkAuditEntry({ ...raw(3), seq: 99, prevHash: 'x', hash: 'y' }, headOf(b!))).toMatchObject({ seq: 3, prevHash: b!.hash });
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and names its head', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    expect(await verify(chain, { storeHead: headOfLast(chain) })).toEqual({ ok: true, entries: 3, head: headOfLast(chain), notes: [] });
  });

  it('follows seq, not time: entries from replicas whose clocks differ a little', async () => {
    const chain = chainOf([raw(5), raw(3), raw(4)]);
    expect(await verify(chain)).toMatchObject({ ok: true, entries: 3, head: { seq: 3, id: 'e004' } });
  });

  it('names an altered entry', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    chain[1] = { ...chain[1]!, actor: 'U0MALLORY' };
    expect(await verify(chain)).toMatchObject({ ok: false, problem: 'altered', entryId: 'e002', message: expect.stringContaining('Entry e002 (#2)') });
  });

  it('names an entry altered and re-hashed: the next one no longer links to it', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    const forged = { ...chain[1]!, actor: 'U0MALLORY' };
    chain[1] = { ...forged, hash: auditEntryHash(forged) };
    expect(await verify(chain)).toMatchObject({ ok: false, problem: 'altered', entryId: 'e002' });
  });

  it('names a removed entry by its position and its neighbours', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    const verdict = await verify([chain[0]!, chain[2]!]);
    expect(verdict).toMatchObject({ ok: false, problem: 'removed' });
    expect(!verdict.ok && verdict.message).toBe('Entry #2 was removed: the chain jumps between e001 (#1) and e003 (#3).');
  });

  it('notices the newest entry removed, against the store head', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    expect(await verify(chain.slice(0, 2), { storeHead: headOfLast(chain) })).toMatchObject({ ok: false, problem: 'removed', entryId: 'e003' });
  });

  it('names an inserted entry without a hash', async () => {
    const chain = chainOf([raw(1), raw(3)]);
    expect(await verify([...chain, raw(2, { id: 'forged' })])).toMatchObject({ ok: false, problem: 'inserted', entryId: 'forged' });
  });

  it('names an inserted entry that claims a position another entry holds', async () => {
    const chain = chainOf([raw(1), raw(2), raw(3)]);
    const forged = linkAuditEntry(raw(2, { id: 'e002-forged', actor: 'U0MALLORY' }), headOf(chain[0]!));
    expect(await verify([...chain, forged])).toMatchObject({ ok: false, problem: 'inserted', entryId: 'e002-forged' });
  });

  it('checks a head kept elsewhere is still in the chain', async () => {
    const chain = chainOf([raw(1), raw(2)]);
    expect(await verify(chain, { knownHash: chain[0]!.hash })).toMatchObject({ ok: true });
    // the whole chain rewritten from the first entry: it verifies, but the kept head is gone
    const rewritten = chainOf([raw(1, { actor: 'U0MALLORY' }), raw(2)]);
    expect(await verify(rewritten, { knownHash: chain[0]!.hash })).toMatchObject({ ok: false, problem: 'altered', message: expect.stringContaining('is not in the chain') });
  });

  describe('genesis segment (entries written before the chain)', () => {
    const legacy = [raw(1), raw(2), raw(3)];

    async function sealed(): Promise<AuditEntry[]> {
      const genesis = await buildGenesisEntry(streamOf(legacy), new Date(at(10)));
      const [g] = [linkAuditEntry(genesis!, undefined, genesis!.chain!.kind === 'genesis' ? genesis!.chain!.segmentHash : '')];
      return [...legacy, g, ...chainOf([raw(11)], g)];
    }

    it('folds the pre-chain entries, in time order, into a genesis entry at seq 1', async () => {
      const genesis = await buildGenesisEntry(streamOf(legacy), new Date(at(10)));
      const segmentHash = legacy.reduce((h, e) => preChainHash(h, e), ZERO_HASH);
      expect(genesis).toMatchObject({ action: 'audit_genesis', actor: 'system', chain: { kind: 'genesis', entries: 3, firstId: 'e001', lastId: 'e003', segmentHash } });
      expect(await buildGenesisEntry(streamOf([]), new Date(at(10)))).toBeUndefined();
    });

    it('accepts the pre-chain entries as the genesis segment and checks the chain from there', async () => {
      const verdict = await verify(await sealed());
      expect(verdict).toMatchObject({ ok: true, entries: 5, head: { seq: 2, id: 'e011' } });
      expect(verdict.ok && verdict.notes[0]).toContain('3 entries written before the hash chain form the genesis segment');
    });

    it('names a pre-chain entry altered, removed or inserted as a change to the genesis segment', async () => {
      const all = await sealed();
      const altered = all.map((e) => (e.id === 'e002' ? { ...e, actor: 'U0MALLORY' } : e));
      expect(await verify(altered)).toMatchObject({ ok: false, problem: 'altered', message: expect.stringContaining('genesis segment') });
      expect(await verify(all.filter((e) => e.id !== 'e002'))).toMatchObject({ ok: false, problem: 'removed' });
      expect(await verify([...all, raw(2, { id: 'e002-x' })])).toMatchObject({ ok: false, problem: 'inserted' });
      // written without a hash after the chain began
      expect(await verify([...all, raw(20, { id: 'late' })])).toMatchObject({ ok: false, problem: 'inserted', entryId: 'late' });
    });

    it('says pre-chain entries are not sealed yet when nothing is chained', async () => {
      const verdict = await verify(legacy);
      expect(verdict).toMatchObject({ ok: true, entries: 3 });
      expect(verdict.ok && verdict.notes[0]).toContain('not sealed yet');
    });
  });

  describe('purge checkpoints', () => {
    function purged(signingKey?: string) {
      const chain = chainOf([raw(1), raw(2), raw(3), raw(4)]);
      const plan = planAuditPurge(chain.slice(0, 2), { before: new Date(at(3)), firstNewerSeq: 3, preChainRemains: false })!;
      const [checkpoint] = chainOf([buildCheckpointEntry(plan.summary, 'cp', new Date(at(30)), signingKey)], chain.at(-1));
      return { kept: [...chain.slice(2), checkpoint!], plan, checkpoint: checkpoint! };
    }

    it('removes a prefix of the chain and records the anchor: the hash of the last removed entry', () => {
      const { plan } = purged();
      expect(plan.remove.map((e) => e.id)).toEqual(['e001', 'e002']);
      expect(plan.summary).toMatchObject({ purged: 2, firstId: 'e001', lastId: 'e002', lastSeq: 2 });
    });

    it('never removes an entry while one before it in the chain stays, nor part of the genesis segment', () => {
      const chain = chainOf([raw(1), raw(2)]);
      expect(planAuditPurge(chain, { before: new Date(at(5)), firstNewerSeq: 2, preChainRemains: false })?.remove.map((e) => e.id)).toEqual(['e001']);
      expect(planAuditPurge([raw(1)], { before: new Date(at(5)), firstNewerSeq: 1, preChainRemains: true })).toBeUndefined();
    });

    it('verifies from the checkpoint, and says when it is not signed', async () => {
      const { kept, checkpoint } = purged();
      const verdict = await verify(kept);
      expect(verdict).toMatchObject({ ok: true, entries: 3, head: headOf(checkpoint) });
      expect(verdict.ok && verdict.notes[0]).toContain('It is not signed');
      // with a key, an unsigned checkpoint cannot be trusted
      expect(await verify(kept, { signingKey: KEY })).toMatchObject({ ok: false, problem: 'unsigned', entryId: 'cp' });
    });

    it('checks a signed checkpoint against the key', async () => {
      const { kept } = purged(KEY);
      expect(await verify(kept, { signingKey: KEY })).toMatchObject({ ok: true, entries: 3 });
      expect(await verify(kept, { signingKey: 'x'.repeat(32) })).toMatchObject({ ok: false, problem: 'bad_signature', entryId: 'cp' });
    });

    it('ignores entries the checkpoint covers that a purge interrupted before removing them', async () => {
      const { kept, plan } = purged();
      expect(await verify([...plan.remove, ...kept])).toMatchObject({ ok: true, entries: 3 });
    });

    it('purges the genesis segment whole, then the chain after it, and both verify', async () => {
      const legacy = [raw(1), raw(2), raw(3)];
      const genesis = await buildGenesisEntry(streamOf(legacy), new Date(at(10)));
      const g = linkAuditEntry(genesis!, undefined, genesis!.chain!.kind === 'genesis' ? genesis!.chain!.segmentHash : '');
      const chain = [g, ...chainOf([raw(11), raw(12)], g)];
      for (const [before, firstNewerSeq, lastSeq] of [[5, 1, 0], [11, 2, 1]] as const) {
        const plan = planAuditPurge([...legacy, ...chain.filter((e) => Date.parse(e.at) < Date.parse(at(before)))], { before: new Date(at(before)), firstNewerSeq, preChainRemains: false })!;
        expect(plan.summary).toMatchObject({ purged: 3 + lastSeq, firstId: 'e001', lastSeq });
        const removed = new Set(plan.remove.map((e) => e.id));
        const [checkpoint] = chainOf([buildCheckpointEntry(plan.summary, 'cp', new Date(at(30)))], chain.at(-1));
        const left = [...chain.filter((e) => !removed.has(e.id)), checkpoint!];
        expect(await verify(left)).toMatchObject({ ok: true, entries: left.length, head: headOf(checkpoint!) });
      }
    });

    it('still names an entry removed after the anchor', async () => {
      const { kept } = purged();
      expect(await verify(kept.filter((e) => e.id !== 'e003'))).toMatchObject({ ok: false, problem: 'removed', message: expect.stringContaining('Entry #3 was removed') });
    });
  });
});
