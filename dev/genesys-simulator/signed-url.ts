/**
 * Short-lived signed links to archives, like the pre-signed storage URLs Genesys hands out
 * (reference §14). HMAC over id and expiry with a key that lives only in this simulator instance.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type SignedLinkCheck = 'ok' | 'bad-signature' | 'expired';

export interface UrlSigner {
  /** the path and query of a fresh link: `/signed/<downloadId>?expires=<ms>&sig=<hmac>` */
  mint(downloadId: string): string;
  check(downloadId: string, expires: string | null, sig: string | null): SignedLinkCheck;
}

export function createUrlSigner(clock: { now(): number }, ttlMs: number, key: Buffer = randomBytes(32)): UrlSigner {
  const sign = (downloadId: string, expires: string) =>
    createHmac('sha256', key).update(`${downloadId}\n${expires}`).digest('hex');
  return {
    mint(downloadId) {
      const expires = String(clock.now() + ttlMs);
      return `/signed/${encodeURIComponent(downloadId)}?expires=${expires}&sig=${sign(downloadId, expires)}`;
    },
    check(downloadId, expires, sig) {
      if (expires === null || sig === null || !/^\d+$/.test(expires)) return 'bad-signature';
      const expected = Buffer.from(sign(downloadId, expires), 'utf8');
      const given = Buffer.from(sig, 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
      return clock.now() > Number(expires) ? 'expired' : 'ok';
    },
  };
}
