/**
 * The audit trail proves itself: every entry holds the SHA-256 of the one before it (`prevHash`)
 * and its own (`hash`), so changing, removing or inserting an entry breaks the chain at that spot.
 *
 * Canonical form (what is hashed): the entry as JSON, every object's keys sorted by code point,
 * fields that are undefined left out, no whitespace, strings escaped as JSON.stringify does, and
 * the `hash` field itself left out, and `count` (the tally of repeated refusals collapsed into an
 * entry after it was chained: the one field a stored entry may change). `hash = hex(SHA-256(UTF-8(canonical)))`. The first chained
 * entry (seq 1) links to `segmentHash` of the entries written before the chain, or to ZERO_HASH.
 *
 * Genesis segment: entries written by v0.1.0 have no hash. In time order (at, then id) each is
 * given a virtual hash, `hash(entry + prevHash: previous virtual hash)`, starting from ZERO_HASH;
 * the last one is the segment hash, recorded once in an 'audit_genesis' entry at seq 1.
 *
 * Purges remove a prefix of the chain and first append an 'audit_checkpoint' entry naming the
 * hash of the last removed entry (the anchor verification starts from), HMAC-signed when a key is
 * set. Everything here is pure; the stores call it under their append guard.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditCheckpointRecord, AuditEntry, AuditGenesisRecord } from './model.js';

export const ZERO_HASH = '0'.repeat(64);

/** the last link of the chain, as the stores keep it */
export interface AuditChainHead {
  seq: number;
  hash: string;
  id: string;
}

