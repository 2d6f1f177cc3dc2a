/**
 * npm run bench:api [-- --rate 500] [--duration 30] [--connections 4] [--n 1000] [--keys 200] [--json] [--cpu-prof]
 *
 * Read latency of the built API on PostgreSQL under a fixed request rate: a synthetic network
 * of n partners, one completed matching run (REVIEW_REQUIRED=false, so every list is what a
 * partner sees), then autocannon at --rate req/s for --duration s on loopback against
 * GET /v1/partners/{slug}/suggestions, rotating over every partner — beside the same load on
 * GET /health/live, the floor of the HTTP stack (no database, not logged). With --json the
 * last line is one JSON object with the suggestions figures.
 *
 * Then the cost of recording impressions, in the same run: the reads that are recorded (each of
 * the first --keys partners with its own key on its list; a portal key on the widget's route,
 * with half the pairs approved so its lists are not empty) against the very same requests to a
 * second API process on the same database started with IMPRESSIONS=off, one after the other.
 * The rows written are counted.
 * Beside each latency, the CPU a request cost the API process and the PostgreSQL server (from
 * /proc): at 100,000 partners no list is kept in memory when the rotation comes back to it, so the
 * figure says how far a read's own work is from the rate asked for, on whatever machine.
 * Above 10,000 partners the run is over the first `REPLICATED_BASE` partners and the network,
 * lists included, is copied until it has n (`replicateNetwork`): n must then be a multiple of it.
 */
import '../libs/matching/bench/register-paths';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import { seedNetwork } from '../test/support/network';
import { fixedRateLoad, type LoadFigures } from './http-load';
import { timeFullRun } from './measurements';
import { PipelineClient } from './pipeline-client';
import { startExtraApi, startPipelineStack, type PipelineStack } from './pipeline-stack';
import { printLogTails } from './service-logs';
import { replicateNetwork } from './replicated-network';
import { Teardown } from './teardown';
import { wholeNumberOption } from './cli-options';
import { cpuPerRequest } from './process-cpu';
import { Client } from 'pg';

