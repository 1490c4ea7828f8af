/**
 * The embedded store over in-memory Keyv collections: for unit tests of the workflow. Nothing
 * survives the process. Async like the other factories, so callers treat every store alike.
 */
import { Keyv } from 'keyv';
import type { Clock } from '../workflow/ports.js';
import { EMBEDDED_COLLECTION_NAMES, EmbeddedStore, type EmbeddedCollections } from './embedded-store.js';

export interface MemoryStoreOptions {
  /** stamps `updatedAt` and times leases and pauses; defaults to the system clock */
  clock?: Clock;
}

export async function createMemoryStore(options: MemoryStoreOptions = {}): Promise<EmbeddedStore> {
  const collections = Object.fromEntries(
    EMBEDDED_COLLECTION_NAMES.map((name) => [name, new Keyv({ throwOnErrors: true })]),
  ) as unknown as EmbeddedCollections;
  return EmbeddedStore.open(collections, {
    kind: 'memory',
    description: 'in-memory store (nothing survives a restart; for tests)',
    clock: options.clock,
  });
}