// ------------------------------------------------------------------ canonical form and links

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const fields = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${fields.join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** the hash an entry should hold: over its canonical form without `hash` and `count` */
export function auditEntryHash(entry: AuditEntry): string {
  // `count` tallies repeated refusals collapsed into the entry after it was chained (audit.ts)
  const { hash: _hash, count: _count, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

/** the entry as the next link after `head` (any chain fields it came with are replaced) */
export function linkAuditEntry(entry: AuditEntry, head: AuditChainHead | undefined, prevForFirst = ZERO_HASH): AuditEntry {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...rest } = entry;
  const linked: AuditEntry = { ...rest, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? prevForFirst };
  return { ...linked, hash: auditEntryHash(linked) };
}

export function headOf(entry: AuditEntry): AuditChainHead {
  if (entry.seq === undefined || entry.hash === undefined) throw new Error(`Audit entry ${entry.id} is not chained`);
  return { seq: entry.seq, hash: entry.hash, id: entry.id };
}

export function isChained(entry: AuditEntry): boolean {
  return entry.hash !== undefined || entry.seq !== undefined || entry.prevHash !== undefined;
}

/** the virtual hash of a pre-chain entry, following `previous` in the genesis segment */
export function preChainHash(previous: string, entry: AuditEntry): string {
  return auditEntryHash({ ...entry, prevHash: previous });
}

/** order of readAudit: time, then id */
export function compareAuditOrder(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ------------------------------------------------------------------ genesis and checkpoints

/** a fixed id for the genesis entry: it sorts first within its millisecond */
export function genesisEntryId(at: Date): string {
  return `${String(at.getTime()).padStart(13, '0')}-000000-00000000`;
}

/**
 * Folds the pre-chain entries (time order) into the genesis entry, or undefined when there are
 * none. The caller links it as seq 1 (its prevHash is the segment hash).
 */
export async function buildGenesisEntry(preChain: AsyncIterable<AuditEntry>, at: Date): Promise<AuditEntry | undefined> {
  let running = ZERO_HASH;
  let entries = 0;
  let first: AuditEntry | undefined;
  let last: AuditEntry | undefined;
  for await (const e of preChain) {
    if (isChained(e)) continue;
    running = preChainHash(running, e);
    entries += 1;
    first ??= e;
    last = e;
  }
  if (!first || !last) return undefined;
  const chain: AuditGenesisRecord = { kind: 'genesis', entries, firstId: first.id, lastId: last.id, lastAt: last.at, segmentHash: running };
  const id = genesisEntryId(at);
  return {
    id,
    at: at.toISOString(),
    action: 'audit_genesis',
    actor: 'system',
    detail: `${entries} entries written before the hash chain, sealed`,
    chain,
  };
}

/** what a purge removes, in chain order; computed by the store */
export type AuditPurgeSummary = Omit<AuditCheckpointRecord, 'kind' | 'signature'>;

export function signCheckpoint(record: Omit<AuditCheckpointRecord, 'signature'>, key: string): string {
  return createHmac('sha256', key).update(canonicalJson(record), 'utf8').digest('hex');
}

export function checkpointSignatureValid(record: AuditCheckpointRecord, key: string): boolean {
  if (!record.signature) return false;
  const { signature, ...unsigned } = record;
  const expected = Buffer.from(signCheckpoint(unsigned, key), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function buildCheckpointEntry(summary: AuditPurgeSummary, id: string, at: Date, signingKey?: string): AuditEntry {
  const unsigned: AuditCheckpointRecord = { kind: 'checkpoint', ...summary };
  const chain: AuditCheckpointRecord = signingKey ? { ...unsigned, signature: signCheckpoint(unsigned, signingKey) } : unsigned;
  return {
    id,
    at: at.toISOString(),
    action: 'audit_checkpoint',
    actor: 'system',
    detail: `${summary.purged} entries older than ${summary.before} purged${signingKey ? ', signed' : ', unsigned'}`,
    chain,
  };
}

/**
 * Chooses what a purge may remove: a prefix of the chain. All pre-chain entries go together (so the
 * genesis segment never half-exists), and a chained entry only when every entry before it in the
 * chain goes too (`firstNewerSeq` is the lowest seq among entries at or after the cut-off).
 * Resolves undefined when nothing may go.
 */
export function planAuditPurge(
  old: readonly AuditEntry[],
  options: { before: Date; firstNewerSeq: number; preChainRemains: boolean },
): { remove: AuditEntry[]; summary: AuditPurgeSummary } | undefined {
  if (options.preChainRemains) return undefined;
  const pre = old.filter((e) => !isChained(e)).sort(compareAuditOrder);
  const chained = old
    .filter((e) => isChained(e) && typeof e.seq === 'number' && e.seq < options.firstNewerSeq)
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const remove = [...pre, ...chained];
  const first = remove[0];
  const last = remove.at(-1);
  if (!first || !last) return undefined;
  let lastHash: string;
  const lastChained = chained.at(-1);
  if (lastChained?.hash) {
    lastHash = lastChained.hash;
  } else {
    lastHash = pre.reduce((running, e) => preChainHash(running, e), ZERO_HASH);
  }
  return {
    remove,
    summary: { purged: remove.length, firstId: first.id, lastId: last.id, lastSeq: lastChained?.seq ?? 0, lastHash, before: options.before.toISOString() },
  };
}

// ------------------------------------------------------------------ verification

export type AuditChainProblem = 'altered' | 'removed' | 'inserted' | 'unsigned' | 'bad_signature';

export type AuditVerification =
  | {
      ok: true;
      /** entries checked: the chain from its anchor, plus the genesis segment when present */
      entries: number;
      head?: AuditChainHead;
      /** sentences worth showing (unsigned checkpoint, genesis segment, nothing chained yet) */
      notes: string[];
    }
  | { ok: false; problem: AuditChainProblem; entryId?: string; message: string };

interface Link {
  id: string;
  at: string;
  action: string;
  seq: number;
  prevHash: string | undefined;
  hash: string | undefined;
  computed: string;
  chain?: AuditEntry['chain'];
}

interface PreLink {
  id: string;
  at: string;
  /** virtual hash after this entry, counting every unhashed entry before it */
  running: string;
}

export interface VerifyOptions {
  /** AUDIT_SIGNING_KEY: checkpoints must then be signed with it */
  signingKey?: string;
  /** the store's head record: an entry removed at the very end shows only against it */
  storeHead?: AuditChainHead;
  /** a head hash kept elsewhere earlier: it must still be in the chain (a rewritten chain loses it) */
  knownHash?: string;
}

const fail = (problem: AuditChainProblem, message: string, entryId?: string): AuditVerification => ({ ok: false, problem, entryId, message });
const describe = (l: { id: string; seq?: number }) => (l.seq === undefined ? l.id : `${l.id} (#${l.seq})`);

/**
 * Checks the whole trail, read in time order (as readAudit yields it), and names the first entry
 * that was altered, removed or inserted. Memory: a small record per entry, not the entries.
 */
export async function verifyAuditChain(entries: AsyncIterable<AuditEntry>, options: VerifyOptions = {}): Promise<AuditVerification> {
  const pre: PreLink[] = [];
  const links: Link[] = [];
  let running = ZERO_HASH;
  for await (const e of entries) {
    if (!isChained(e)) {
      running = preChainHash(running, e);
      pre.push({ id: e.id, at: e.at, running });
      continue;
    }
    if (typeof e.seq !== 'number' || !Number.isInteger(e.seq) || e.seq < 1) {
      return fail('inserted', `Entry ${e.id} was inserted: its chain position "${String(e.seq)}" is not one the bot writes.`, e.id);
    }
    links.push({ id: e.id, at: e.at, action: e.action, seq: e.seq, prevHash: e.prevHash, hash: e.hash, computed: auditEntryHash(e), chain: e.chain });
  }
  links.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  if (links.length === 0) {
    if (options.storeHead) return fail('removed', `Every chained entry was removed: the store's head is ${describe(options.storeHead)}, but no chained entry is left.`, options.storeHead.id);
    const notes = pre.length > 0 ? [`${pre.length} entries were written before the hash chain and are not sealed yet; the bot seals them at its next audit entry.`] : [];
    return { ok: true, entries: pre.length, notes };
  }

  const notes: string[] = [];
  let expectedSeq = 1;
  let expectedPrev: string;
  let verified = 0;
  let strayPre: PreLink[];

  const anchor = [...links].reverse().find((l) => l.chain?.kind === 'checkpoint');
  if (anchor && anchor.computed !== anchor.hash) {
    return fail('altered', `Checkpoint ${describe(anchor)} of ${anchor.at} was altered: its content no longer matches its hash.`, anchor.id);
  }
  if (anchor && anchor.chain?.kind === 'checkpoint') {
    const cp = anchor.chain;
    if (options.signingKey) {
      if (!cp.signature) {
        return fail('unsigned', `Checkpoint ${describe(anchor)}, where the chain now starts, is not signed although AUDIT_SIGNING_KEY is set: it may have been written without the key (or before the key was set), so what it says was purged cannot be trusted.`, anchor.id);
      }
      if (!checkpointSignatureValid(cp, options.signingKey)) {
        return fail('bad_signature', `Checkpoint ${describe(anchor)} has a signature that does not match AUDIT_SIGNING_KEY: it was altered or written with another key.`, anchor.id);
      }
      notes.push(`The chain starts at checkpoint ${describe(anchor)} (signed): ${cp.purged} entries up to ${cp.lastId} were purged on ${anchor.at}.`);
    } else {
      notes.push(
        `The chain starts at checkpoint ${describe(anchor)}: ${cp.purged} entries up to ${cp.lastId} were purged on ${anchor.at}. ${cp.signature ? 'It is signed, but AUDIT_SIGNING_KEY is not set here, so the signature was not checked.' : 'It is not signed (set AUDIT_SIGNING_KEY to sign checkpoints).'}`,
      );
    }
    expectedSeq = cp.lastSeq + 1;
    expectedPrev = cp.lastHash;
    // left behind by a purge interrupted after its checkpoint: covered by it, not checked
    const cutOff = Date.parse(cp.before);
    strayPre = pre.filter((p) => Date.parse(p.at) >= cutOff);
  } else {
    const first = links[0]!;
    const genesis = first.seq === 1 && first.chain?.kind === 'genesis' ? first.chain : undefined;
    const segment = genesis?.lastId && genesis.lastAt ? pre.filter((p) => compareAuditOrder(p, { at: genesis.lastAt!, id: genesis.lastId! }) <= 0) : [];
    strayPre = pre.slice(segment.length);
    expectedPrev = segment.at(-1)?.running ?? ZERO_HASH;
    if (genesis && first.computed === first.hash && first.prevHash !== expectedPrev) {
      const found = segment.length;
      const what = found < genesis.entries ? 'an entry was removed from it' : found > genesis.entries ? 'an entry was inserted into it' : 'an entry in it was altered';
      return fail(
        found < genesis.entries ? 'removed' : found > genesis.entries ? 'inserted' : 'altered',
        `The genesis segment (entries written before the hash chain) no longer matches genesis ${describe(first)}: it sealed ${genesis.entries} entries from ${genesis.firstId} to ${genesis.lastId}, ${found} are there now and they hash differently, so ${what}.`,
        first.id,
      );
    }
    if (genesis) {
      verified += segment.length;
      notes.push(`${segment.length} entries written before the hash chain form the genesis segment sealed by ${describe(first)}.`);
    }
  }

  let previous: Link | undefined;
  let knownFound = false;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.seq < expectedSeq) {
      if (previous && link.seq === previous.seq) return duplicate(link, previous, links[i + 1]);
      continue; // covered by the checkpoint
    }
    if (link.computed !== link.hash) {
      const twin = links[i + 1];
      if (twin && twin.seq === link.seq) return duplicate(link, twin, links[i + 2]);
      return fail('altered', `Entry ${describe(link)} of ${link.at} was altered: its content no longer matches its hash.`, link.id);
    }
    if (link.seq > expectedSeq) {
      const between = previous ? `between ${describe(previous)} and ${describe(link)}` : `before ${describe(link)}`;
      return fail('removed', `Entry #${expectedSeq} was removed: the chain jumps ${between}.`);
    }
    if (link.prevHash !== expectedPrev) {
      const twin = links[i + 1];
      if (twin && twin.seq === link.seq) return duplicate(link, twin, links[i + 2]);
      if (previous) {
        return fail('altered', `Entry ${describe(previous)} was altered (and re-hashed) or replaced: entry ${describe(link)} holds a different hash for it.`, previous.id);
      }
      if (anchor) return fail('altered', `Entry ${describe(link)} does not continue from checkpoint ${describe(anchor)}: it, or the checkpoint, was altered.`, link.id);
      const firstStray = pre[0];
      if (firstStray) return fail('inserted', `Entry ${firstStray.id} of ${firstStray.at} was inserted: it has no hash, and the chain records no entries written before it.`, firstStray.id);
      return fail('altered', `Entry ${describe(link)} was altered: it does not start the chain.`, link.id);
    }
    verified += 1;
    if (link.hash === options.knownHash) knownFound = true;
    expectedPrev = link.hash!;
    expectedSeq = link.seq + 1;
    previous = link;
  }

  const strayed = strayPre[0];
  if (strayed) {
    return fail('inserted', `Entry ${strayed.id} of ${strayed.at} was inserted: it has no hash and is not part of the genesis segment of entries written before the chain (an older version of the bot still running would write such entries too).`, strayed.id);
  }
  const last = previous;
  const storeHead = options.storeHead;
  if (last && storeHead && storeHead.seq > last.seq) {
    return fail('removed', `Entry #${storeHead.seq} (${storeHead.id}), the newest, was removed: the chain ends at ${describe(last)}.`, storeHead.id);
  }
  if (last && storeHead && storeHead.seq === last.seq && storeHead.hash !== last.hash) {
    return fail('altered', `Entry ${describe(last)}, the newest, was replaced: the store's head holds another hash for #${last.seq}.`, last.id);
  }
  if (options.knownHash && !knownFound) {
    return fail('altered', `The head you kept, ${options.knownHash}, is not in the chain: the entries up to it were rewritten${anchor ? ', or purged since (the chain now starts at checkpoint ' + describe(anchor) + ')' : ''}.`);
  }
  return { ok: true, entries: verified, head: last ? { seq: last.seq, hash: last.hash!, id: last.id } : undefined, notes };
}

function duplicate(a: Link, b: Link, next: Link | undefined): AuditVerification {
  // the genuine one is the one the next entry links to; otherwise the one whose hash holds
  const genuine = next?.prevHash === a.hash && a.computed === a.hash ? a : next?.prevHash === b.hash && b.computed === b.hash ? b : a.computed === a.hash ? a : b;
  const forged = genuine === a ? b : a;
  return fail('inserted', `Entry ${forged.id} was inserted: it claims chain position #${forged.seq}, which ${genuine.id} holds.`, forged.id);
}
