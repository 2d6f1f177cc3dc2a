import { DEFAULT_MATCHING_PROFILE, pairKey, type Connection } from '@app/matching';
import type { SyntheticPartner } from '@app/matching/synthetic';
import { SHARD_SIZE } from '@app/suggestions';
import { Client } from 'pg';
import { bearer } from './support/api-keys';
import { getJson, type BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { brokenRankings, coreLists, differingLists, exclusionOf, kennisdelenReferenceLists, listDifferences, type Lists, rowCount, storedLists } from './support/lists';
import { finishedRun, requestRun, runStatus } from './support/matching-runs';
import { copyNetwork, syntheticNetwork } from './support/network';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { midShard, shardHoldersDuring } from './support/shard-jobs';
import { closeStack, openStack, type Stack } from './support/stack';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const K = DEFAULT_MATCHING_PROFILE.k;

/**
 * Adds connections from one partner to every partner taking part but `keepOpen` of them,
 * so that partner can only be suggested those: fewer than k.
 */
function connectHubToAllBut(partners: readonly SyntheticPartner[], connections: readonly Connection[], keepOpen: number) {
  const hub = partners.find((partner) => !partner.matchingOptOut)!;
  const connected = new Set(connections.map(({ a, b }) => pairKey(a, b)));
  const open = partners.filter((partner) => !partner.matchingOptOut && partner.id !== hub.id && !connected.has(pairKey(hub.id, partner.id)));
  return { hub, connections: [...connections, ...open.slice(keepOpen).map((partner) => ({ a: hub.id, b: partner.id }))] };
}

describe('matching pipeline through BullMQ (built API and workers, PostgreSQL, Redis)', () => {
  describe('a few hundred partners, one worker', () => {
    const generated = syntheticNetwork(400, 4242);
    const HUB_CANDIDATES = 5;
    const { hub, connections } = connectHubToAllBut(generated.partners, generated.connections, HUB_CANDIDATES);
    const network = { partners: generated.partners, connections };
    let stack: Stack | undefined;
    let worker: BuiltService | undefined;
    let inProcessApi: RunningApi | undefined;
    let inProcessDatabase: TestDatabase | undefined;

    const completeRun = async () => {
      const run = await finishedRun(stack!.api, await requestRun(stack!.api), 30_000);
      expect(run).toMatchObject({ status: 'completed', error: null });
      return run;
    };

    beforeAll(async () => {
      stack = await openStack('pipeline', network);
      worker = await startWorker(serviceEnv(stack.database.url, stack.queuePrefix));
    }, 60_000);

    afterAll(async () => {
      await inProcessApi?.service.stop();
      await inProcessDatabase?.drop();
      await worker?.stop();
      await closeStack(stack);
    }, 30_000);

    it('gives every partner taking part its k best candidates, none excluded, exactly as the matching core ranks them', async () => {
      const optedOut = network.partners.filter((partner) => partner.matchingOptOut);
      expect(optedOut.length).toBeGreaterThan(0);
      const run = await completeRun();
      const stored = await storedLists(stack!.client);
      expect(stored.runId).toBe(run.id);

      const byId = new Map(network.partners.map((partner) => [partner.id, partner]));
      const connected = new Set(network.connections.map(({ a, b }) => pairKey(a, b)));
      const takingPart = network.partners.filter((partner) => !partner.matchingOptOut);
      const wrongLengths = takingPart
        .map((viewer) => {
          const possible = takingPart.filter((candidate) => exclusionOf(viewer, candidate, connected) === null).length;
          return { id: viewer.id, expected: Math.min(K, possible), actual: stored.lists.get(viewer.id)?.length ?? 0 };
        })
        .filter(({ expected, actual }) => expected !== actual);
      expect(wrongLengths).toEqual([]);
      expect(stored.lists.get(hub.id)).toHaveLength(HUB_CANDIDATES);
      expect(optedOut.filter((partner) => stored.lists.has(partner.id)).map((partner) => partner.id)).toEqual([]);

      const excluded = [...stored.lists].flatMap(([viewerId, list]) =>
        list
          .map((row) => ({ viewerId, candidateId: row.candidateId, why: exclusionOf(byId.get(viewerId)!, byId.get(row.candidateId), connected) }))
          .filter(({ why }) => why !== null),
      );
      expect(excluded).toEqual([]);
      expect(brokenRankings(stored.lists)).toEqual([]);

      expect(listDifferences(stored.lists, await coreLists(network.partners, network.connections))).toEqual([]);
      expect(stored.rowsInTable).toBe(rowCount(stored.lists));
      expect(run.suggestionCount).toBe(stored.rowsInTable);
      // The second purpose, knowledge exchange, in the same run: each list as the reference ranks it.
      const kennisdelen = await storedLists(stack!.client, 'kennisdelen');
      expect(kennisdelen.lists.size).toBeGreaterThan(takingPart.length * 0.9);
      expect(listDifferences(kennisdelen.lists, kennisdelenReferenceLists(network.partners, network.connections))).toEqual([]);
    }, 60_000);

    it('repairs the changed partner’s list and every list it enters or leaves after a PATCH, through the queue', async () => {
      await completeRun();
      const mover = network.partners.find(
        (partner) => partner.scope === 'local' && !partner.matchingOptOut && partner.id !== hub.id && !partner.gemeenten.includes('GM0014'),
      )!;
      const changes = { gemeenten: ['GM0014'], opgaven: mover.opgaven.includes('beeldvorming') ? ['meedoen'] : ['beeldvorming'] };
      const before = await coreLists(network.partners, network.connections);
      const moved = network.partners.map((partner) => (partner.id === mover.id ? { ...partner, ...changes } : partner));
      const after = await coreLists(moved, network.connections);
      const listsWithMover = (lists: Lists) => new Set([...lists].filter(([, list]) => list.some((entry) => entry.candidateId === mover.id)).map(([id]) => id));
      const entered = [...listsWithMover(after)].filter((id) => !listsWithMover(before).has(id));
      const left = [...listsWithMover(before)].filter((id) => !listsWithMover(after).has(id));
      // Only a change that moves the partner into and out of other lists tests their repair.
      expect(differingLists(after, before)).toContain(mover.id);
      expect(entered.length).toBeGreaterThan(0);
      expect(left.length).toBeGreaterThan(0);
      expect(listDifferences((await storedLists(stack!.client)).lists, before)).toEqual([]);

      const patchedAt = Date.now();
      const response = await fetch(`${stack!.api.baseUrl}/v1/partners/${mover.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer() },
        body: JSON.stringify(changes),
      });
      expect(response.status).toBe(200);

      await eventually(
        async () => listDifferences((await storedLists(stack!.client)).lists, after),
        (differences) => differences.length === 0,
        30_000,
      );
      // Its kennisdelen list and those it entered or left were repaired in the same job.
      const kennisdelenAfter = kennisdelenReferenceLists(moved, network.connections);
      expect(differingLists(kennisdelenAfter, kennisdelenReferenceLists(network.partners, network.connections))).toContain(mover.id);
      expect(listDifferences((await storedLists(stack!.client, 'kennisdelen')).lists, kennisdelenAfter)).toEqual([]);
      const jobs = await stack!.queue.getJobs(['completed']);
      // The repair came through the queue, not from a full run.
      expect(jobs.some((job) => job.name === 'catch-up-stale-lists' && job.timestamp >= patchedAt)).toBe(true);
    }, 60_000);

    it('keeps its index across a run with the same profile and pairs: the first edit after the run is repaired without building it again', async () => {
      const builds = () => worker!.output().split('\n').filter((line) => line.includes('Match index built')).length;
      const current = (await storedLists(stack!.client)).lists;
      expect(builds()).toBeGreaterThan(0);
      const buildsBefore = builds();
      await completeRun();
      const mover = network.partners.find((partner) => partner.scope === 'local' && !partner.matchingOptOut && partner.id !== hub.id && !partner.gemeenten.includes('GM0014'))!;
      // Where the previous test moved it, with the other opgaven as well.
      const { body: stored } = await getJson<{ gemeenten: string[]; opgaven: string[] }>(`${stack!.api.baseUrl}/v1/partners/${mover.id}`);
      const changes = { gemeenten: ['GM0363'], opgaven: stored.opgaven.includes('meedoen') ? ['gezond-opgroeien'] : ['meedoen'] };
      const partnersNow = network.partners.map((partner) => (partner.id === mover.id ? { ...partner, gemeenten: stored.gemeenten, opgaven: stored.opgaven } : partner));
      expect(listDifferences(current, await coreLists(partnersNow, network.connections))).toEqual([]);
      const after = await coreLists(partnersNow.map((partner) => (partner.id === mover.id ? { ...partner, ...changes } : partner)), network.connections);
      expect(differingLists(after, current).length).toBeGreaterThan(1);

      const response = await fetch(`${stack!.api.baseUrl}/v1/partners/${mover.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...bearer() }, body: JSON.stringify(changes) });
      expect(response.status).toBe(200);
      await eventually(
        async () => listDifferences((await storedLists(stack!.client)).lists, after),
        (differences) => differences.length === 0,
        30_000,
      );
      // The run's finalise compared its lists with the kept index, and the edit used it too.
      expect(builds()).toBe(buildsBefore);
    }, 60_000);

    it('computes the same lists with the in-process driver (no REDIS_URL) as with BullMQ on the same partners and connections', async () => {
      inProcessDatabase = await createTestDatabase('pipeline_in_process');
      const env = serviceEnv(inProcessDatabase.url);
      // The first start migrates the empty database; with partners in it, the next start runs its start-up run.
      inProcessApi = await startApi(env);
      await inProcessApi.service.stop();
      const inProcessClient = new Client({ connectionString: inProcessDatabase.url });
      await inProcessClient.connect();
      try {
        await copyNetwork(stack!.client, inProcessClient);
        inProcessApi = await startApi(env);
        await inProcessApi.service.waitForOutput('Computing suggestions', 10_000);
        const startupRunId = await eventually(
          async () => (await storedLists(inProcessClient)).runId,
          (runId) => runId !== null,
          30_000,
        );
        expect(await runStatus(inProcessApi, startupRunId!)).toMatchObject({ status: 'completed', error: null });

        await completeRun();
        const inProcess = await storedLists(inProcessClient);
        const bullMq = await storedLists(stack!.client);
        expect(inProcess.lists.size).toBeGreaterThan(300);
        expect(listDifferences(inProcess.lists, bullMq.lists)).toEqual([]);
        expect(inProcess.rowsInTable).toBe(bullMq.rowsInTable);
      } finally {
        await inProcessClient.end();
      }
    }, 60_000);
  });

  describe(`more partners than one shard (${SHARD_SIZE} partners each)`, () => {
    const network = syntheticNetwork(2 * SHARD_SIZE + 500, 5151);
    const SHARDS = 3;
    let stack: Stack | undefined;
    let expected: Lists;
    const workers: BuiltService[] = [];

    const startWorkers = (count: number, extra: Record<string, string> = {}) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          const worker = await startWorker(serviceEnv(stack!.database.url, stack!.queuePrefix, extra));
          workers.push(worker);
          return worker;
        }),
      );

    /** The run is the active one, and its rows are the core's lists: one row per (partner, rank), none missing. */
    const expectCoreListsOf = async (run: { id: string; suggestionCount: number | null }) => {
      const stored = await storedLists(stack!.client);
      expect(stored.runId).toBe(run.id);
      expect(listDifferences(stored.lists, expected)).toEqual([]);
      expect(brokenRankings(stored.lists)).toEqual([]);
      expect(stored.rowsInTable).toBe(rowCount(expected));
      expect(run.suggestionCount).toBe(rowCount(expected));
    };

    beforeAll(async () => {
      stack = await openStack('pipeline_shards', network);
      expected = await coreLists(network.partners, network.connections);
    }, 60_000);

    afterEach(async () => {
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    }, 30_000);

    afterAll(async () => {
      await closeStack(stack);
    }, 30_000);

    it('shares one run between two worker processes', async () => {
      await startWorkers(2);
      const { result: run, workerIdsByShard } = await shardHoldersDuring(stack!.queue, async () =>
        finishedRun(stack!.api, await requestRun(stack!.api), 90_000),
      );

      expect(run).toMatchObject({ status: 'completed', shardCount: SHARDS, shardsCompleted: SHARDS, partnerCount: network.partners.length, error: null });
      expect(workerIdsByShard.size).toBe(SHARDS);
      expect(new Set([...workerIdsByShard.values()].flatMap((ids) => [...ids])).size).toBe(2);
      await expectCoreListsOf(run);
    }, 120_000);

    it('completes a run whose worker was killed mid-shard, once a new worker takes over, without duplicate or missing rows', async () => {
      // A short lock, so the dead worker's shard is handed on within seconds; one job at a
      // time, so "one shard written, the next in flight" is a well-defined middle.
      const shortLock = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_CONCURRENCY: '1' };
      const [doomed] = await startWorkers(1, shortLock);
      const runId = await requestRun(stack!.api);
      // One shard written and the next one being scored: the middle of the run.
      await midShard(stack!.api, stack!.queue, runId);
      doomed.process.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      expect(await runStatus(stack!.api, runId)).toMatchObject({ status: 'running', shardsCompleted: 1 });

      await startWorkers(1, shortLock);
      const run = await finishedRun(stack!.api, runId, 90_000);
      expect(run).toMatchObject({ status: 'completed', shardsCompleted: SHARDS, error: null });
      await expectCoreListsOf(run);
    }, 120_000);
  });
});
