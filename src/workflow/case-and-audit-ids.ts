/** Identifiers: case ids people can read aloud, audit ids that sort by time. */
import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so ids survive being read aloud or retyped */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CASE_ID_PATTERN = /^GX-[0-9A-HJKMNP-TV-Z]{8}$/;

export type RandomBytes = (size: number) => Uint8Array;

/** 'GX-' + 8 Crockford characters: 40 random bits, unguessable enough for an id that is not a secret */
export function newCaseId(random: RandomBytes = randomBytes): string {
  const bytes = random(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 7; i >= 0; i--) out += CROCKFORD_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `GX-${out}`;
}

/**
 * A source of audit ids: 13-digit ms timestamp, a counter within the same ms, and random hex so two
 * processes never collide. Ids from one source sort in the order they were made.
 */
export function createAuditIdSource(random: RandomBytes = randomBytes): (at: Date) => string {
  let lastMs = -1;
  let counter = 0;
  return (at: Date) => {
    let ms = at.getTime();
    // a clock that steps back must not break ordering within this source
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
    } else {
      lastMs = ms;
      counter = 0;
    }
    return `${String(ms).padStart(13, '0')}-${String(counter).padStart(6, '0')}-${Buffer.from(random(4)).toString('hex')}`;
  };
}
