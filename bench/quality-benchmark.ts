/**
 * npm run bench:quality [-- --json] [--n 2000] [--seed 4242]
 *
 * How good the suggestions are, offline and in-process (the matching core, no database): on
 * (1) the demo network and (2) a seeded synthetic network of --n partners (default 2,000) whose
 * connections come from a hidden ground truth that is not the scoring formula (latent projects
 * per gemeente and opgave, hidden activity, noise; see libs/matching/src/quality/ground-truth.ts).
 * Per network, 20% of the connections are hidden (5 seeds), every method ranks without them,
 * and the hidden ones are measured: recall@5, recall@10, nDCG@10, MRR; plus catalogue coverage,
 * exposure Gini of top-10 appearances, cross-sector share and the share of gemeenten whose
 * partners all get a suggestion. Methods: random, same-gemeente-only, most-connected,
 * opgaven-overlap-only and the current default profile, side by side. With --json the last line
 * is one JSON object for the synthetic network.
 */
import '../libs/matching/bench/register-paths';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MATCHING_PROFILE, EXPOSURE_TOP_PLACES, kennisdelenComponents, nearestGemeenten, rankKennisdelen, type MatchingProfile, type PartnerProfile } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import {
  appearances,
  coreRanker,
  DEFAULT_PROTOCOL,
  exposureGini,
  GROUND_TRUTH,
  groundTruthNetwork,
  mostConnectedRanker,
  opgavenOverlapRanker,
  randomRanker,
  runProtocol,
  sameGemeenteRanker,
  type MethodResult,
} from '../libs/matching/src/quality';

/** The demo seed's network: libs/demo-data's buildDemoData uses this generator with these numbers. */
const DEMO = { count: 300, seed: 2030, perPartner: 1.5 };
const DEFAULT_SYNTHETIC_SEED = 4242;
/** The target: the default profile's recall@10 at least this much above the best baseline's (relative), exposure Gini at most this. */
const TARGET_GAIN = 0.25;
const TARGET_GINI = 0.5;
const DEFAULT_METHOD = 'default profile';

const args = process.argv.slice(2);
const json = args.includes('--json');
const nArg = args.indexOf('--n');
const syntheticCount = nArg >= 0 ? Number(args[nArg + 1]) : 2000;
if (!Number.isInteger(syntheticCount) || syntheticCount < 50) throw new Error(`--n must be an integer ≥ 50, not ${args[nArg + 1]}`);
// Another seed draws another network from the same hidden process: a check that a profile is not tuned to one sample.
const seedArg = args.indexOf('--seed');
const syntheticSeed = seedArg >= 0 ? Number(args[seedArg + 1]) : DEFAULT_SYNTHETIC_SEED;
if (!Number.isInteger(syntheticSeed) || syntheticSeed < 0) throw new Error(`--seed must be an integer ≥ 0, not ${args[seedArg + 1]}`);

/**
 * The default profile before issue 18 (version 1 of the code's default), kept here as a baseline
 * so every run shows what the change to today's default is worth.
 */
const PREVIOUS_DEFAULT: MatchingProfile = {
  ...DEFAULT_MATCHING_PROFILE,
  weights: { opgaven: 0.3, leefdomeinen: 0.15, sector: 0.15, region: 0.25, reciprocity: 0.15, network: 0 },
  regionHalfDistanceKm: 15,
  nationalReach: 0.5,
};

const METHODS = [
  { name: 'random', rank: randomRanker },
  { name: 'same-gemeente-only', rank: sameGemeenteRanker },
  { name: 'most-connected', rank: mostConnectedRanker },
  { name: 'opgaven-overlap-only', rank: opgavenOverlapRanker },
  { name: 'previous default', rank: coreRanker(PREVIOUS_DEFAULT) },
  { name: DEFAULT_METHOD, rank: coreRanker(DEFAULT_MATCHING_PROFILE) },
];

