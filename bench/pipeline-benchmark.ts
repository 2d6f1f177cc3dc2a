/**
 * npm run bench:pipeline [-- --n 20000] [--json] [--workers 2] [--updates 100] [--runs 3] [--cpu-prof]
 *
 * The matching pipeline end to end, on the built API and worker with PostgreSQL and Redis:
 * for n = 300 and 10,000 (and --n), a full run from POST /v1/matching/runs until the lists
 * can be read, beside the matching core alone on the same data; then, at the largest n, how
 * soon a PATCHed partner's new list can be read: the first edit after each of --runs runs
 * (the first repair after a run, which a worker that must build its index first pays for),
 * then --updates edits one after another. With --json the last line is one JSON
 * object for the largest n. Each size gets its own database and queue prefix, removed after.
 */
import '../libs/matching/bench/register-paths';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_KENNISDELEN_PROFILE, DEFAULT_MATCHING_PROFILE, rankAllPairs, rankKennisdelenLists } from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles } from '@app/matching/synthetic';
import { seedNetwork } from '../test/support/network';
import { EDIT_TIMEOUT_MS, LIST_POLL_MS, now, timeEdits, timeFullRun, type EditTiming, type FullRunTiming } from './measurements';
import { farAwayEdits } from './partner-edits';
import { PipelineClient } from './pipeline-client';
import { REDIS_URL, startPipelineStack, type PipelineStack } from './pipeline-stack';
import { QueueRecords, type JobTiming } from './queue-timeline';
import { printLogTails, saveServiceLogs } from './service-logs';
import { healthDuringPreviews, type PreviewLoad } from './preview-load';
import { Teardown } from './teardown';
import { measureStorage, type StorageSize } from './storage-size';

