/**
 * npm run bench:matching [-- --n 100000] [--json] [--threads 2] [--updates 200]
 *
 * For n = 300, 10,000 (and --n if larger): the naive reference (per pair ml-distance,
 * sampled on a share of the rows at large n and scaled), the fast kernel on one thread and
 * on all threads, with pairs/s, peak RSS and the speed-up; this machine's limit (the tight
 * loop of `pairFloor` over the same packed pairs on the same threads) and how far the kernel
 * is from it; then p50/p95 of incremental updates at the largest n. With --json the last
 * line is one JSON object for the largest n.
 */
import './register-paths';
import { availableParallelism } from 'os';
import { buildMatchContext, DEFAULT_MATCHING_PROFILE, MatchIndex, PartnerProfile, prepareRun, rankAllPairs, referenceList, runPairFloorThreads } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles, SyntheticPartner } from '@app/matching/synthetic';
import { OPGAVE_CODES } from '@app/taxonomy';

interface Row {
  n: number;
  naive_s: number;
  naive_sampled: boolean;
  naive_rows: number;
  fast1_s: number;
  fastAll_s: number;
  threads: number;
  /** The tight loop over the same packed pairs on the same threads, and fastAll_s / limit_s. */
  limit_s: number;
  limit_ratio: number;
  speedup: number;
  rss_mb: number;
  lists_equal: boolean;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const largest = option('n', 10_000);
const threads = option('threads', availableParallelism());
const updates = option('updates', 200);
const json = args.includes('--json');
const sizes = [...new Set([300, Math.min(10_000, largest), largest])].sort((a, b) => a - b);
const profile = DEFAULT_MATCHING_PROFILE;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const log = (line: string) => console.log(line);

function dataset(n: number) {
  const profiles = generateSyntheticProfiles({ count: n, seed: 2024 });
  const connections = generateSyntheticConnections(profiles, { seed: 2025, perPartner: 4 });
  return { profiles, connections };
}

async function measure(n: number): Promise<Row> {
  const { profiles, connections } = dataset(n);
  const options = { profile, connections };
  // Naive: every row scored against everyone with the ml-distance reference, then ranked.
  // At large n only a spread sample of rows is timed and the time scaled to all rows.
  const context = buildMatchContext(options);
  const naiveRows = Math.min(n, Math.max(10, Math.floor(1_500_000 / n)));
  const step = n / naiveRows;
  const sampleIds: string[] = [];
  const naiveLists = new Map<string, string[]>();
  let started = process.hrtime.bigint();
  for (let r = 0; r < naiveRows; r++) {
    const target = profiles[Math.floor(r * step)];
    sampleIds.push(target.id);
    naiveLists.set(target.id, referenceList(target, profiles, context).map((c) => c.candidateId));
  }
  const naive = (seconds(started) * n) / naiveRows;

  started = process.hrtime.bigint();
  const single = await rankAllPairs(profiles, { ...options, threads: 1 });
  const fast1 = seconds(started);
  started = process.hrtime.bigint();
  const all = await rankAllPairs(profiles, { ...options, threads });
  const fastAll = seconds(started);
  const run = prepareRun(profiles, options, { shared: true });
  started = process.hrtime.bigint();
  await runPairFloorThreads({ packed: run.store.packed, params: run.params, index: run.index }, threads);
  const limit = seconds(started);
  const listsEqual = sampleIds.every(
    (id) =>
      JSON.stringify(all.list(id).map((c) => c.candidateId)) === JSON.stringify(naiveLists.get(id)) &&
      JSON.stringify(single.list(id)) === JSON.stringify(all.list(id)),
  );
  return {
    n,
    naive_s: naive,
    naive_sampled: naiveRows < n,
    naive_rows: naiveRows,
    fast1_s: fast1,
    fastAll_s: fastAll,
    threads,
    limit_s: limit,
    limit_ratio: fastAll / limit,
    speedup: naive / fastAll,
    rss_mb: peakRssMb(),
    lists_equal: listsEqual,
  };
}

/** p50/p95 of single-partner updates on an index of n partners: edits, opt-outs, newcomers, removals. */
async function incremental(n: number): Promise<{ p50: number; p95: number; build_s: number; changed_avg: number }> {
  const { profiles, connections } = dataset(n);
  let started = process.hrtime.bigint();
  const index = await MatchIndex.build(profiles, { profile, connections, threads });
  const build = seconds(started);
  const newcomers = generateSyntheticProfiles({ count: updates, seed: 77 });
  const times: number[] = [];
  let changed = 0;
  for (let u = 0; u < updates; u++) {
    const target: SyntheticPartner = profiles[(u * 7919) % n];
    let update: () => { changedPartnerIds: string[] };
    switch (u % 4) {
      case 0:
        update = () => index.upsert({ ...target, opgaven: [OPGAVE_CODES[u % OPGAVE_CODES.length], ...target.opgaven.slice(1)] });
        break;
      case 1:
        update = () => index.upsert({ ...target, matchingOptOut: !target.matchingOptOut } as PartnerProfile);
        break;
      case 2:
        update = () => index.upsert(newcomers[u]);
        break;
      default:
        update = () => index.remove(target.id);
    }
    started = process.hrtime.bigint();
    changed += update().changedPartnerIds.length;
    times.push(seconds(started) * 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), build_s: build, changed_avg: changed / updates };
}

async function main() {
  log(`Partnermatch matching benchmark: top-${profile.k} per partner (diversity ${profile.diversity}), ${threads} threads, node ${process.version}`);
  log('');
  log('       n | naive (s)            |  fast 1 thread (s)  | fast all (s)         | limit (s)            | ÷ limit | speed-up | peak RSS | lists = naive');
  const rows: Row[] = [];
  for (const n of sizes) {
    const row = await measure(n);
    rows.push(row);
    const pairs = n * (n - 1);
    const cell = (s: number) => `${s.toFixed(s < 10 ? 3 : 1).padStart(8)} ${`${(pairs / s / 1e6).toFixed(1)}M/s`.padStart(10)}`;
    log(
      `${String(n).padStart(8)} | ${cell(row.naive_s)}${row.naive_sampled ? '*' : ' '} | ${cell(row.fast1_s)} | ${cell(row.fastAll_s)} | ${cell(row.limit_s)} | ${row.limit_ratio.toFixed(2).padStart(7)} | ${`${Math.round(row.speedup)}×`.padStart(8)} | ${`${row.rss_mb} MB`.padStart(8)} | ${row.lists_equal ? 'yes' : 'NO'}`,
    );
  }
  const sampled = rows.filter((r) => r.naive_sampled);
  if (sampled.length) {
    log(`* naive timed on a spread sample of rows (${sampled.map((r) => `${r.naive_rows} of ${r.n}`).join(', ')}) and scaled to all rows; "lists = naive" compares those rows`);
  }
  const top = rows[rows.length - 1];
  const perCore = (s: number) => (top.n * (top.n - 1)) / s / top.threads / 1e6;
  log(
    `limit = every ordered pair's packed entry read and summed with no pruning (pairFloor) on ${top.threads} threads: ` +
      `${perCore(top.limit_s).toFixed(0)}M pairs/s per core; the kernel at n = ${top.n} covers ${perCore(top.fastAll_s).toFixed(0)}M pairs/s per core, ` +
      `${top.limit_ratio.toFixed(2)}× the limit's time (below 1: pruning skips more than the rest costs)`,
  );
  const n = sizes[sizes.length - 1];
  const inc = await incremental(n);
  log('');
  log(`incremental at n = ${n}: ${updates} updates (edit, opt-out toggle, newcomer, removal), p50 ${inc.p50.toFixed(1)} ms, p95 ${inc.p95.toFixed(1)} ms, ${inc.changed_avg.toFixed(1)} other lists changed per update (index built in ${inc.build_s.toFixed(1)} s)`);
  log(`peak RSS of the whole run: ${peakRssMb()} MB`);
  if (json) {
    const last = rows[rows.length - 1];
    console.log(
      JSON.stringify({
        n: last.n,
        naive_s: round(last.naive_s),
        naive_sampled: last.naive_sampled,
        fast1_s: round(last.fast1_s),
        fastAll_s: round(last.fastAll_s),
        threads: last.threads,
        limit_s: round(last.limit_s),
        limit_ratio: round(last.limit_ratio),
        speedup: round(last.speedup),
        rss_mb: peakRssMb(),
        incremental_p50_ms: round(inc.p50),
        incremental_p95_ms: round(inc.p95),
      }),
    );
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