const BASE = DEFAULT_MATCHING_PROFILE;
// One change of today's default at a time, back to the previous value: what each part is worth here.
const DIAGNOSTICS = [
  { name: 'default, network 0', rank: coreRanker({ ...BASE, weights: { ...BASE.weights, network: 0 } }) },
  { name: 'default, half-dist. 15', rank: coreRanker({ ...BASE, regionHalfDistanceKm: 15 }) },
  { name: 'default, nat.reach 0.5', rank: coreRanker({ ...BASE, nationalReach: 0.5 }) },
  { name: 'default, recipr. 0.15', rank: coreRanker({ ...BASE, weights: { ...BASE.weights, reciprocity: 0.15 } }) },
  { name: 'opgaven+region only', rank: coreRanker({ ...BASE, weights: { opgaven: 0.5, leefdomeinen: 0, sector: 0, region: 0.5, reciprocity: 0, network: 0 } }) },
];

const pct = (value: number) => `${(100 * value).toFixed(1)}%`.padStart(7);
const num = (value: number) => value.toFixed(3).padStart(6);

function printTable(title: string, results: MethodResult[]): void {
  console.log(`\n${title}`);
  console.log(`  ${'method'.padEnd(22)} ${'R@5'.padStart(6)} ${'R@10'.padStart(6)} ${'±sd'.padStart(6)} ${'nDCG10'.padStart(6)} ${'MRR'.padStart(6)} ${'cover'.padStart(7)} ${'Gini'.padStart(6)} ${'cross'.padStart(7)} ${'gem.ok'.padStart(7)} ${'ms'.padStart(6)}`);
  for (const { method, mean, recallAt10Sd, rankMs } of results) {
    console.log(
      `  ${method.padEnd(22)} ${num(mean.recallAt5)} ${num(mean.recallAt10)} ${num(recallAt10Sd)} ${num(mean.ndcgAt10)} ${num(mean.mrr)} ${pct(mean.coverage)} ${num(mean.exposureGini)} ${pct(mean.crossSectorShare)} ${pct(mean.gemeentenServed)} ${String(Math.round(rankMs)).padStart(6)}`,
    );
  }
}

function verdict(results: MethodResult[]) {
  const core = results.find((result) => result.method === DEFAULT_METHOD)!;
  const baselines = results.filter((result) => result !== core);
  const best = baselines.reduce((x, y) => (y.mean.recallAt10 > x.mean.recallAt10 ? y : x));
  const gain = best.mean.recallAt10 > 0 ? core.mean.recallAt10 / best.mean.recallAt10 - 1 : Infinity;
  return { core, best, gain, met: gain >= TARGET_GAIN && core.mean.exposureGini <= TARGET_GINI };
}

/**
 * kennisdelen (pure core only, no hidden ground truth for it): what its lists hold beside the
 * samenwerken lists, for the first 200 partners taking part; distance between the nearest gemeenten.
 */
function printKennisdelen(profiles: readonly PartnerProfile[], samenwerken: ReadonlyMap<string, readonly string[]>): void {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const viewers = profiles.filter((profile) => !profile.matchingOptOut).slice(0, 200);
  const describe = (pairs: [PartnerProfile, PartnerProfile][], kennis: boolean) => {
    const km = pairs.map(([a, b]) => nearestGemeenten(a, b)?.km).filter((value): value is number => value !== undefined).sort((x, y) => x - y);
    const sameSector = pairs.filter(([a, b]) => a.sector === b.sector).length / pairs.length;
    const complementary = pairs.filter(([a, b]) => kennisdelenComponents(a, b).kennisbronnen > 0).length / pairs.length;
    const sharedOpgave = pairs.filter(([a, b]) => a.opgaven.some((code) => b.opgaven.includes(code))).length / pairs.length;
    console.log(`  ${(kennis ? 'kennisdelen' : 'samenwerken').padEnd(14)} ${pct(sameSector)} ${pct(sharedOpgave)} ${pct(complementary)} ${String(Math.round(km[Math.floor(km.length / 2)] ?? 0)).padStart(8)}`);
  };
  const kennis = viewers.flatMap((viewer) => rankKennisdelen(viewer, profiles).map((s) => [viewer, byId.get(s.candidateId)!] as [PartnerProfile, PartnerProfile]));
  const samen = viewers.flatMap((viewer) => (samenwerken.get(viewer.id) ?? []).map((id) => [viewer, byId.get(id)!] as [PartnerProfile, PartnerProfile]));
  console.log(`\n    kennisdelen on (2), top 10 of ${viewers.length} partners beside the samenwerken top 10 (the core's kennisdelen profile, no ground truth)`);
  console.log(`  ${'purpose'.padEnd(14)} ${'same s.'.padStart(7)} ${'opgave'.padStart(7)} ${'compl.'.padStart(7)} ${'km p50'.padStart(8)}`);
  describe(samen, false);
  describe(kennis, true);
}

