/**
 * An in-memory ordered set of keys by numeric score (ties broken by key), like a Redis sorted set.
 * Range reads binary-search their start, so reading the k due entries costs O(log n + k) no matter
 * how many entries wait further in the future. Inserts splice a sorted array: O(n) memmove, which is
 * cheap at the sizes one instance holds (tens of thousands).
 */
export interface ScoredKey {
  key: string;
  score: number;
}

export interface RangeQuery {
  /** inclusive lower bound; defaults to -Infinity */
  min?: number;
  /** upper bound; inclusive unless `maxExclusive` */
  max: number;
  maxExclusive?: boolean;
  /** continue after this entry (a cursor from a previous page) */
  after?: ScoredKey;
  limit: number;
}

export class SortedIndex {
  private readonly entries: ScoredKey[] = [];
  private readonly scores = new Map<string, number>();

  get size(): number {
    return this.entries.length;
  }

  score(key: string): number | undefined {
    return this.scores.get(key);
  }

  first(): ScoredKey | undefined {
    const head = this.entries[0];
    return head ? { ...head } : undefined;
  }

  /** adds the key, or moves it to its new score */
  set(key: string, score: number): void {
    this.delete(key);
    const entry = { key, score };
    this.entries.splice(this.lowerBound(entry), 0, entry);
    this.scores.set(key, score);
  }

  delete(key: string): boolean {
    const score = this.scores.get(key);
    if (score === undefined) return false;
    const at = this.lowerBound({ key, score });
    this.entries.splice(at, 1);
    this.scores.delete(key);
    return true;
  }

  range(query: RangeQuery): ScoredKey[] {
    const start = query.after
      ? this.upperBound(query.after)
      : this.lowerBound({ score: query.min ?? -Infinity, key: '' });
    const result: ScoredKey[] = [];
    for (let i = start; i < this.entries.length && result.length < query.limit; i++) {
      const entry = this.entries[i]!;
      if (query.min !== undefined && entry.score < query.min) continue;
      if (query.maxExclusive ? entry.score >= query.max : entry.score > query.max) break;
      result.push({ ...entry });
    }
    return result;
  }

  /** first position whose entry is not before `probe` */
  private lowerBound(probe: ScoredKey): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid]!, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** first position whose entry is after `probe` */
  private upperBound(probe: ScoredKey): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.entries[mid]!, probe) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compare(a: ScoredKey, b: ScoredKey): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}
