/**
 * Keeps the answer of a slow look-up for a while. The chat retention period changes rarely, and
 * asking Genesys on every /gdpr-export would cost a call and delay the form. Failures are not kept.
 */
export function cachedLookup<T>(load: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let cached: { value: Promise<T>; until: number } | undefined;
  return () => {
    if (cached && cached.until > now()) return cached.value;
    const value = load();
    const entry = { value, until: now() + ttlMs };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
