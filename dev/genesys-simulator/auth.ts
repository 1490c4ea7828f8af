/** OAuth client credentials and bearer tokens, with expiry by the injected clock (reference §2, §11). */
import { randomBytes } from 'node:crypto';

export interface TokenRegistry {
  issue(clientId: string): { token: string; expiresInSeconds: number };
  /** the client a live token belongs to; undefined for an unknown or expired token */
  resolve(token: string): string | undefined;
  expireAll(): void;
}

export function createTokenRegistry(clock: { now(): number }, lifetimeSeconds: number): TokenRegistry {
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();
  return {
    issue(clientId) {
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { clientId, expiresAt: clock.now() + lifetimeSeconds * 1000 });
      return { token, expiresInSeconds: lifetimeSeconds };
    },
    resolve(token) {
      const entry = tokens.get(token);
      if (!entry) return undefined;
      if (clock.now() >= entry.expiresAt) {
        tokens.delete(token);
        return undefined;
      }
      return entry.clientId;
    },
    expireAll() {
      tokens.clear();
    },
  };
}

export function parseBasicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function parseBearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/** Genesys permission strings are domain:entity:action; a granted '*' segment matches anything. */
export function permissionMatches(granted: string, required: string): boolean {
  const g = granted.split(':');
  const r = required.split(':');
  return g.length === r.length && g.every((segment, i) => segment === '*' || segment === r[i]);
}

export function hasAnyPermission(granted: readonly string[], anyOf: readonly string[]): boolean {
  return anyOf.some((required) => granted.some((g) => permissionMatches(g, required)));
}
