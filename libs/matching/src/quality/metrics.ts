/**
 * Offline quality of suggestion lists against connections hidden from the ranker: accuracy
 * (recall@k, nDCG@k, reciprocal rank) and beyond accuracy (catalogue coverage, exposure Gini,
 * cross-sector share, gemeenten whose partners all get a suggestion). Pure functions over ids.
 */

/** Each partner's ranked list of candidate ids, best first. */
export type Lists = ReadonlyMap<string, readonly string[]>;
/** Per partner, the ids of its hidden connections (both directions of each hidden pair). */
export type Relevant = ReadonlyMap<string, ReadonlySet<string>>;

/** Share of the relevant ids found in the first `k` of the list; undefined without relevant ids. */
export function recallAt(list: readonly string[], relevant: ReadonlySet<string>, k: number): number | undefined {
  if (relevant.size === 0) return undefined;
  let hits = 0;
  for (const id of list.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / relevant.size;
}

/** Binary-relevance nDCG@k: Σ 1/log2(rank + 1) over hits, over the same for the best possible list. */
export function ndcgAt(list: readonly string[], relevant: ReadonlySet<string>, k: number): number | undefined {
  if (relevant.size === 0) return undefined;
  let dcg = 0;
  list.slice(0, k).forEach((id, index) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(k, relevant.size); index++) ideal += 1 / Math.log2(index + 2);
  return dcg / ideal;
}

/** 1 / rank of the first relevant id within the first `k` (0 when none is there). */
export function reciprocalRankAt(list: readonly string[], relevant: ReadonlySet<string>, k: number): number | undefined {
  if (relevant.size === 0) return undefined;
  const index = list.slice(0, k).findIndex((id) => relevant.has(id));
  return index < 0 ? 0 : 1 / (index + 1);
}

export interface AccuracyMetrics {
  /** Partners with at least one hidden connection: the ones averaged over. */
  users: number;
  recallAt5: number;
  recallAt10: number;
  ndcgAt10: number;
  /** Mean reciprocal rank within the top 10. */
  mrr: number;
}

/** Each metric averaged over the partners that have hidden connections (a missing list counts as empty). */
export function accuracy(lists: Lists, relevant: Relevant): AccuracyMetrics {
  const sums = { recallAt5: 0, recallAt10: 0, ndcgAt10: 0, mrr: 0 };
  let users = 0;
  for (const [user, hidden] of relevant) {
    if (hidden.size === 0) continue;
    const list = lists.get(user) ?? [];
    users++;
    sums.recallAt5 += recallAt(list, hidden, 5)!;
    sums.recallAt10 += recallAt(list, hidden, 10)!;
    sums.ndcgAt10 += ndcgAt(list, hidden, 10)!;
    sums.mrr += reciprocalRankAt(list, hidden, 10)!;
  }
  const mean = (sum: number) => (users === 0 ? 0 : sum / users);
  return { users, recallAt5: mean(sums.recallAt5), recallAt10: mean(sums.recallAt10), ndcgAt10: mean(sums.ndcgAt10), mrr: mean(sums.mrr) };
}

/** How often each of `catalogue` appears in the first `k` of anyone's list (0 for those that never do). */
export function appearances(lists: Lists, catalogue: readonly string[], k: number): Map<string, number> {
  const counts = new Map(catalogue.map((id) => [id, 0]));
  for (const list of lists.values()) {
    for (const id of list.slice(0, k)) {
      const count = counts.get(id);
      if (count !== undefined) counts.set(id, count + 1);
    }
  }
  return counts;
}

/** Share of `catalogue` appearing in at least one top-`k`. */
export function catalogueCoverage(lists: Lists, catalogue: readonly string[], k: number): number {
  if (catalogue.length === 0) return 0;
  let shown = 0;
  for (const count of appearances(lists, catalogue, k).values()) if (count > 0) shown++;
  return shown / catalogue.length;
}

/**
 * Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds all.
 * G = Σᵢ (2i − n − 1)·xᵢ / (n·Σx), values sorted ascending, i from 1.
 */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((value, index) => (weighted += (2 * (index + 1) - n - 1) * value));
  return weighted / (n * total);
}

/** Gini of the top-`k` appearances over `catalogue`: how unevenly exposure is spread. */
export function exposureGini(lists: Lists, catalogue: readonly string[], k: number): number {
  return gini([...appearances(lists, catalogue, k).values()]);
}

/** Share of top-`k` suggestions whose candidate has another sector than the partner. */
export function crossSectorShare(lists: Lists, sectorOf: ReadonlyMap<string, string>, k: number): number {
  let total = 0;
  let cross = 0;
  for (const [user, list] of lists) {
    for (const id of list.slice(0, k)) {
      total++;
      if (sectorOf.get(id) !== sectorOf.get(user)) cross++;
    }
  }
  return total === 0 ? 0 : cross / total;
}

/** The fields `gemeentenFullyServed` reads. */
export interface PlacedPartner {
  id: string;
  scope: string;
  gemeenten: readonly string[];
  matchingOptOut?: boolean;
}

/**
 * Of the gemeenten where at least one local or regional partner taking part works, the share
 * where every such partner has a non-empty list.
 */
export function gemeentenFullyServed(lists: Lists, partners: readonly PlacedPartner[]): number {
  const served = new Map<string, boolean>();
  for (const partner of partners) {
    if (partner.scope === 'national' || partner.matchingOptOut) continue;
    const has = (lists.get(partner.id)?.length ?? 0) > 0;
    for (const code of new Set(partner.gemeenten)) served.set(code, (served.get(code) ?? true) && has);
  }
  if (served.size === 0) return 0;
  let full = 0;
  for (const value of served.values()) if (value) full++;
  return full / served.size;
}

/** Per partner, its hidden partners: each hidden pair counts in both directions. */
export function relevantOf(hidden: readonly { a: string; b: string }[]): Map<string, Set<string>> {
  const relevant = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = relevant.get(from) ?? new Set<string>();
    set.add(to);
    relevant.set(from, set);
  };
  for (const { a, b } of hidden) {
    add(a, b);
    add(b, a);
  }
  return relevant;
}
