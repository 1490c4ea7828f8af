/**
 * Client-credentials token cache. The grant issues no refresh token (reference §2, §11): we log in
 * again a margin before `expires_in` runs out, and after a 401. Concurrent callers share one
 * in-flight login, so a burst of calls after expiry costs one POST /oauth/token, not one each.
 */
import type { Clock } from '../workflow/ports.js';
import type { TokenResponse } from './models.js';

export interface TokenProvider {
  /** a token that is valid for at least the refresh margin; logs in when needed */
  getToken(): Promise<string>;
  /** logs in now (joining a login already in flight) */
  refresh(): Promise<string>;
  /**
   * Forgets the cached token after a 401. Pass the rejected token: when another caller already
   * replaced it, the newer token is kept.
   */
  invalidate(rejectedToken?: string): void;
  /** a cached token exists and has not expired */
  isUsable(): boolean;
}

export interface TokenProviderDeps {
  login: () => Promise<TokenResponse>;
  clock: Clock;
}

interface CachedToken {
  value: string;
  expiresAtMs: number;
  refreshAtMs: number;
}

const MAX_REFRESH_MARGIN_MS = 60_000;

/** Refresh a minute early, or a tenth of the lifetime for short-lived tokens. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
}

export function createTokenProvider({ login, clock }: TokenProviderDeps): TokenProvider {
  let cached: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;

  function refresh(): Promise<string> {
    inFlight ??= loginAndCache().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  async function loginAndCache(): Promise<string> {
    const issuedAtMs = clock.now().getTime();
    const response = await login();
    const lifetimeMs = response.expires_in * 1000;
    // counted from before the request: a slow login must not make us believe the token lives longer
    cached = {
      value: response.access_token,
      expiresAtMs: issuedAtMs + lifetimeMs,
      refreshAtMs: issuedAtMs + lifetimeMs - refreshMarginMs(lifetimeMs),
    };
    return response.access_token;
  }

  return {
    async getToken() {
      if (cached && clock.now().getTime() < cached.refreshAtMs) return cached.value;
      return refresh();
    },
    refresh,
    invalidate(rejectedToken) {
      if (rejectedToken === undefined || cached?.value === rejectedToken) cached = undefined;
    },
    isUsable() {
      return cached !== undefined && clock.now().getTime() < cached.expiresAtMs;
    },
  };
}
