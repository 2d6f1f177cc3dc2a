import { OPGAVE_CODES } from '@app/taxonomy';
import { bitIndex, maskOf, popcount } from '../bits';
import { applyFairExposure, fairExposureActive } from '../fair-exposure';
import { rankAllPairsSync } from '../kernel';
import type { MatchingProfile } from '../matching-profile';
import { mulberry32, type Random } from '../synthetic';
import type { Connection, PartnerProfile } from '../types';
import type { Lists } from './metrics';

/**
 * The lists compared by bench:quality: the matching core with a profile, and four baselines.
 * Every ranker sees the same training connections and the same rules: no self, no opted-out
 * partner on either side, no pair that already works together. Ties break at random (seeded),
 * so a baseline is not flattered or hurt by input order.
 */
export interface RankerInput {
  profiles: readonly PartnerProfile[];
  /** The connections the ranker may see (the hidden ones left out). */
  train: readonly Connection[];
  k: number;
  seed: number;
}

export type Ranker = (input: RankerInput) => Lists;

interface Prepared {
  n: number;
  active: boolean[];
  connected: Set<number>[];
  random: Random;
}

function prepare(input: RankerInput): Prepared {
  const n = input.profiles.length;
  const indexOf = new Map(input.profiles.map((profile, index) => [profile.id, index]));
  const connected = Array.from({ length: n }, () => new Set<number>());
  for (const { a, b } of input.train) {
    const [x, y] = [indexOf.get(a), indexOf.get(b)];
    if (x === undefined || y === undefined) continue;
    connected[x].add(y);
    connected[y].add(x);
  }
  return { n, active: input.profiles.map((profile) => !profile.matchingOptOut), connected, random: mulberry32(input.seed) };
}

/**
 * Each active partner's top `k` by `score(user, candidate)` (higher first; a score below 0 means
 * "never"), ties at random. `candidatesOf` narrows the candidates scanned (default: everyone).
 */
function topByScore(
  input: RankerInput,
  score: (user: number, candidate: number) => number,
  candidatesOf?: (user: number) => Iterable<number>,
): Lists {
  const p = prepare(input);
  const lists = new Map<string, string[]>();
  const all = Array.from({ length: p.n }, (_, index) => index);
  for (let user = 0; user < p.n; user++) {
    if (!p.active[user]) continue;
    const best: { candidate: number; score: number; tie: number }[] = [];
    for (const candidate of candidatesOf ? candidatesOf(user) : all) {
      if (candidate === user || !p.active[candidate] || p.connected[user].has(candidate)) continue;
      const value = score(user, candidate);
      if (value < 0) continue;
      const entry = { candidate, score: value, tie: p.random() };
      const worse = (x: typeof entry, y: typeof entry) => x.score < y.score || (x.score === y.score && x.tie < y.tie);
      if (best.length === input.k && !worse(best[best.length - 1], entry)) continue;
      let at = best.length === input.k ? best.length - 1 : best.length;
      best[at] = entry;
      while (at > 0 && worse(best[at - 1], best[at])) {
        [best[at - 1], best[at]] = [best[at], best[at - 1]];
        at--;
      }
    }
    lists.set(input.profiles[user].id, best.map((entry) => input.profiles[entry.candidate].id));
  }
  return lists;
}

/** Uniformly random candidates. */
export const randomRanker: Ranker = (input) => topByScore(input, () => 0);

/** Only partners sharing a gemeente with the user, more shared gemeenten first; national partners get nothing from it. */
export const sameGemeenteRanker: Ranker = (input) => {
  const byGemeente = new Map<string, number[]>();
  input.profiles.forEach((profile, index) => {
    if (profile.scope === 'national') return;
    for (const code of new Set(profile.gemeenten)) byGemeente.set(code, [...(byGemeente.get(code) ?? []), index]);
  });
  const sets = input.profiles.map((profile) => new Set(profile.scope === 'national' ? [] : profile.gemeenten));
  const shared = (user: number, candidate: number) => {
    let count = 0;
    for (const code of sets[candidate]) if (sets[user].has(code)) count++;
    return count;
  };
  return topByScore(input, shared, (user) => new Set([...sets[user]].flatMap((code) => byGemeente.get(code) ?? [])));
};

/** Popularity: the candidates with the most training connections, the same order for everyone. */
export const mostConnectedRanker: Ranker = (input) => {
  const degree = new Map<string, number>();
  for (const { a, b } of input.train) {
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  const degrees = input.profiles.map((profile) => degree.get(profile.id) ?? 0);
  return topByScore(input, (_, candidate) => degrees[candidate]);
};

const OPGAVE_BITS = bitIndex(OPGAVE_CODES);

/** Tanimoto of the opgaven alone; pairs without a shared opgave are never suggested. */
export const opgavenOverlapRanker: Ranker = (input) => {
  const masks = input.profiles.map((profile) => maskOf(profile.opgaven, OPGAVE_BITS));
  return topByScore(input, (user, candidate) => {
    const both = popcount(masks[user] & masks[candidate]);
    return both === 0 ? -1 : both / popcount(masks[user] | masks[candidate]);
  });
};

/**
 * The matching core's full run with `profile`: its diversified lists, after the fair-exposure
 * step when the profile asks for it (no open introductions here: capacity never binds), cut to `k`.
 */
export function coreRanker(profile: MatchingProfile): Ranker {
  return (input) => {
    const ranked = rankAllPairsSync(input.profiles, { profile, connections: input.train });
    let natural = new Map(input.profiles.filter((partner) => !partner.matchingOptOut).map((partner) => [partner.id, ranked.list(partner.id)]));
    if (fairExposureActive(profile)) natural = new Map([...applyFairExposure(natural, profile)].map(([id, fair]) => [id, fair.ranked]));
    return new Map([...natural].map(([id, list]) => [id, list.slice(0, input.k).map((entry) => entry.candidateId)]));
  };
}