let fairFigures: Record<string, { recall_at_10: number; exposure_gini: number }> = {};

function main(): void {
  const started = performance.now();
  const protocol = DEFAULT_PROTOCOL;
  const demoProfiles = generateSyntheticProfiles({ count: DEMO.count, seed: DEMO.seed });
  const demoConnections = generateSyntheticConnections(demoProfiles, { seed: DEMO.seed, perPartner: DEMO.perPartner });
  const synthetic = groundTruthNetwork({ count: syntheticCount, seed: syntheticSeed });
  const clock = () => performance.now();
  const load = loadavg();
  console.log(`bench:quality on ${availableParallelism()} cores, load ${load.map((value) => value.toFixed(2)).join(' ')} (1/5/15 min)`);
  console.log(`protocol: hide ${pct(protocol.hiddenShare).trim()} of the connections between partners taking part, seeds ${protocol.seeds.join(', ')}; top ${protocol.k}; means over the seeds`);

  const demo = runProtocol(demoProfiles, demoConnections, METHODS, protocol, clock);
  printTable(
    `(1) demo network: ${demoProfiles.length} partners, ${demoConnections.length} connections (geography-only generator: same or nearby gemeente, a quarter random), ~${Math.round(demoConnections.length * protocol.hiddenShare)} hidden per seed, ${Math.round(demo[0].mean.users)} partners measured`,
    demo,
  );
  const synth = runProtocol(synthetic.profiles, synthetic.connections, METHODS, protocol, clock);
  printTable(
    `(2) synthetic ground truth (seed ${syntheticSeed}): ${synthetic.profiles.length} partners, ${synthetic.connections.length} connections (${synthetic.facts.projects} latent projects → ${synthetic.facts.projectConnections}, noise ${synthetic.facts.noiseConnections}), ${Math.round(synth[0].mean.users)} partners measured`,
    synth,
  );
  console.log(`  ground truth: ${JSON.stringify(GROUND_TRUTH)}`);
  // Not baselines: variations of the default profile that show which of its parts help or hurt here.
  const diagnostics = runProtocol(synthetic.profiles, synthetic.connections, DIAGNOSTICS, protocol, clock);
  printTable('    diagnostics on (2), variations of the default profile (not baselines, not the target):', diagnostics);
  const national = new Set(synthetic.profiles.filter((profile) => profile.scope === 'national').map((profile) => profile.id));
  const defaultLists = coreRanker(DEFAULT_MATCHING_PROFILE)({ profiles: synthetic.profiles, train: synthetic.connections, k: protocol.k, seed: 1 });
  const slots = [...defaultLists.values()].flat();
  const nationalProjects = `${Math.round(100 * GROUND_TRUTH.nationalJoin)}% of projects take one national partner`;
  console.log(`    national partners: ${national.size} of ${synthetic.profiles.length}; they fill ${pct(slots.filter((id) => national.has(id)).length / slots.length).trim()} of the default profile's top-10 places (lists over all connections) (ground truth: ${nationalProjects})`);

  // Fair exposure (the profile's maxTopPlaces): the same default with a cap on top-5 places, at 4×, 3× and 2× the mean
  // (every list's five places shared by everyone taking part); figures over the seeds, and top-5 counts on lists over all connections.
  const catalogue = synthetic.profiles.filter((profile) => !profile.matchingOptOut).map((profile) => profile.id);
  // As many lists as candidates, so a candidate's mean number of top-5 places is 5.
  const meanTopPlaces = EXPOSURE_TOP_PLACES;
  const caps = [4, 3, 2].map((times) => times * meanTopPlaces);
  const fairMethods = [{ name: 'default (no cap)', rank: coreRanker(BASE) }, ...caps.map((cap) => ({ name: `maxTopPlaces ${cap}`, rank: coreRanker({ ...BASE, maxTopPlaces: cap }) }))];
  const fair = runProtocol(synthetic.profiles, synthetic.connections, fairMethods, protocol, clock);
  console.log('\n    fair exposure on (2): exposure Gini of top-10 (and of top-5) places with and without the cap');
  console.log(`  ${'method'.padEnd(22)} ${'R@10'.padStart(6)} ${'Gini10'.padStart(6)} ${'Gini5'.padStart(6)} ${'max@5'.padStart(6)} ${'cover'.padStart(7)}`);
  for (const [index, result] of fair.entries()) {
    const lists = fairMethods[index].rank({ profiles: synthetic.profiles, train: synthetic.connections, k: protocol.k, seed: 1 });
    const top5 = [...appearances(lists, catalogue, EXPOSURE_TOP_PLACES).values()];
    console.log(
      `  ${result.method.padEnd(22)} ${num(result.mean.recallAt10)} ${num(result.mean.exposureGini)} ${num(exposureGini(lists, catalogue, EXPOSURE_TOP_PLACES))} ${String(Math.max(...top5)).padStart(6)} ${pct(result.mean.coverage)}`,
    );
  }
  fairFigures = Object.fromEntries(fair.map((result) => [result.method, { recall_at_10: result.mean.recallAt10, exposure_gini: result.mean.exposureGini }]));

  printKennisdelen(synthetic.profiles, defaultLists);

  const { core, best, gain, met } = verdict(synth);
  console.log(
    `\ntarget (synthetic): default profile recall@10 ${core.mean.recallAt10.toFixed(3)} vs best baseline ${best.method} ${best.mean.recallAt10.toFixed(3)}: ` +
      `${gain >= 0 ? '+' : ''}${(100 * gain).toFixed(1)}% (target ≥ +${100 * TARGET_GAIN}%), exposure Gini ${core.mean.exposureGini.toFixed(3)} (target ≤ ${TARGET_GINI}): ${met ? 'MET' : 'NOT MET'}`,
  );
  const demoVerdict = verdict(demo);
  console.log(`demo network: default profile recall@10 ${demoVerdict.core.mean.recallAt10.toFixed(3)} vs best baseline ${demoVerdict.best.method} ${demoVerdict.best.mean.recallAt10.toFixed(3)} (${(100 * demoVerdict.gain).toFixed(1)}%)`);
  console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (json) {
    const round = (value: number) => Math.round(value * 1e4) / 1e4;
    console.log(
      JSON.stringify({
        recall_at_10: round(core.mean.recallAt10),
        ndcg_at_10: round(core.mean.ndcgAt10),
        best_baseline_recall_at_10: round(best.mean.recallAt10),
        coverage: round(core.mean.coverage),
        exposure_gini: round(core.mean.exposureGini),
        recall_at_5: round(core.mean.recallAt5),
        mrr: round(core.mean.mrr),
        best_baseline: best.method,
        relative_gain: round(gain),
        cross_sector_share: round(core.mean.crossSectorShare),
        gemeenten_served_share: round(core.mean.gemeentenServed),
        target_met: met,
        partners: synthetic.profiles.length,
        synthetic_seed: syntheticSeed,
        connections: synthetic.connections.length,
        seeds: protocol.seeds.length,
        hidden_share: protocol.hiddenShare,
        fair_exposure: Object.fromEntries(Object.entries(fairFigures).map(([name, figures]) => [name, { recall_at_10: round(figures.recall_at_10), exposure_gini: round(figures.exposure_gini) }])),
        baselines: Object.fromEntries(synth.filter((result) => result !== core).map((result) => [result.method, { recall_at_10: round(result.mean.recallAt10), ndcg_at_10: round(result.mean.ndcgAt10), exposure_gini: round(result.mean.exposureGini) }])),
        load_avg_1m: round(load[0]),
      }),
    );
  }
}

main();
