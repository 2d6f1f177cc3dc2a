import { Client } from 'pg';
import { bearer } from './support/api-keys';
import { getJson, type BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { startLocalPostgres, startLocalRedis, type LocalServer } from './support/local-servers';
import { finishedRun } from './support/matching-runs';
import { insertNetwork, syntheticNetwork } from './support/network';
import { uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';

/** What a client sees of one request, and how long it waited. */
async function timed(url: string, init: RequestInit = {}) {
  const started = performance.now();
  const response = await fetch(url, { ...init, headers: { ...bearer(), ...init.headers } });
  const body: any = await response.json();
  return { status: response.status, type: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), body, ms: performance.now() - started };
}

const UNAVAILABLE = { type: '/problems/service-unavailable', status: 503, title: 'Service unavailable' };

/**
 * The built API on a PostgreSQL and a Redis of the test's own, each stopped and started
 * again under it: requests that need the missing service answer 503 at once, the rest keep
 * working, nothing crashes, and everything recovers without a restart.
 */
describe('dependency faults: PostgreSQL or Redis stopped under the running API (own servers)', () => {
  const network = syntheticNetwork(60, 77);
  let postgres: LocalServer | undefined;
  let redis: LocalServer | undefined;
  let api: RunningApi | undefined;
  let worker: BuiltService | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    postgres = await startLocalPostgres();
    redis = await startLocalRedis();
    env = serviceEnv(postgres.url, uniqueQueuePrefix('faults'), { REDIS_URL: redis.url });
    api = await startApi(env);
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    await insertNetwork(client, network).finally(() => client.end());
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.service.stop();
    await Promise.all([postgres?.remove(), redis?.remove()]);
  }, 30_000);

  afterEach(() => {
    // A crash would show as an exit; an 'error' event without a listener as ioredis's console line.
    expect(api?.service.process.exitCode).toBeNull();
    expect(api?.service.output()).not.toContain('Unhandled error event');
  });

  it('answers 503 problems while PostgreSQL is stopped, stays live, and recovers by itself once it is back', async () => {
    expect((await timed(`${api!.baseUrl}/v1/partners`)).status).toBe(200);
    await postgres!.stop();

    const partners = await timed(`${api!.baseUrl}/v1/partners`);
    expect(partners).toMatchObject({ status: 503, type: expect.stringContaining('application/problem+json'), retryAfter: '5', body: UNAVAILABLE });
    expect(partners.ms).toBeLessThan(1_000);
    const ready = await getJson(`${api!.baseUrl}/health/ready`);
    expect(ready).toMatchObject({ status: 503, body: { status: 'error', error: { database: { status: 'down' } } } });
    expect(await getJson(`${api!.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });

    await postgres!.start();
    const backAt = performance.now();
    await eventually(() => timed(`${api!.baseUrl}/v1/partners`), (response) => response.status === 200, 5_000);
    const recoveryMs = performance.now() - backAt;
    expect((await getJson(`${api!.baseUrl}/health/ready`)).status).toBe(200);
    console.log(`PostgreSQL stopped: 503 in ${partners.ms.toFixed(0)} ms; back: 200 after ${recoveryMs.toFixed(0)} ms`);
  }, 30_000);

  it('refuses to start runs while Redis is stopped, keeps serving reads, and runs again once it is back', async () => {
    worker = await startWorker(env);
    await redis!.stop();

    const refused = await timed(`${api!.baseUrl}/v1/matching/runs`, { method: 'POST' });
    expect(refused).toMatchObject({ status: 503, type: expect.stringContaining('application/problem+json'), retryAfter: '5', body: UNAVAILABLE });
    expect(refused.ms).toBeLessThan(1_000);
    expect((await timed(`${api!.baseUrl}/v1/partners`)).status).toBe(200);
    expect((await timed(`${api!.baseUrl}/v1/partners/pipeline-partner-0`)).status).toBe(200);
    expect(await getJson(`${api!.baseUrl}/health/ready`)).toMatchObject({ status: 503, body: { error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } } });

    await redis!.start();
    const backAt = performance.now();
    const accepted = await eventually(() => timed(`${api!.baseUrl}/v1/matching/runs`, { method: 'POST' }), (response) => response.status === 202, 10_000);
    const recoveryMs = performance.now() - backAt;
    // The worker lived through the outage and takes the run from the restarted Redis.
    const run = await finishedRun(api!, accepted.body.id, 30_000);
    expect(run).toMatchObject({ status: 'completed', partnerCount: network.partners.length, error: null });
    expect(worker.process.exitCode).toBeNull();
    expect(worker.output()).not.toContain('Unhandled error event');
    console.log(`Redis stopped: 503 in ${refused.ms.toFixed(0)} ms; back: 202 after ${recoveryMs.toFixed(0)} ms`);
  }, 45_000);
});