const P99_TARGET_MS = 10;
const WARM_UP_SECONDS = 3;
const PAGE = 500;
const REPLICATED_ABOVE = 10_000;
const REPLICATED_BASE = 2_000;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => wholeNumberOption(args, name, fallback);
const rate = option('rate', 500);
const durationSeconds = option('duration', 30);
const n = option('n', 1000);
const connections = option('connections', 4);
const keyCount = option('keys', 200);
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
      apiCpuProfileDir: args.includes('--cpu-prof') ? join(__dirname, '..', '..', 'bench-results', 'api', 'cpu') : undefined,
    });
    const paths = await prepareNetwork(stack);
    const headers = { authorization: `Bearer ${stack.adminApiKey}` };
    const load = (routePaths: readonly string[], seconds = durationSeconds, headersFor?: (index: number) => Record<string, string>, baseUrl = stack!.baseUrl) =>
      fixedRateLoad({ baseUrl, paths: routePaths, headers, headersFor, rate, durationSeconds: seconds, connections });

    await load(paths, WARM_UP_SECONDS);
    const apiPid = stack.services[0]!.process.pid!;
    const floor = await cpuPerRequest(apiPid, () => load(['/health/live']));
    stack.assertRunning();
    const suggestions = await cpuPerRequest(apiPid, () => load(paths));
    stack.assertRunning();
    const impressions = await measureImpressions(stack, paths.slice(0, keyCount), load);
    log(`load average after: ${loadAverage()}`);
    printReport(paths.length, floor, suggestions);
    printImpressions(impressions);
    if (json) {
      const { rps, p50_ms, p99_ms, errors, non2xx, api_cpu_ms_per_request, postgres_cpu_ms_per_request } = suggestions;
      console.log(JSON.stringify({ rps: round(rps), p50_ms, p99_ms, errors, non2xx, api_cpu_ms_per_request, postgres_cpu_ms_per_request }));
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
  const replicated = n > REPLICATED_ABOVE;
  if (replicated && n % REPLICATED_BASE !== 0) throw new Error(`--n above ${REPLICATED_ABOVE} must be a multiple of ${REPLICATED_BASE}, not ${n}`);
  const partners = generateSyntheticProfiles({ count: replicated ? REPLICATED_BASE : n, seed: 2024 });
  const seedStarted = Date.now();
  await seedNetwork(stack.databaseUrl, { partners, connections: generateSyntheticConnections(partners, { seed: 2025, perPartner: 4 }) }, { label: 'bench', description: 'Synthetische partner voor de benchmark.' });
  const client = new PipelineClient(stack.baseUrl, stack.adminApiKey);
  const run = await timeFullRun(client, stack, partners.find((partner) => !partner.matchingOptOut)!.id);
  log(`full run: ${run.run.suggestionCount} suggestions for ${run.run.partnerCount} partners in ${((run.seenAt - run.sentAt) / 1000).toFixed(1)} s`);
  if (replicated) {
    const copiedStarted = Date.now();
    const copied = await replicateNetwork(stack.databaseUrl, n / REPLICATED_BASE - 1);
    log(`copied the network ${n / REPLICATED_BASE - 1} times, lists included: ${copied.partners} partners, ${copied.suggestions} suggestions in ${((Date.now() - copiedStarted) / 1000).toFixed(1)} s`);
  }
  log(`seeding (partners, run${replicated ? ', copies' : ''}) took ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const slugs: string[] = [];
  for (let offset = 0; offset < n; offset += PAGE) {
    const page = await getJson<{ items: { slug: string }[] }>(stack, `/v1/partners?limit=${PAGE}&offset=${offset}`);
    slugs.push(...page.items.map((partner) => partner.slug));
  }
  const paths = slugs.map((slug) => `/v1/partners/${slug}/suggestions`);
  // A benchmark of empty lists would measure nothing: the partner view must show the run's lists.
  const sample = await Promise.all(paths.slice(0, 50).map((path) => getJson<{ total: number }>(stack, path)));
  const empty = sample.filter((list) => list.total === 0).length;
  const optedOut = partners.filter((partner) => partner.matchingOptOut).length * (replicated ? n / REPLICATED_BASE : 1);
  if (empty > sample.length / 2) throw new Error(`${empty} of the first ${sample.length} lists are empty: the partner view shows no suggestions`);
  log(`${paths.length} partners to rotate over (${optedOut} opted out, whose lists are empty); ${sample.length - empty} of the first ${sample.length} lists hold suggestions`);
  return paths;
}

type Load = (routePaths: readonly string[], seconds?: number, headersFor?: (index: number) => Record<string, string>, baseUrl?: string) => Promise<LoadFigures>;

interface ImpressionFigures {
  partners: number;
  ownListOff: LoadFigures;
  ownListOn: LoadFigures;
  embedOff: LoadFigures;
  embedOn: LoadFigures;
  rows: number;
  shown: number;
}

/** The same requests with and without recording (a second API with IMPRESSIONS=off), then what was written. */
async function measureImpressions(stack: PipelineStack, paths: readonly string[], load: Load): Promise<ImpressionFigures> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const offUrl = await startExtraApi(teardown, stack, { IMPRESSIONS: 'off' }, 'api-impressions-off');
    // The widget shows approved pairs only: approve every other pair (one statement, lists notified).
    await db.query(`UPDATE match SET status = 'approved' WHERE status = 'pending' AND get_byte(decode(md5(id::text), 'hex'), 0) % 2 = 0`);
    const slugs = paths.map((path) => path.split('/')[3]!);
    const keys: string[] = [];
    for (const slug of slugs) keys.push((await postJson<{ key: string }>(stack, '/v1/api-keys', { name: `bench ${slug}`, role: 'partner', partner: slug })).key);
    const portal = (await postJson<{ key: string }>(stack, '/v1/api-keys', { name: 'bench portal', role: 'portal', allowedOrigins: ['https://portaal.example.org'] })).key;
    const embedPaths = slugs.map((slug) => `/v1/embed/partners/${slug}/suggestions`);
    const own = (index: number) => ({ authorization: `Bearer ${keys[index % keys.length]}` });
    const viaPortal = () => ({ authorization: `Bearer ${portal}` });
    for (const baseUrl of [offUrl, stack.baseUrl]) {
      await load(paths, WARM_UP_SECONDS, own, baseUrl);
      await load(embedPaths, WARM_UP_SECONDS, viaPortal, baseUrl);
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await db.query(`DELETE FROM impression`);
    const ownListOff = await load(paths, undefined, own, offUrl);
    const ownListOn = await load(paths, undefined, own);
    const embedOff = await load(embedPaths, undefined, viaPortal, offUrl);
    const embedOn = await load(embedPaths, undefined, viaPortal);
    // The recorder writes every 2 s; wait for the last window.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const [{ rows, shown }] = (await db.query(`SELECT count(*)::int AS rows, coalesce(sum(times), 0)::int AS shown FROM impression`)).rows;
    return { partners: paths.length, ownListOff, ownListOn, embedOff, embedOn, rows, shown };
  } finally {
    await db.end();
  }
}

function printImpressions(figures: ImpressionFigures): void {
  log();
  log(`Impressions: the same requests over ${figures.partners} partners' lists to an API with IMPRESSIONS=off and to one recording them, one after the other in this run; latency in ms`);
  log('route                                         |    p50 |    p99 |    max |   rps | requests | errors | non-2xx');
  const row = (label: string, load: LoadFigures) =>
    log(
      `${label.padEnd(45)} | ${fixed(load.p50_ms)} | ${fixed(load.p99_ms)} | ${fixed(load.max_ms)} | ${load.rps.toFixed(0).padStart(5)} | ${String(load.requests).padStart(8)} | ${String(load.errors + load.timeouts).padStart(6)} | ${String(load.non2xx).padStart(7)}`,
    );
  row('own list, partner keys, IMPRESSIONS=off', figures.ownListOff);
  row('own list, partner keys, recorded', figures.ownListOn);
  row('embed, portal key, IMPRESSIONS=off', figures.embedOff);
  row('embed, portal key, recorded', figures.embedOn);
  const ratio = (after: LoadFigures, before: LoadFigures, key: 'p50_ms' | 'p99_ms') => (before[key] > 0 ? (after[key] / before[key]).toFixed(2) : '—');
  log(`recorded ÷ off: own list p50 ${ratio(figures.ownListOn, figures.ownListOff, 'p50_ms')}, p99 ${ratio(figures.ownListOn, figures.ownListOff, 'p99_ms')}; embed p50 ${ratio(figures.embedOn, figures.embedOff, 'p50_ms')}, p99 ${ratio(figures.embedOn, figures.embedOff, 'p99_ms')}`);
  log(`written: ${figures.rows} impression rows standing for ${figures.shown} candidates shown (one row per partner, candidate, surface and rank per 2 s window)`);
}

async function postJson<T>(stack: PipelineStack, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${stack.adminApiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function getJson<T>(stack: PipelineStack, path: string): Promise<T> {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${stack.adminApiKey}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type CostedLoad = LoadFigures & { api_cpu_ms_per_request: number; postgres_cpu_ms_per_request: number };

function printReport(partners: number, floor: CostedLoad, suggestions: CostedLoad): void {
  log();
  log(`${rate} req/s for ${durationSeconds} s each (autocannon overallRate, ${connections} connections, each sending its share of a second back to back; loopback); latency in ms`);
  log('CPU ms a request: of the API process, and of every PostgreSQL process on the machine (a cost, so less dependent on what else runs than a latency)');
  log('route                                         |    p50 |    p99 |    max |   rps | requests | errors | non-2xx | API CPU | PG CPU');
  const row = (label: string, figures: CostedLoad) =>
    log(
      `${label.padEnd(45)} | ${fixed(figures.p50_ms)} | ${fixed(figures.p99_ms)} | ${fixed(figures.max_ms)} | ${figures.rps.toFixed(0).padStart(5)} | ${String(figures.requests).padStart(8)} | ${String(figures.errors + figures.timeouts).padStart(6)} | ${String(figures.non2xx).padStart(7)} | ${figures.api_cpu_ms_per_request.toFixed(2).padStart(7)} | ${figures.postgres_cpu_ms_per_request.toFixed(2).padStart(6)}`,
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
