import type { RankedCandidate } from './types';

/**
 * Sector-diversity re-rank (a maximal-marginal-relevance step over sector) of a ranked
 * pool, best first, into `k` places. Each next place goes to the candidate with the highest
 *
 *   score − strength × (share of the places taken so far held by its sector)
 *
 * so a second school needs to beat the best non-school by `strength` to come next, and the
 * penalty fades as the list fills with a mix. Ties keep pool order; strength 0 is plain top-k.
 * The kernel's `diversifyPool` is the typed-array twin of this function.
 */
export function diversify(
  pool: readonly RankedCandidate[],
  sectorOf: (candidateId: string) => string,
  k: number,
  strength: number,
): RankedCandidate[] {
  if (strength === 0) return pool.slice(0, k);
  const remaining = [...pool];
  const taken = new Map<string, number>();
  const chosen: RankedCandidate[] = [];
  while (chosen.length < k && remaining.length > 0) {
    const place = chosen.length;
    let best = 0;
    let bestValue = -Infinity;
    remaining.forEach((candidate, index) => {
      const penalty = place === 0 ? 0 : (strength * (taken.get(sectorOf(candidate.candidateId)) ?? 0)) / place;
      const value = candidate.score - penalty;
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    });
    const [next] = remaining.splice(best, 1);
    const sector = sectorOf(next.candidateId);
    taken.set(sector, (taken.get(sector) ?? 0) + 1);
    chosen.push(next);
  }
  return chosen;
}

/**
 * The place each entry of a diversified list would have by score alone (1-based, ties in
 * list order). Where it differs from the entry's own place, the diversity step moved it,
 * and the list says so (reasons.ts `diversity-moved`) instead of leaving a rank whose
 * score is below the next one unexplained.
 */
export function scoreRanks(list: readonly RankedCandidate[]): number[] {
  const byScore = list.map((entry, index) => ({ score: entry.score, index })).sort((a, b) => b.score - a.score || a.index - b.index);
  const ranks = new Array<number>(list.length);
  byScore.forEach(({ index }, position) => (ranks[index] = position + 1));
  return ranks;
}
