/**
 * npm run bench:api [-- --rate 500] [--duration 30] [--connections 4] [--n 1000] [--json]
 *
 * Read latency of the built API on PostgreSQL under a fixed request rate: a synthetic network
 * of n partners, one completed matching run (REVIEW_REQUIRED=false, so every list is what a
 * partner sees), then autocannon at --rate req/s for --duration s on loopback against
 * GET /v1/partners/{slug}/suggestions, rotating over every partner — beside the same load on
 * GET /health/live, the floor of the HTTP stack (no database, not logged). With --json the
 * last line is one JSON object with the suggestions figures.
 */
import '../libs/matching/bench/register-paths';
import { availableParallelism, loadavg } from 'node:os';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import { seedNetwork } from '../test/support/network';
import { fixedRateLoad, type LoadFigures } from './http-load';
import { timeFullRun } from './measurements';
import { PipelineClient } from './pipeline-client';
import { startPipelineStack, type PipelineStack } from './pipeline-stack';
import { printLogTails } from './service-logs';
import { Teardown } from './teardown';
import { wholeNumberOption } from './cli-options';

const P99_TARGET_MS = 10;
const WARM_UP_SECONDS = 3;
const PAGE = 500;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => wholeNumberOption(args, name, fallback);
const rate = option('rate', 500);
const durationSeconds = option('duration', 30);
const n = option('n', 1000);
const connections = option('connections', 4);
const json = args.includes('--json');
const log = (line = '') => console.log(line);

const teardown = new Teardown();

async function main(): Promise<void> {
  teardown.runOnSignals();
  log(`Partnermatch API read benchmark: built API + 1 worker, PostgreSQL; ${availableParallelism()} cores, node ${process.version}`);
  log(`${n} partners, ${rate} req/s for ${durationSeconds} s per route, request log on (LOG_LEVEL=info); target p99 ≤ ${P99_TARGET_MS} ms with 0 errors`);
  log(`load average before: ${loadAverage()} (other work on the machine skews every figure)`);
  let stack: PipelineStack | undefined;
  try {
    stack = await startPipelineStack(teardown, {
      workers: 1,
      // The load comes from one key, far above any real client's rate.
      env: { REVIEW_REQUIRED: 'false', RATE_LIMIT_PER_MINUTE: '100000000' },
    });
    const paths = await prepareNetwork(stack);
    const headers = { authorization: `Bearer ${stack.adminApiKey}` };
    const load = (routePaths: readonly string[], seconds = durationSeconds) => fixedRateLoad({ baseUrl: stack!.baseUrl, paths: routePaths, headers, rate, durationSeconds: seconds, connections });

    await load(paths, WARM_UP_SECONDS);
    const floor = await load(['/health/live']);
    stack.assertRunning();
    const suggestions = await load(paths);
    stack.assertRunning();
    log(`load average after: ${loadAverage()}`);
    printReport(paths.length, floor, suggestions);
    if (json) {
      const { rps, p50_ms, p99_ms, errors, non2xx } = suggestions;
      console.log(JSON.stringify({ rps: round(rps), p50_ms, p99_ms, errors, non2xx }));
    }
  } catch (error) {
    if (stack && !teardown.interrupted) printLogTails(stack);
    throw error;
  } finally {
    await teardown.run();
  }
}

/** Seeds the network, completes a full run and returns the suggestions path of every partner; checks the lists are there. */
async function prepareNetwork(stack: PipelineStack): Promise<string[]> {
  const partners = generateSyntheticProfiles({ count: n, seed: 2024 });
  await seedNetwork(stack.databaseUrl, { partners, connections: generateSyntheticConnections(partners, { seed: 2025, perPartner: 4 }) }, { label: 'bench', description: 'Synthetische partner voor de benchmark.' });
  const client = new PipelineClient(stack.baseUrl, stack.adminApiKey);
  const run = await timeFullRun(client, stack, partners.find((partner) => !partner.matchingOptOut)!.id);
  log(`full run: ${run.run.suggestionCount} suggestions for ${run.run.partnerCount} partners in ${((run.seenAt - run.sentAt) / 1000).toFixed(1)} s`);

  const slugs: string[] = [];
  for (let offset = 0; offset < n; offset += PAGE) {
    const page = await getJson<{ items: { slug: string }[] }>(stack, `/v1/partners?limit=${PAGE}&offset=${offset}`);
    slugs.push(...page.items.map((partner) => partner.slug));
  }
  const paths = slugs.map((slug) => `/v1/partners/${slug}/suggestions`);
  // A benchmark of empty lists would measure nothing: the partner view must show the run's lists.
  const sample = await Promise.all(paths.slice(0, 50).map((path) => getJson<{ total: number }>(stack, path)));
  const empty = sample.filter((list) => list.total === 0).length;
  const optedOut = partners.filter((partner) => partner.matchingOptOut).length;
  if (empty > sample.length / 2) throw new Error(`${empty} of the first ${sample.length} lists are empty: the partner view shows no suggestions`);
  log(`${paths.length} partners to rotate over (${optedOut} opted out, whose lists are empty); ${sample.length - empty} of the first ${sample.length} lists hold suggestions`);
  return paths;
}

async function getJson<T>(stack: PipelineStack, path: string): Promise<T> {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${stack.adminApiKey}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function printReport(partners: number, floor: LoadFigures, suggestions: LoadFigures): void {
  log();
  log(`${rate} req/s for ${durationSeconds} s each (autocannon overallRate, ${connections} connections, each sending its share of a second back to back; loopback); latency in ms`);
  log('route                                         |    p50 |    p99 |    max |   rps | requests | errors | non-2xx');
  const row = (label: string, figures: LoadFigures) =>
    log(
      `${label.padEnd(45)} | ${fixed(figures.p50_ms)} | ${fixed(figures.p99_ms)} | ${fixed(figures.max_ms)} | ${figures.rps.toFixed(0).padStart(5)} | ${String(figures.requests).padStart(8)} | ${String(figures.errors + figures.timeouts).padStart(6)} | ${String(figures.non2xx).padStart(7)}`,
    );
  row('GET /health/live (floor: HTTP stack only)', floor);
  row(`GET /v1/partners/{slug}/suggestions (${partners})`, suggestions);
  const met = suggestions.p99_ms <= P99_TARGET_MS && suggestions.errors + suggestions.timeouts === 0 && suggestions.non2xx === 0;
  log(`target p99 ≤ ${P99_TARGET_MS} ms, 0 errors, 0 non-2xx: ${met ? 'met' : 'MISSED'}`);
}

const fixed = (ms: number) => ms.toFixed(ms < 100 ? 1 : 0).padStart(6);
const round = (value: number) => Math.round(value * 10) / 10;
const loadAverage = () => loadavg().map((load) => load.toFixed(2)).join(' ');

main().catch((error) => {
  if (teardown.interrupted) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
