/**
 * How long ranking holds the caller's event loop, in-process against `offThread` (issue 16,
 * item 9): the embedded default runs a run's jobs on the API's event loop, where every read
 * waits for the ranking. A 1 ms timer records the longest gap between its ticks while
 * `rankAllPairs` and `MatchIndex.build` run over the demo's 300 partners. The first round
 * is the cold one a first start pays (nothing compiled yet), so compare the two ways in
 * processes of their own:
 *   tsc -p libs/matching/tsconfig.bench.json
 *   node dist-bench/libs/matching/bench/event-loop-stall-benchmark.js 300 in-process
 *   node dist-bench/libs/matching/bench/event-loop-stall-benchmark.js 300 offThread
 */
import './register-paths';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MatchIndex, rankAllPairs } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';

const count = Number(process.argv[2] ?? 300);
const only = process.argv[3];
const profiles = generateSyntheticProfiles({ count, seed: 20251 });
const connections = generateSyntheticConnections(profiles, { seed: 5, perPartner: 3 });

async function probe(work: () => Promise<unknown>): Promise<{ totalMs: number; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { totalMs, stallMs };
}

async function main(): Promise<void> {
  console.log(`${count} partners, load ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores: above 2 the machine is busy)`);
  const cases: [string, () => Promise<unknown>][] = [
    ['rankAllPairs in-process', () => rankAllPairs(profiles, { connections })],
    ['rankAllPairs offThread', () => rankAllPairs(profiles, { connections, offThread: true })],
    ['MatchIndex.build in-process', () => MatchIndex.build(profiles, { connections, threads: 1 })],
    ['MatchIndex.build offThread', () => MatchIndex.build(profiles, { connections, offThread: true })],
  ];
  for (let round = 1; round <= 3; round++) {
    for (const [label, work] of cases.filter(([label]) => !only || label.endsWith(only))) {
      const { totalMs, stallMs } = await probe(work);
      console.log(`round ${round} ${label.padEnd(28)} ${totalMs.toFixed(0).padStart(5)} ms in all, longest event-loop stall ${stallMs.toFixed(0).padStart(4)} ms`);
    }
  }
}

void main();
