/**
 * npm run bench:preview [-- --n 10000] [--rate 100] [--duration 20] [--json]
 *
 * Whether a what-if preview holds up the API: the built API + 1 worker on PostgreSQL with a
 * synthetic network of n partners and one completed run. GET /health/live at a fixed rate,
 * first on a quiet API (the baseline), then while previews of a changed profile run back to
 * back for the same time. Prints both p99s beside the target; with --json the last line is
 * `{"n", "health_p99_quiet_ms", "health_p99_during_preview_ms", "preview_p50_ms", "previews"}`.
 */
import '../libs/matching/bench/register-paths';
import { availableParallelism, loadavg } from 'node:os';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import { seedNetwork } from '../test/support/network';
import type { LoadFigures } from './http-load';
import { healthDuringPreviews } from './preview-load';
import { timeFullRun } from './measurements';
import { PipelineClient } from './pipeline-client';
import { startPipelineStack } from './pipeline-stack';
import { printLogTails } from './service-logs';
import { Teardown } from './teardown';
import { wholeNumberOption } from './cli-options';

const HEALTH_P99_TARGET_MS = 50;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => wholeNumberOption(args, name, fallback);
const n = option('n', 10_000);
const rate = option('rate', 100);
const durationSeconds = option('duration', 20);
const json = args.includes('--json');
const log = (line = '') => console.log(line);
const loadAverage = () => loadavg().map((load) => load.toFixed(2)).join(' ');

const teardown = new Teardown();

async function main(): Promise<void> {
  teardown.runOnSignals();
  log(`Partnermatch preview benchmark: built API + 1 worker, PostgreSQL; ${availableParallelism()} cores, node ${process.version}`);
  log(`${n} partners; GET /health/live at ${rate} req/s for ${durationSeconds} s quiet, then as long again with previews back to back`);
  log(`load average before: ${loadAverage()} (other work on the machine skews every figure)`);
  const stack = await startPipelineStack(teardown, { workers: 1, env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
  try {
    const partners = generateSyntheticProfiles({ count: n, seed: 2024 });
    const seedStarted = Date.now();
    await seedNetwork(stack.databaseUrl, { partners, connections: generateSyntheticConnections(partners, { seed: 2025, perPartner: 4 }) }, { label: 'bench', description: 'Synthetische partner voor de benchmark.' });
    log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    const client = new PipelineClient(stack.baseUrl, stack.adminApiKey);
    const run = await timeFullRun(client, stack, partners.find((partner) => !partner.matchingOptOut)!.id);
    log(`full run: ${run.run.suggestionCount} suggestions for ${run.run.partnerCount} partners in ${((run.seenAt - run.sentAt) / 1000).toFixed(1)} s`);

    const { quiet, during, previewMs } = await healthDuringPreviews(stack, { rate, durationSeconds, minCompared: n / 2 });
    log(`load average after: ${loadAverage()}`);

    report(quiet, during, previewMs);
    if (json) {
      console.log(
        JSON.stringify({
          n,
          health_p99_quiet_ms: quiet.p99_ms,
          health_p99_during_preview_ms: during.p99_ms,
          preview_p50_ms: Math.round(median(previewMs)),
          previews: previewMs.length,
        }),
      );
    }
  } catch (error) {
    if (!teardown.interrupted) printLogTails(stack);
    throw error;
  } finally {
    await teardown.run();
  }
}

function report(quiet: LoadFigures, during: LoadFigures, previewMs: number[]): void {
  log();
  log('GET /health/live                 |    p50 |    p99 |    max | requests | errors | non-2xx');
  const row = (label: string, figures: LoadFigures) =>
    log(
      `${label.padEnd(32)} | ${fixed(figures.p50_ms)} | ${fixed(figures.p99_ms)} | ${fixed(figures.max_ms)} | ${String(figures.requests).padStart(8)} | ${String(figures.errors + figures.timeouts).padStart(6)} | ${String(figures.non2xx).padStart(7)}`,
    );
  row('quiet API (baseline)', quiet);
  row(`while previews run (${previewMs.length} done)`, during);
  log(`preview of ${n} partners: p50 ${Math.round(median(previewMs))} ms, max ${Math.round(Math.max(...previewMs))} ms`);
  const met = during.p99_ms <= HEALTH_P99_TARGET_MS && during.errors + during.timeouts === 0 && during.non2xx === 0;
  log(`target: /health/live p99 ≤ ${HEALTH_P99_TARGET_MS} ms while a preview runs (quiet: ${quiet.p99_ms} ms): ${met ? 'met' : 'MISSED'}`);
}

const fixed = (ms: number) => ms.toFixed(ms < 100 ? 1 : 0).padStart(6);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

main().catch((error) => {
  if (teardown.interrupted) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
