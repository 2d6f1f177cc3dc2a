import { MATCHING_QUEUE, redisConnectionOptions } from '@app/queue';
import { SHARD_SIZE } from '@app/suggestions';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { startLocalPostgres, startLocalRedis, type LocalServer } from './support/local-servers';
import { coreLists, listDifferences, type Lists, rowCount, storedLists } from './support/lists';
import { finishedRun, requestRun, runStatus } from './support/matching-runs';
import { insertNetwork, syntheticNetwork } from './support/network';
import { uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { shardInFlight } from './support/shard-jobs';

/** The watchdog's stall limit in this test: seconds instead of the default minutes, still longer than a shard's steps on a busy machine. */
const STALL_TIMEOUT_MS = 20_000;

/**
 * A worker and an API on a PostgreSQL and a Redis of the test's own, with a full run in
 * flight when one of them goes away: the worker lives through it and the run ends, so
 * the next one can start.
 */
describe(`worker faults mid-run (own PostgreSQL and Redis, ${SHARD_SIZE} partners a shard)`, () => {
  // Two shards: the first written and the second in flight when the fault hits.
  const network = syntheticNetwork(SHARD_SIZE + 500, 9191);
  let postgres: LocalServer | undefined;
  let redis: LocalServer | undefined;
  let api: RunningApi | undefined;
  let worker: BuiltService | undefined;
  let client: Client | undefined;
  let queue: Queue | undefined;
  let expected: Lists;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startLocalPostgres(), startLocalRedis()]);
    const queuePrefix = uniqueQueuePrefix('worker_faults');
    // One job at a time, so the middle of a run is one shard written and the next in flight.
    const env = serviceEnv(postgres.url, queuePrefix, { REDIS_URL: redis.url, QUEUE_CONCURRENCY: '1', RUN_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS) });
    api = await startApi(env);
    client = new Client({ connectionString: postgres.url });
    await client.connect();
    await insertNetwork(client, network);
    worker = await startWorker(env);
    queue = new Queue(MATCHING_QUEUE, { connection: redisConnectionOptions(redis.url), prefix: queuePrefix });
    queue.on('error', () => undefined); // the test stops Redis under it
    expected = await coreLists(network.partners, network.connections);
  }, 180_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.stop();
    await api?.service.stop();
    await client?.end().catch(() => undefined);
    await Promise.all([postgres?.remove(), redis?.remove()]);
  }, 30_000);

  afterEach(() => {
    expect(worker?.process.exitCode).toBeNull();
    expect(worker?.output()).not.toMatch(/unhandled/i);
  });

  /** One shard written and the next being scored; a shard takes tens of seconds on a busy machine. */
  async function midRun(runId: string): Promise<void> {
    await eventually(
      async () => ({ run: await runStatus(api!, runId), scoring: await shardInFlight(queue!) }),
      ({ run, scoring }) => run.status === 'running' && run.shardsCompleted === 1 && scoring,
      150_000,
    );
  }

  /** The active run's lists are the core's, each row once. */
  async function expectCoreLists(runId: string): Promise<void> {
    const stored = await storedLists(client!);
    expect(stored.runId).toBe(runId);
    expect(listDifferences(stored.lists, expected)).toEqual([]);
    expect(stored.rowsInTable).toBe(rowCount(expected));
    const { rows: duplicates } = await client!.query(
      `SELECT run_id, partner_id, purpose, candidate_id FROM suggestion GROUP BY run_id, partner_id, purpose, candidate_id HAVING count(*) > 1 LIMIT 5`,
    );
    expect(duplicates).toEqual([]);
  }

  it('lives through PostgreSQL stopped for 12 s mid-run, and the run completes with exactly the core’s lists', async () => {
    const runId = await requestRun(api!);
    await midRun(runId);
    await client!.end();
    client = undefined;

    await postgres!.stop();
    let aliveThroughOutage: boolean;
    try {
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      aliveThroughOutage = worker!.process.exitCode === null;
    } finally {
      await postgres!.start();
    }
    // Without a catch in the failed-job handler the worker was gone by now (exit code 1).
    expect(aliveThroughOutage).toBe(true);
    client = new Client({ connectionString: postgres!.url });
    await client.connect();

    const run = await finishedRun(api!, runId, 120_000);
    expect(run).toMatchObject({ status: 'completed', shardsCompleted: 2, error: null });
    await expectCoreLists(runId);
  }, 300_000);

  it('ends a run whose jobs Redis lost in a restart without persistence, and the next run starts and completes', async () => {
    const runId = await requestRun(api!);
    await midRun(runId);

    await redis!.stop();
    await redis!.start();
    const restartedAt = performance.now();

    // Recovered (the missing shards enqueued again) or failed with a reason; either way it ends.
    const lost = await finishedRun(api!, runId, 120_000);
    const endedMs = performance.now() - restartedAt;
    if (lost.status === 'failed') expect(lost.error).toMatch(/\S/);

    const next = await requestRun(api!);
    const run = await finishedRun(api!, next, 150_000);
    expect(run).toMatchObject({ status: 'completed', shardsCompleted: 2, error: null });
    await expectCoreLists(next);
    console.log(`Redis restarted empty: run ${lost.status} ${endedMs.toFixed(0)} ms later (${lost.error ?? 'no error'}); the next run completed`);
  }, 400_000);
});
