import { mulberry32 } from '../synthetic';
import type { Connection, PartnerProfile } from '../types';
import { accuracy, catalogueCoverage, crossSectorShare, exposureGini, gemeentenFullyServed, relevantOf, type AccuracyMetrics } from './metrics';
import type { Ranker } from './rankers';

/** The bench:quality protocol: hide a share of the connections, rank without them, measure on them. */
export interface ProtocolOptions {
  /** Share of the connections hidden per seed. */
  hiddenShare: number;
  seeds: readonly number[];
  /** List length measured (recall@5 and @10, nDCG@10 and MRR read the first 10). */
  k: number;
}

export const DEFAULT_PROTOCOL: ProtocolOptions = { hiddenShare: 0.2, seeds: [1, 2, 3, 4, 5], k: 10 };

/**
 * Hides `share` of the connections between partners that take part in matching (a pair with an
 * opted-out partner can never be suggested, so it is never hidden and stays in training).
 * Seeded Fisher–Yates: the same seed hides the same pairs.
 */
export function splitConnections(profiles: readonly PartnerProfile[], connections: readonly Connection[], share: number, seed: number): { train: Connection[]; hidden: Connection[] } {
  const active = new Set(profiles.filter((profile) => !profile.matchingOptOut).map((profile) => profile.id));
  const eligible = connections.filter(({ a, b }) => active.has(a) && active.has(b));
  const kept = connections.filter(({ a, b }) => !(active.has(a) && active.has(b)));
  const random = mulberry32(seed);
  const order = [...eligible];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const count = Math.round(share * eligible.length);
  return { hidden: order.slice(0, count), train: [...kept, ...order.slice(count)] };
}

export interface QualityFigures extends AccuracyMetrics {
  /** Share of the partners taking part that appear in someone's top 10. */
  coverage: number;
  exposureGini: number;
  crossSectorShare: number;
  /** Share of gemeenten (with local or regional partners taking part) whose partners all get a suggestion. */
  gemeentenServed: number;
}

export interface MethodResult {
  method: string;
  /** Mean over the seeds. */
  mean: QualityFigures;
  /** Sample standard deviation of recall@10 over the seeds. */
  recallAt10Sd: number;
  perSeed: QualityFigures[];
  /** Wall time of ranking, mean per seed, in ms. */
  rankMs: number;
}

const FIGURES: (keyof QualityFigures)[] = ['users', 'recallAt5', 'recallAt10', 'ndcgAt10', 'mrr', 'coverage', 'exposureGini', 'crossSectorShare', 'gemeentenServed'];

/** Every method on every seed's split; `now` is the clock (injected: the core reads no clock). */
export function runProtocol(
  profiles: readonly PartnerProfile[],
  connections: readonly Connection[],
  methods: readonly { name: string; rank: Ranker }[],
  options: ProtocolOptions,
  now: () => number,
): MethodResult[] {
  const catalogue = profiles.filter((profile) => !profile.matchingOptOut).map((profile) => profile.id);
  const sectorOf = new Map(profiles.map((profile) => [profile.id, profile.sector]));
  const splits = options.seeds.map((seed) => ({ seed, ...splitConnections(profiles, connections, options.hiddenShare, seed) }));
  return methods.map(({ name, rank }) => {
    let elapsed = 0;
    const perSeed = splits.map(({ seed, train, hidden }) => {
      const started = now();
      const lists = rank({ profiles, train, k: options.k, seed: seed * 7919 + 1 });
      elapsed += now() - started;
      return {
        ...accuracy(lists, relevantOf(hidden)),
        coverage: catalogueCoverage(lists, catalogue, options.k),
        exposureGini: exposureGini(lists, catalogue, options.k),
        crossSectorShare: crossSectorShare(lists, sectorOf, options.k),
        gemeentenServed: gemeentenFullyServed(lists, profiles),
      };
    });
    const mean = Object.fromEntries(FIGURES.map((key) => [key, perSeed.reduce((sum, figures) => sum + figures[key], 0) / perSeed.length])) as unknown as QualityFigures;
    const recalls = perSeed.map((figures) => figures.recallAt10);
    const sd = recalls.length < 2 ? 0 : Math.sqrt(recalls.reduce((sum, value) => sum + (value - mean.recallAt10) ** 2, 0) / (recalls.length - 1));
    return { method: name, mean, recallAt10Sd: sd, perSeed, rankMs: elapsed / splits.length };
  });
}