const RUN_TARGET_S = 30;
const RUN_TARGET_N = 10_000;
const BYTES_PER_SUGGESTION_TARGET = 300;
const UPDATE_P95_TARGET_MS = 1000;
const QUEUE_IDLE_TIMEOUT_MS = 10 * 60_000;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not ${args[at + 1]}`);
  return value;
};
const largest = option('n', RUN_TARGET_N);
const workers = option('workers', 1);
const updates = option('updates', 100);
const runs = Math.max(1, option('runs', 3));
const json = args.includes('--json');
const cpuProfileDir = args.includes('--cpu-prof') ? join(__dirname, '..', '..', 'bench-results', 'pipeline', 'cpu') : undefined;
const sizes = [...new Set([300, Math.min(RUN_TARGET_N, largest), largest])].sort((a, b) => a - b);
const log = (line = '') => console.log(line);

/** The same synthetic network as `bench:matching`, so the two benchmarks' figures compare. */
function dataset(n: number) {
  const partners = generateSyntheticProfiles({ count: n, seed: 2024 });
  const connections = generateSyntheticConnections(partners, { seed: 2025, perPartner: 4 });
  return { partners, connections };
}
type Dataset = ReturnType<typeof dataset>;

interface SizeResult {
  n: number;
  seedSeconds: number;
  run: FullRunTiming;
  runSeconds: number;
  coreSeconds: number;
  runJobs: JobTiming[];
  /** When the queue had no job left after the run: the last one may outlive the run's completion. */
  queueIdleAt: number;
  edits?: { timings: EditTiming[]; jobs: JobTiming[] };
  storage: StorageSize;
  /** The first edit after each run (the first run's is also the first of `edits`). */
  firstRepairs?: EditTiming[];
  /** The workers' "Match index built …" lines: when each built its incremental index and how long it took. */
  indexBuilds?: string[];
  /** /health/live while previews run, at the largest n up to 10,000 (a preview at 100,000 is a minute-long request). */
  previewLoad?: PreviewLoad;
  /** The runs after the first, for the first repairs: seconds each. */
  laterRunSeconds?: number[];
}

/**
 * The naive baseline: the matching core alone, in this process, with the threads the worker
 * would use — both purposes' lists, as a run computes them.
 */
async function timeCoreAlone({ partners, connections }: Dataset): Promise<number> {
  const started = performance.now();
  await rankAllPairs(partners, { profile: DEFAULT_MATCHING_PROFILE, connections });
  const samenwerken = (performance.now() - started) / 1000;
  rankKennisdelenLists(partners, { profile: DEFAULT_KENNISDELEN_PROFILE, connections });
  const both = (performance.now() - started) / 1000;
  log(`core alone at n = ${partners.length}: samenwerken ${samenwerken.toFixed(2)} s, kennisdelen ${(both - samenwerken).toFixed(2)} s`);
  return both;
}

/** Seeds the stack's empty database, times a full run and, at the largest n, the edits. */
async function measureSize(n: number, data: Dataset, coreSeconds: number, stack: PipelineStack): Promise<SizeResult> {
  const seedStarted = performance.now();
  await seedNetwork(stack.databaseUrl, data, { label: 'bench', description: 'Synthetische partner voor de benchmark.' });
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const client = new PipelineClient(stack.baseUrl, stack.adminApiKey);
  const queue = new QueueRecords(REDIS_URL, stack.queuePrefix);
  teardown.add('close the queue records', () => queue.close());
  const samplePartner = data.partners.find((partner) => !partner.matchingOptOut)!;
  const run = await timeFullRun(client, stack, samplePartner.id);
  // Edits are timed on a quiet queue, not behind the tail of the run.
  await queue.waitUntilIdle(QUEUE_IDLE_TIMEOUT_MS);
  const queueIdleAt = now();
  const runJobs = await queue.jobs();
  // The run's lists as written, before the edits rewrite some of them.
  const storage = await measureStorage(stack.databaseUrl);
  const result: SizeResult = { n, seedSeconds, run, runSeconds: (run.seenAt - run.sentAt) / 1000, coreSeconds, runJobs, queueIdleAt, storage };
  if (n === largest && updates > 0) {
    const edits = farAwayEdits(data.partners, updates + runs - 1);
    const timings = await timeEdits(client, stack, edits.slice(0, updates));
    const jobs = (await queue.jobs()).filter((job) => job.name === 'catch-up-stale-lists');
    result.edits = { timings, jobs };
    result.firstRepairs = [timings[0]];
    result.laterRunSeconds = [];
    for (const edit of edits.slice(updates)) {
      const again = await timeFullRun(client, stack, samplePartner.id);
      result.laterRunSeconds.push((again.seenAt - again.sentAt) / 1000);
      await queue.waitUntilIdle(QUEUE_IDLE_TIMEOUT_MS);
      result.firstRepairs.push(...(await timeEdits(client, stack, [edit])));
    }
  }
  if (n === Math.min(RUN_TARGET_N, largest)) result.previewLoad = await healthDuringPreviews(stack, { rate: 100, durationSeconds: 20, minCompared: n / 2 });
  result.indexBuilds = stack.services
    .slice(1)
    .flatMap((worker, at) => worker.output().split('\n').filter((line) => line.includes('Match index built')).map((line) => `worker ${at + 1}: ${line.replace(/^.*Match index built/, 'built')}`));
  return result;
}

const teardown = new Teardown();

async function main(): Promise<void> {
  teardown.runOnSignals();
  log(`Partnermatch pipeline benchmark: built API + ${workers} worker(s), PostgreSQL, Redis; ${availableParallelism()} cores, node ${process.version}`);
  log(`targets: ${RUN_TARGET_N.toLocaleString('en')}-partner run ≤ ${RUN_TARGET_S} s end to end; update visible p95 ≤ ${UPDATE_P95_TARGET_MS} ms`);
  log(`load average before: ${loadAverage()} (other work on the machine skews every figure)`);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    const data = dataset(n);
    // Before the services start, so the baseline has the machine to itself.
    const coreSeconds = await timeCoreAlone(data);
    let stack: PipelineStack | undefined;
    try {
      // The edit timings poll the lists as fast as they answer: no rate limit for the benchmark's key.
      stack = await startPipelineStack(teardown, { workers, cpuProfileDir: cpuProfileDir && join(cpuProfileDir, `n${n}`), env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
      results.push(await measureSize(n, data, coreSeconds, stack));
    } catch (error) {
      if (stack && !teardown.interrupted) printLogTails(stack);
      throw error;
    } finally {
      await teardown.run();
      if (stack) log(`  service logs of n = ${n}: ${saveServiceLogs(stack, n)}`);
    }
  }
  log(`load average after: ${loadAverage()}`);
  printReport(results);
}

const loadAverage = () => loadavg().map((load) => load.toFixed(2)).join(' ');

// ---------- report ----------

function printReport(results: SizeResult[]): void {
  log();
  log('       n | seed (s) | full run, end to end (s) | core alone (s) | run / core | target');
  for (const result of results) {
    const target = result.n === RUN_TARGET_N ? `≤ ${RUN_TARGET_S} s: ${result.runSeconds <= RUN_TARGET_S ? 'met' : 'MISSED'}` : '';
    log(
      `${String(result.n).padStart(8)} | ${result.seedSeconds.toFixed(2).padStart(8)} | ${result.runSeconds.toFixed(2).padStart(24)} | ${result.coreSeconds.toFixed(2).padStart(14)} | ${`${ratio(result).toFixed(1)}×`.padStart(10)} | ${target}`,
    );
  }
  log('  core alone = rankAllPairs + rankKennisdelenLists from @app/matching in this process on the same partners and connections (the naive baseline);');
  log('  run / core = how much the queue, the database and the rest of the pipeline add to it');
  log();
  log(`       n | suggestions (samenwerken + kennisdelen) | bytes per suggestion (table + indexes) | heap | indexes | previous layout, samenwerken rows | target`);
  for (const { n, storage } of results) {
    const met = storage.bytesPerSuggestion <= BYTES_PER_SUGGESTION_TARGET ? 'met' : 'MISSED';
    log(
      `${String(n).padStart(8)} | ${`${storage.rows} (${storage.samenwerkenRows} + ${storage.kennisdelenRows})`.padStart(38)} | ${storage.bytesPerSuggestion.toFixed(0).padStart(38)} | ${storage.heapBytesPerSuggestion.toFixed(0).padStart(4)} | ${storage.indexBytesPerSuggestion.toFixed(0).padStart(7)} | ${`${storage.previousLayoutBytesPerSuggestion.toFixed(0)} (${storage.sampleRows} rows)`.padStart(26)} | ≤ ${BYTES_PER_SUGGESTION_TARGET}: ${met}`,
    );
  }
  log('  pg_total_relation_size over the partitions of suggestion / rows; previous layout = a sample of the same rows rendered into');
  log('  both sentences and written in the table before partitions (jsonb reasons and components, (run, partner, rank) key)');
  for (const result of results) printRunTimeline(result);
  const last = results[results.length - 1];
  const updateFigures = last.edits ? printEdits(last.n, last.edits.timings, last.edits.jobs) : undefined;
  const firstRepair = last.firstRepairs ? printFirstRepairs(last) : undefined;
  const previewed = results.find((result) => result.previewLoad);
  if (previewed?.previewLoad) {
    const { quiet, during, previewMs } = previewed.previewLoad;
    log();
    log(`GET /health/live at 100 req/s while previews of ${previewed.n} partners run back to back (${previewMs.length} done): p99 ${during.p99_ms} ms (max ${during.max_ms}) against ${quiet.p99_ms} ms quiet (target ≤ 50 ms: ${during.p99_ms <= 50 ? 'met' : 'MISSED'})`);
  }
  if (json) {
    log(
      JSON.stringify({
        n: last.n,
        run_s: round(last.runSeconds),
        seed_s: round(last.seedSeconds),
        bytes_per_suggestion: round(last.storage.bytesPerSuggestion),
        previous_layout_bytes_per_suggestion: round(last.storage.previousLayoutBytesPerSuggestion),
        suggestions: last.storage.rows,
        samenwerken_suggestions: last.storage.samenwerkenRows,
        kennisdelen_suggestions: last.storage.kennisdelenRows,
        update_p50_ms: round(updateFigures?.p50 ?? NaN),
        update_p95_ms: round(updateFigures?.p95 ?? NaN),
        first_repair_p95_ms: round(firstRepair?.p95 ?? NaN),
        first_repairs: last.firstRepairs?.length ?? 0,
        health_p99_during_preview_ms: previewed?.previewLoad?.during.p99_ms ?? null,
        health_p99_quiet_ms: previewed?.previewLoad?.quiet.p99_ms ?? null,
        preview_n: previewed?.n ?? null,
        core_s: round(last.coreSeconds),
        run_over_core: round(ratio(last)),
        workers,
        updates: last.edits?.timings.length ?? 0,
        update_timeouts: updateFigures?.timeouts ?? 0,
        run_target_s: RUN_TARGET_S,
        update_p95_target_ms: UPDATE_P95_TARGET_MS,
        bytes_per_suggestion_target: BYTES_PER_SUGGESTION_TARGET,
      }),
    );
  }
}

const ratio = (result: SizeResult) => result.runSeconds / result.coreSeconds;

/** Each job of the run as BullMQ recorded it, in ms after the POST, then the run record's own times. */
function printRunTimeline({ n, run, runJobs, queueIdleAt }: SizeResult): void {
  const after = (at?: number) => (at === undefined ? '—' : `${Math.round(at - run.sentAt)}`.padStart(7));
  log();
  log(`run at n = ${n}, ms after the POST:       added | started | finished | waited |    ran`);
  for (const job of runJobs) {
    const label = job.name === 'score-shard' ? `score-shard ${job.data.shard}` : job.name;
    const waited = job.startedAt === undefined ? '—' : `${Math.round(job.startedAt - job.addedAt)}`;
    const ran = job.startedAt === undefined || job.finishedAt === undefined ? '—' : `${Math.round(job.finishedAt - job.startedAt)}`;
    log(`  ${label.padEnd(36)} ${after(job.addedAt)} | ${after(job.startedAt)} | ${after(job.finishedAt).padStart(8)} | ${waited.padStart(6)} | ${ran.padStart(6)}${job.attempts > 1 ? ` (${job.attempts} attempts)` : ''}${job.failedReason ? ` FAILED: ${job.failedReason}` : ''}`);
  }
  const at = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));
  log(`  run record: requested ${after(at(run.run.requestedAt))}, started ${after(at(run.run.startedAt))}, finished ${after(at(run.run.finishedAt))}; lists read at ${after(run.seenAt)}; queue idle at ${after(queueIdleAt)}; ${run.run.partnerCount} partners, ${run.run.shardCount} shards, ${run.run.suggestionCount} suggestions`);
}

/** p50/p95 of the edits, and of each stage between PATCH and the new list, from BullMQ's job records. */
function printEdits(n: number, timings: EditTiming[], jobs: JobTiming[]): { p50: number; p95: number; timeouts: number } {
  const visible = timings.map((edit) => (edit.seenAt ?? edit.sentAt + EDIT_TIMEOUT_MS) - edit.sentAt);
  const timeouts = timings.filter((edit) => edit.seenAt === undefined).length;
  const p50 = percentile(visible, 0.5);
  const p95 = percentile(visible, 0.95);
  log();
  log(`update visible at n = ${n}: ${timings.length} PATCHes, one at a time, each moving a partner across the country with other opgaven`);
  log(`  PATCH sent → new list read: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...visible).toFixed(0)} ms (target p95 ≤ ${UPDATE_P95_TARGET_MS} ms: ${p95 <= UPDATE_P95_TARGET_MS ? 'met' : 'MISSED'})`);
  if (timeouts) log(`  ${timeouts} edit(s) did not show a new list within ${EDIT_TIMEOUT_MS} ms (counted as ${EDIT_TIMEOUT_MS} ms)`);
  const reads = timings.map((edit) => edit.readDurations.length);
  const readDurations = timings.flatMap((edit) => edit.readDurations);
  log(`  while waiting: ${percentile(reads, 0.5)} GETs of the list per edit (p50), each p50 ${percentile(readDurations, 0.5).toFixed(1)} ms / p95 ${percentile(readDurations, 0.95).toFixed(1)} ms, ${LIST_POLL_MS} ms apart`);
  const stages = stagesOfEdits(timings, jobs);
  log('  where the time goes, p50 / p95 ms:');
  for (const [stage, values] of Object.entries(stages)) {
    log(`    ${stage.padEnd(40)} ${values.length ? `${percentile(values, 0.5).toFixed(0).padStart(6)} / ${percentile(values, 0.95).toFixed(0).padStart(6)}` : '—'}`);
  }
  return { p50, p95, timeouts };
}

/** The first edit after each run: PATCH → new list read, beside the later edits' p50 (printed above) as the baseline. */
function printFirstRepairs(result: SizeResult): { p95: number } {
  const visible = result.firstRepairs!.map((edit) => (edit.seenAt ?? edit.sentAt + EDIT_TIMEOUT_MS) - edit.sentAt);
  const p95 = percentile(visible, 0.95);
  const later = result.edits!.timings.slice(1).map((edit) => (edit.seenAt ?? edit.sentAt + EDIT_TIMEOUT_MS) - edit.sentAt);
  log();
  log(`first repair after a run at n = ${result.n}: the first PATCH after each of ${visible.length} run(s), once the queue is idle`);
  log(`  PATCH sent → new list read: ${visible.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; p95 ${p95.toFixed(0)} ms (target ≤ ${UPDATE_P95_TARGET_MS} ms: ${p95 <= UPDATE_P95_TARGET_MS ? 'met' : 'MISSED'}); later edits p50 ${later.length ? percentile(later, 0.5).toFixed(0) : '—'} ms`);
  for (const line of result.indexBuilds ?? []) log(`  index ${line}`);
  if (result.laterRunSeconds?.length) log(`  the runs after the first: ${result.laterRunSeconds.map((seconds) => `${seconds.toFixed(1)} s`).join(', ')}`);
  return { p95 };
}

function stagesOfEdits(timings: EditTiming[], jobs: JobTiming[]): Record<string, number[]> {
  const stages: Record<string, number[]> = {
    'PATCH answered': [],
    'PATCH sent → catch-up job added': [],
    'job waiting for a worker': [],
    'job running': [],
    'job finished → new list read': [],
  };
  for (const edit of timings) {
    stages['PATCH answered'].push(edit.answeredAt - edit.sentAt);
    // Edits are timed one after another on a quiet queue: the first catch-up added after one was sent is its own.
    const job = jobs.find((candidate) => candidate.addedAt >= edit.sentAt - 1);
    if (!job || job.startedAt === undefined || job.finishedAt === undefined) continue;
    stages['PATCH sent → catch-up job added'].push(job.addedAt - edit.sentAt);
    stages['job waiting for a worker'].push(job.startedAt - job.addedAt);
    stages['job running'].push(job.finishedAt - job.startedAt);
    if (edit.seenAt !== undefined) stages['job finished → new list read'].push(edit.seenAt - job.finishedAt);
  }
  return stages;
}

function percentile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

main().catch((error) => {
  if (teardown.interrupted) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
