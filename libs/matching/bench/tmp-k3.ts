import { generateSyntheticProfiles, DEFAULT_MATCHING_PROFILE, prepareRun } from '@app/matching';
import { RowScorer } from '../src/kernel-core';
const n = Number(process.argv[2] ?? 2000);
const profile = { ...DEFAULT_MATCHING_PROFILE, diversity: 0.2 };
const profiles = generateSyntheticProfiles({ count: n, seed: 5 });
const { store, params } = prepareRun(profiles, { profile }, false);
const scorer = new RowScorer(store.packed, params, 60);
const t = process.hrtime.bigint();
for (let i = 0; i < 5000; i++) { scorer.begin(i * 7 % n); scorer.end(); }
console.log('begin+end', (Number(process.hrtime.bigint() - t) / 1e6 / 5000).toFixed(4), 'ms/row');
