import type { SyntheticPartner } from '@app/matching/synthetic';
import { Client } from 'pg';
import { bearer } from './support/api-keys';
import type { BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { startLocalRedis, type LocalServer } from './support/local-servers';
import { coreLists, differingLists, listDifferences, storedLists } from './support/lists';
import { finishedRun, requestRun } from './support/matching-runs';
import { insertNetwork, syntheticNetwork } from './support/network';
import { uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { createTestDatabase, type TestDatabase } from './support/test-database';

type Edit = Partial<Pick<SyntheticPartner, 'gemeenten' | 'opgaven' | 'matchingOptOut'>>;

/** Two edits per partner, one of them an opt-out: every reason the lists change for. */
function editsOf(partners: readonly SyntheticPartner[]): Map<string, Edit[]> {
  const movers = partners.filter((partner) => partner.scope === 'local' && !partner.matchingOptOut && !partner.gemeenten.includes('GM0014')).slice(0, 6);
  return new Map(
    movers.map((partner, index) => [
      partner.id,
      index === 0
        ? [{ opgaven: ['meedoen'] }, { matchingOptOut: true }]
        : [{ opgaven: partner.opgaven.includes('beeldvorming') ? ['meedoen'] : ['beeldvorming'] }, { gemeenten: ['GM0014'] }],
    ]),
  );
}

describe('transactional outbox: partner edits while Redis is down (built API and worker, PostgreSQL, a redis-server of its own)', () => {
  const network = syntheticNetwork(300, 7707);
  const edits = editsOf(network.partners);
  const edited = network.partners.map((partner) => Object.assign({ ...partner }, ...(edits.get(partner.id) ?? [])) as SyntheticPartner);
  let redis: LocalServer | undefined;
  let database: TestDatabase | undefined;
  let client: Client | undefined;
  let api: RunningApi | undefined;
  let worker: BuiltService | undefined;

  const outbox = async () =>
    (await client!.query(`SELECT count(*)::int AS entries, coalesce(min(attempts), 0)::int AS "fewestAttempts" FROM partner_change_outbox`)).rows[0] as {
      entries: number;
      fewestAttempts: number;
    };
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${api!.baseUrl}${path}`, {
      method,
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });

  beforeAll(async () => {
    redis = await startLocalRedis();
    database = await createTestDatabase('outbox_faults');
    client = new Client({ connectionString: database.url });
    await client.connect();
    const env = serviceEnv(database.url, uniqueQueuePrefix('outbox'), { REDIS_URL: redis.url });
    // The API migrates the database at start-up; the rows go in afterwards.
    api = await startApi(env);
    await insertNetwork(client, network);
    worker = await startWorker(env);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.service.stop();
    await client?.end();
    await database?.drop();
    await redis?.remove();
  }, 30_000);

  it('keeps every edit made while Redis is down and recomputes all of them once it is back, restarting nothing', async () => {
    const before = await coreLists(network.partners, network.connections);
    const after = await coreLists(edited, network.connections);
    // Only edits that change lists can show that their recompute was not lost.
    expect(differingLists(after, before).length).toBeGreaterThan(edits.size);
    const run = await finishedRun(api!, await requestRun(api!), 30_000);
    expect(run).toMatchObject({ status: 'completed', error: null });
    expect(listDifferences((await storedLists(client!)).lists, before)).toEqual([]);

    await redis!.stop();
    const statuses = await Promise.all(
      [...edits].map(async ([partnerId, partnerEdits]) => {
        const answered: number[] = [];
        for (const edit of partnerEdits) answered.push((await send('PATCH', `/v1/partners/${partnerId}`, edit)).status);
        return answered;
      }),
    );
    expect(statuses.flat()).toEqual(Array(2 * edits.size).fill(200));
    const { rows: stored } = await client!.query(`SELECT id, gemeenten, opgaven, matching_opt_out AS "matchingOptOut" FROM partner WHERE id = ANY($1)`, [[...edits.keys()]]);
    const expectedPartners = edited.filter((partner) => edits.has(partner.id));
    expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      expectedPartners.map(({ id, gemeenten, opgaven, matchingOptOut }) => ({ id, gemeenten, opgaven, matchingOptOut: matchingOptOut ?? false })),
    );
    // The relay has tried each entry, failed, backed off and tried again, and kept them all.
    await eventually(outbox, ({ entries, fewestAttempts }) => entries === 2 * edits.size && fewestAttempts >= 2, 10_000);
    const metrics = await send('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(`partnermatch_outbox_entries ${2 * edits.size}\n`);

    // A run cannot be queued: the request is refused at once as a problem, not left hanging.
    const runRequest = await send('POST', '/v1/matching/runs');
    expect(runRequest.status).toBe(503);
    expect(runRequest.headers.get('content-type')).toContain('application/problem+json');
    expect(listDifferences((await storedLists(client!)).lists, before)).toEqual([]);

    await redis!.start();
    await eventually(outbox, ({ entries }) => entries === 0, 20_000);
    await eventually(
      async () => listDifferences((await storedLists(client!)).lists, after),
      (differences) => differences.length === 0,
      20_000,
    );
  }, 60_000);
});
