import { createConnection } from 'node:net';
import { SHARD_SIZE } from '@app/suggestions';
import { Client } from 'pg';
import { bearer } from './support/api-keys';
import type { BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { coreLists, listDifferences, type Lists, rowCount, storedLists } from './support/lists';
import { finishedRun, requestRun, runStatus } from './support/matching-runs';
import { syntheticNetwork } from './support/network';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { midShard } from './support/shard-jobs';
import { closeStack, openStack, type Stack } from './support/stack';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Whether a new TCP connection to the port is accepted or refused. */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('graceful shutdown on SIGTERM (built API and worker)', () => {
  describe('the API', () => {
    let database: TestDatabase;
    let api: RunningApi | undefined;
    let client: Client;

    beforeAll(async () => {
      database = await createTestDatabase('shutdown_api');
      api = await startApi(serviceEnv(database.url));
      client = new Client({ connectionString: database.url });
      await client.connect();
    }, 60_000);

    afterAll(async () => {
      await client?.end();
      await api?.service.stop();
      await database?.drop();
    });

    it('lets a request in flight finish with 200, refuses new connections, and exits with code 0', async () => {
      // The test holds the partner table locked, so the request waits in PostgreSQL for as long as the test likes.
      await client.query('BEGIN');
      await client.query('LOCK TABLE partner IN ACCESS EXCLUSIVE MODE');
      const inFlight = fetch(`${api!.baseUrl}/v1/partners`, { headers: bearer() });
      await eventually(
        async () => (await client.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].waiting,
        (waiting) => waiting > 0,
        10_000,
      );

      const signalledAt = performance.now();
      api!.service.process.kill('SIGTERM');
      const port = Number(new URL(api!.baseUrl).port);
      await eventually(() => connects(port), (accepted) => !accepted, 5_000);
      expect(api!.service.process.exitCode).toBeNull();

      await client.query('COMMIT');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ items: [], total: 0 });
      expect(await api!.service.exited).toEqual({ code: 0, signal: null });
      console.log(`API: SIGTERM to exit ${(performance.now() - signalledAt).toFixed(0)} ms, the held request answered 200`);
    }, 30_000);
  });

  describe(`a worker mid-shard (${SHARD_SIZE} partners each)`, () => {
    const network = syntheticNetwork(2 * SHARD_SIZE + 500, 6262);
    let stack: Stack | undefined;
    let expected: Lists;
    const workers: BuiltService[] = [];

    beforeAll(async () => {
      stack = await openStack('shutdown_worker', network);
      expected = await coreLists(network.partners, network.connections);
    }, 90_000);

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await closeStack(stack);
    }, 30_000);

    it('finishes the shard it holds, exits with code 0, and a new worker completes the run with exactly the core’s rows', async () => {
      // One job at a time, so the middle of the run is one shard written and the next in flight.
      const env = serviceEnv(stack!.database.url, stack!.queuePrefix, { QUEUE_CONCURRENCY: '1' });
      const stopping = await startWorker(env);
      workers.push(stopping);
      const runId = await requestRun(stack!.api);
      await midShard(stack!.api, stack!.queue, runId);

      const signalledAt = performance.now();
      stopping.process.kill('SIGTERM');
      expect(await stopping.exited).toEqual({ code: 0, signal: null });
      const drainMs = performance.now() - signalledAt;
      // The shard in flight was written before the exit, and no job is left locked to a dead worker.
      expect(await runStatus(stack!.api, runId)).toMatchObject({ status: 'running', shardsCompleted: 2 });
      expect(await stack!.queue.getActive()).toEqual([]);

      workers.push(await startWorker(env));
      const run = await finishedRun(stack!.api, runId, 60_000);
      expect(run).toMatchObject({ status: 'completed', shardsCompleted: 3, error: null });
      const stored = await storedLists(stack!.client);
      expect(stored.runId).toBe(run.id);
      expect(listDifferences(stored.lists, expected)).toEqual([]);
      expect(stored.rowsInTable).toBe(rowCount(expected));
      expect(run.suggestionCount).toBe(rowCount(expected));
      console.log(`Worker: SIGTERM mid-shard to exit ${drainMs.toFixed(0)} ms (shard finished); run completed with ${stored.rowsInTable} rows`);
    }, 120_000);
  });
});
