/**
 * npm run bench:quality [-- --json] [--n 2000]
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
import { DEFAULT_MATCHING_PROFILE } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import {
  coreRanker,
  DEFAULT_PROTOCOL,
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
const SYNTHETIC_SEED = 4242;
/** The target: the default profile's recall@10 at least this much above the best baseline's (relative), exposure Gini at most this. */
const TARGET_GAIN = 0.25;
const TARGET_GINI = 0.5;
const DEFAULT_METHOD = 'default profile';

const args = process.argv.slice(2);
const json = args.includes('--json');
const nArg = args.indexOf('--n');
const syntheticCount = nArg >= 0 ? Number(args[nArg + 1]) : 2000;
if (!Number.isInteger(syntheticCount) || syntheticCount < 50) throw new Error(`--n must be an integer ≥ 50, not ${args[nArg + 1]}`);

const METHODS = [
  { name: 'random', rank: randomRanker },
  { name: 'same-gemeente-only', rank: sameGemeenteRanker },
  { name: 'most-connected', rank: mostConnectedRanker },
  { name: 'opgaven-overlap-only', rank: opgavenOverlapRanker },
  { name: DEFAULT_METHOD, rank: coreRanker(DEFAULT_MATCHING_PROFILE) },
];

const BASE = DEFAULT_MATCHING_PROFILE;
const DIAGNOSTICS = [
  { name: 'opgaven+region only', rank: coreRanker({ ...BASE, weights: { opgaven: 0.5, leefdomeinen: 0, sector: 0, region: 0.5, reciprocity: 0, network: 0 } }) },
  { name: 'default, nat.reach 0.1', rank: coreRanker({ ...BASE, nationalReach: 0.1 }) },
  { name: 'default + network 0.2', rank: coreRanker({ ...BASE, weights: { ...BASE.weights, network: 0.2 } }) },
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

function main(): void {
  const started = performance.now();
  const protocol = DEFAULT_PROTOCOL;
  const demoProfiles = generateSyntheticProfiles({ count: DEMO.count, seed: DEMO.seed });
  const demoConnections = generateSyntheticConnections(demoProfiles, { seed: DEMO.seed, perPartner: DEMO.perPartner });
  const synthetic = groundTruthNetwork({ count: syntheticCount, seed: SYNTHETIC_SEED });
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
    `(2) synthetic ground truth: ${synthetic.profiles.length} partners, ${synthetic.connections.length} connections (${synthetic.facts.projects} latent projects → ${synthetic.facts.projectConnections}, noise ${synthetic.facts.noiseConnections}), ${Math.round(synth[0].mean.users)} partners measured`,
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
        connections: synthetic.connections.length,
        seeds: protocol.seeds.length,
        hidden_share: protocol.hiddenShare,
        baselines: Object.fromEntries(synth.filter((result) => result !== core).map((result) => [result.method, { recall_at_10: round(result.mean.recallAt10), ndcg_at_10: round(result.mean.ndcgAt10), exposure_gini: round(result.mean.exposureGini) }])),
        load_avg_1m: round(load[0]),
      }),
    );
  }
}

main();
