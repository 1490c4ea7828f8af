/**
 * Appending to and purging the audit hash chain, shared by Redis and the embedded store. Each store
 * gives a backend whose `writeIfHead` is atomic (a compare-and-set on the head in Redis, the
 * in-process guard in the embedded store): two replicas appending at once never fork the chain,
 * the loser reads the new head and links after it. Hashing happens here, in Node (Redis Lua has no
 * SHA-256); the rules of the chain are in `workflow/audit-chain.ts`.
 */
import {
  buildCheckpointEntry,
  buildGenesisEntry,
  isChained,
  linkAuditEntry,
  planAuditPurge,
  type AuditChainHead,
} from '../workflow/audit-chain.js';
import { createAuditIdSource } from '../workflow/case-and-audit-ids.js';
import type { AuditEntry } from '../workflow/model.js';
import { AUDIT_PAGE_SIZE } from './store-rules.js';

export interface AuditChainBackend {
  /** the head, and a token `writeIfHead` compares to know it has not moved */
  readHead(): Promise<{ head: AuditChainHead | undefined; token: string }>;
  /** writes the entry and makes it the head, only if the head is still `token`; resolves whether it did */
  writeIfHead(token: string, entry: AuditEntry): Promise<boolean>;
  readAudit(since: Date, until?: Date): AsyncIterable<AuditEntry>;
  removeEntries(entries: readonly AuditEntry[]): Promise<void>;
}

/** appends that lost the race to another replica, before giving up */
const MAX_APPEND_ATTEMPTS = 50;
const EPOCH = new Date(0);
const checkpointIds = createAuditIdSource();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Links `entry` after the head and writes it; seals the pre-chain entries first when the chain has not begun. */
export async function appendToChain(backend: AuditChainBackend, entry: AuditEntry): Promise<AuditEntry> {
  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
    const { head, token } = await backend.readHead();
    if (!head && (await startChain(backend, token, new Date(entry.at))) !== 'nothing_to_seal') continue;
    const linked = linkAuditEntry(entry, head);
    if (await backend.writeIfHead(token, linked)) return linked;
    // another replica appended first: jittered pause, then link after its entry
    await sleep(Math.random() * Math.min(2 ** attempt, 50));
  }
  throw new Error(`The audit chain kept moving under this append (${MAX_APPEND_ATTEMPTS} attempts); giving up`);
}

/** Seals the entries written before the chain into its genesis entry, once. Resolves it, or undefined when there was nothing to seal. */
export async function sealGenesis(backend: AuditChainBackend, at: Date): Promise<AuditEntry | undefined> {
  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
    const { head, token } = await backend.readHead();
    if (head) return undefined;
    const outcome = await startChain(backend, token, at);
    if (outcome === 'nothing_to_seal') return undefined;
    if (typeof outcome === 'object') return outcome;
  }
  throw new Error(`The audit chain kept moving while sealing its genesis (${MAX_APPEND_ATTEMPTS} attempts); giving up`);
}

/**
 * With no head: writes the genesis entry (seq 1, prevHash = the segment hash) when unhashed entries
 * exist; adopts the newest chained entry as head when only the head record was lost.
 */
async function startChain(backend: AuditChainBackend, token: string, at: Date): Promise<AuditEntry | 'lost_race' | 'nothing_to_seal'> {
  let newest: AuditEntry | undefined;
  async function* unchained(): AsyncGenerator<AuditEntry> {
    for await (const e of backend.readAudit(EPOCH)) {
      if (!isChained(e)) yield e;
      else if (newest?.seq === undefined || (e.seq ?? 0) > newest.seq) newest = e;
    }
  }
  const genesis = await buildGenesisEntry(unchained(), at);
  if (newest) return (await backend.writeIfHead(token, newest)) ? newest : 'lost_race';
  if (!genesis || genesis.chain?.kind !== 'genesis') return 'nothing_to_seal';
  const linked = linkAuditEntry(genesis, undefined, genesis.chain.segmentHash);
  return (await backend.writeIfHead(token, linked)) ? linked : 'lost_race';
}

/**
 * Removes the prefix of the chain older than `before`: appends a checkpoint of what goes first (a
 * purge interrupted after it leaves entries the checkpoint covers, removed next time), then removes.
 */
export async function purgeChain(backend: AuditChainBackend, before: Date, now: Date, signingKey?: string): Promise<number> {
  let firstNewerSeq = Number.POSITIVE_INFINITY;
  let preChainRemains = false;
  let looked = 0;
  // clocks of replicas differ a little, so seq and time order can too: a page is plenty to find the lowest seq
  for await (const e of backend.readAudit(before)) {
    if (!isChained(e)) preChainRemains = true;
    else if (typeof e.seq === 'number') firstNewerSeq = Math.min(firstNewerSeq, e.seq);
    if (++looked >= AUDIT_PAGE_SIZE) break;
  }
  const old: AuditEntry[] = [];
  for await (const e of backend.readAudit(EPOCH, before)) old.push(e);
  const plan = planAuditPurge(old, { before, firstNewerSeq, preChainRemains });
  if (!plan) return 0;
  await appendToChain(backend, buildCheckpointEntry(plan.summary, checkpointIds(now), now, signingKey));
  await backend.removeEntries(plan.remove);
  return plan.remove.length;
}
