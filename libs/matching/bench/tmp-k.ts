import { generateSyntheticProfiles, DEFAULT_MATCHING_PROFILE, rankAllPairsSync, rankAllPairs } from '@app/matching';
const n = Number(process.argv[2] ?? 2000);
const profiles = generateSyntheticProfiles({ count: n, seed: 5 });
const profile = { ...DEFAULT_MATCHING_PROFILE, diversity: Number(process.argv[3] ?? 0) };
const threads = Number(process.argv[4] ?? 1);
(async () => {
  const t = Date.now();
  const r = threads === 1 ? rankAllPairsSync(profiles, { profile }) : await rankAllPairs(profiles, { profile, threads });
  console.log('full', n, 'threads', threads, Date.now() - t, 'ms', 'rss', Math.round(process.memoryUsage().rss / 1e6));
  console.log(r.list(profiles[0].id).slice(0, 3));
})();
