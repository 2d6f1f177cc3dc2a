import { generateSyntheticProfiles, DEFAULT_MATCHING_PROFILE, prepareRun } from '@app/matching';
import { RowRanker } from '../src/kernel-core';
const n = Number(process.argv[2] ?? 2000);
const profile = { ...DEFAULT_MATCHING_PROFILE, diversity: Number(process.argv[3] ?? 0) };
const profiles = generateSyntheticProfiles({ count: n, seed: 5 });
const { store, params, job, index, out } = prepareRun(profiles, { profile }, false);
(globalThis as any).__skip = process.env.SKIP === "1";
const ranker = new RowRanker(store.packed, params, job, out, index);
const stats: Record<string, { rows: number; ms: number }> = {};
const rows = Number(process.argv[4] ?? 1000);
const step = Math.floor(n / rows);
const scopes = store.packed.scope;
let total = 0;
for (let r = 0; r < rows; r++) {
  const i = r * step;
  const key = ['local', 'regional', 'national'][scopes[i]];
  const t = process.hrtime.bigint();
  ranker.rankRow(i);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const st = (stats[key] ??= { rows: 0, ms: 0 });
  st.rows++; st.ms += ms; total += ms;
}
for (const [key, st] of Object.entries(stats)) console.log(key, st.rows, 'rows', (st.ms / st.rows).toFixed(3), 'ms/row');
console.log('est full single-thread', ((total / rows) * n / 1000).toFixed(1), 's');
const c = (globalThis as any).__c; if (c) for (const [k2, v] of Object.entries(c)) console.log(k2, Math.round((v as number) / rows));
