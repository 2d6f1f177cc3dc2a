import { similarity } from 'ml-distance';
import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { LEEFDOMEIN_COUNT, regionComponent, resolveSettings, ResolvedSettings } from './components';
import { diversify } from './diversity';
import { assertValidMatchingProfile, DEFAULT_MATCHING_PROFILE, MatchingProfile, poolDepth, weightSum } from './matching-profile';
import { COMPONENT_NAMES, ComponentScores, Connection, PartnerProfile, RankedCandidate } from './types';

/** Everything besides the two profiles that a pair's score depends on. */
export interface MatchContext {
  profile: MatchingProfile;
  settings: ResolvedSettings;
  /** Existing collaborations: partner id → the ids it works with. */
  neighbours: ReadonlyMap<string, ReadonlySet<string>>;
  /** Pairs never to suggest (rejected by the team), as `pairKey`s. */
  excluded: ReadonlySet<string>;
}

/** Options shared by every ranking entry point. */
export interface MatchOptions {
  profile?: MatchingProfile;
  connections?: readonly Connection[];
  /** Pairs the team rejected: never suggested, in either direction. */
  excludedPairs?: readonly Connection[];
}

/** An order-independent key for a pair of ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Validates the profile and indexes the connections and exclusions. */
export function buildMatchContext(options: MatchOptions = {}): MatchContext {
  const profile = options.profile ?? DEFAULT_MATCHING_PROFILE;
  assertValidMatchingProfile(profile);
  const neighbours = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    const set = neighbours.get(from) ?? new Set<string>();
    set.add(to);
    neighbours.set(from, set);
  };
  for (const { a, b } of options.connections ?? []) {
    if (a === b) continue;
    link(a, b);
    link(b, a);
  }
  const excluded = new Set((options.excludedPairs ?? []).map(({ a, b }) => pairKey(a, b)));
  return { profile, settings: resolveSettings(profile), neighbours, excluded };
}

/**
 * Whether b may be suggested to a: not itself, neither opted out, not already
 * connected, and not a pair the team excluded.
 */
export function isSuggestable(a: PartnerProfile, b: PartnerProfile, context: MatchContext): boolean {
  if (a.id === b.id || a.matchingOptOut || b.matchingOptOut) return false;
  if (context.neighbours.get(a.id)?.has(b.id)) return false;
  return !context.excluded.has(pairKey(a.id, b.id));
}

function bitVector(codes: readonly string[], present: readonly string[]): number[] {
  return codes.map((code) => (present.includes(code) ? 1 : 0));
}

/** Tanimoto (Jaccard) of two sets via ml-distance; two empty sets share nothing, so 0. */
export function setTanimoto(universe: readonly string[], a: readonly string[], b: readonly string[]): number {
  const va = bitVector(universe, a);
  const vb = bitVector(universe, b);
  if (!va.some((bit, index) => bit === 1 || vb[index] === 1)) return 0;
  return similarity.tanimoto(va, vb, true);
}

function countIn(items: readonly string[], set: readonly string[]): number {
  let count = 0;
  for (const item of new Set(items)) if (set.includes(item)) count++;
  return count;
}

/** The straightforward component computation the fast kernel is checked against. */
export function componentsReference(a: PartnerProfile, b: PartnerProfile, context: MatchContext): ComponentScores {
  const coverage = context.settings.leefdomeinenCoverage;
  const domainsTogether = LEEFDOMEIN_CODES.filter((code) => a.leefdomeinen.includes(code) || b.leefdomeinen.includes(code)).length;
  const needsA = new Set(a.needs).size;
  const needsB = new Set(b.needs).size;
  const neighboursA = [...(context.neighbours.get(a.id) ?? [])];
  const neighboursB = [...(context.neighbours.get(b.id) ?? [])];
  const neighbourUniverse = [...new Set([...neighboursA, ...neighboursB])];
  return {
    opgaven: setTanimoto(OPGAVE_CODES, a.opgaven, b.opgaven),
    leefdomeinen:
      (1 - coverage) * setTanimoto(LEEFDOMEIN_CODES, a.leefdomeinen, b.leefdomeinen) + coverage * (domainsTogether / LEEFDOMEIN_COUNT),
    sector: context.profile.sectorAffinity[a.sector]?.[b.sector] ?? 0,
    region: regionComponent(a, b, context.settings),
    reciprocity: needsA + needsB === 0 ? 0 : (countIn(a.needs, b.offers) + countIn(b.needs, a.offers)) / (needsA + needsB),
    network: setTanimoto(neighbourUniverse, neighboursA, neighboursB),
  };
}

/** Σ wᵢ·cᵢ / Σ wᵢ in component order. */
export function combineComponents(components: ComponentScores, profile: MatchingProfile): number {
  let sum = 0;
  for (const name of COMPONENT_NAMES) sum += profile.weights[name] * components[name];
  return sum / weightSum(profile);
}

/** Reference score of a pair: components and their weighted mean. */
export function scorePairReference(
  a: PartnerProfile,
  b: PartnerProfile,
  context: MatchContext,
): { score: number; components: ComponentScores } {
  const components = componentsReference(a, b, context);
  return { score: combineComponents(components, context.profile), components };
}

/** Higher score first; equal scores by id, so every ranking in the library is deterministic. */
export function compareRanked(x: RankedCandidate, y: RankedCandidate): number {
  if (x.score !== y.score) return y.score - x.score;
  return x.candidateId < y.candidateId ? -1 : x.candidateId > y.candidateId ? 1 : 0;
}

/**
 * The naive ranking of one partner: score every other partner with the reference scorer,
 * sort, keep the first `depth` (default: the profile's k). No diversity re-rank.
 */
export function rankPartnerReference(
  target: PartnerProfile,
  profiles: readonly PartnerProfile[],
  context: MatchContext,
  depth = context.profile.k,
): RankedCandidate[] {
  if (target.matchingOptOut) return [];
  const ranked: RankedCandidate[] = [];
  for (const candidate of profiles) {
    if (!isSuggestable(target, candidate, context)) continue;
    ranked.push({ candidateId: candidate.id, score: scorePairReference(target, candidate, context).score });
  }
  return ranked.sort(compareRanked).slice(0, depth);
}

/**
 * The reference for a partner's final list: rank everyone naively, take the pool the
 * profile asks for and apply the sector-diversity re-rank. What the kernel must reproduce.
 */
export function referenceList(target: PartnerProfile, profiles: readonly PartnerProfile[], context: MatchContext): RankedCandidate[] {
  const sectorOf = new Map(profiles.map((p) => [p.id, SECTOR_CODES.includes(p.sector) ? p.sector : '']));
  const pool = rankPartnerReference(target, profiles, context, poolDepth(context.profile));
  return diversify(pool, (id) => sectorOf.get(id)!, context.profile.k, context.profile.diversity);
}
