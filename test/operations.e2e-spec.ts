import { bearer } from './support/api-keys';
import { freePort, getJson, type BuiltService } from './support/built-service';
import { removeQueueKeys, uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Health, metrics and logs of the built apps, read the way an orchestrator and Prometheus read them. */
describe('operations: health, metrics and request logs (built API and worker, real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase('operations');
    api = await startApi(serviceEnv(database.url));
  }, 60_000);

  afterAll(async () => {
    await api?.service.stop();
    await database.drop();
  });

  it('is live, and ready while PostgreSQL answers', async () => {
    expect(await getJson(`${api.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await getJson(`${api.baseUrl}/health/ready`);
    expect(ready).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', details: { database: { status: 'up' } } }) });
  });

  it('echoes an incoming request id, makes one up otherwise, and logs it with the request', async () => {
    const echoed = await fetch(`${api.baseUrl}/v1/taxonomy/sectors`, { headers: { 'x-request-id': 'ops-check-1', ...bearer() } });
    expect(echoed.headers.get('x-request-id')).toBe('ops-check-1');
    const generated = await fetch(`${api.baseUrl}/v1/taxonomy/sectors`, { headers: bearer() });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await api.service.waitForOutput(/"id":"ops-check-1".*"msg":"request completed"/, 5_000);
    const line = JSON.parse(api.service.output().split('\n').find((text) => text.includes('"id":"ops-check-1"'))!);
    expect(line).toMatchObject({ level: 'info', req: { id: 'ops-check-1', method: 'GET', url: '/v1/taxonomy/sectors' }, res: { statusCode: 200 } });
  });

  it('logs neither contact e-mail addresses in query strings nor authorization headers', async () => {
    const headers = { 'x-request-id': 'ops-check-2', authorization: 'Bearer top-secret-token' };
    await fetch(`${api.baseUrl}/v1/partners?q=contact%40voedselbank.example.org`, { headers });
    await api.service.waitForOutput('"id":"ops-check-2"', 5_000);
    expect(api.service.output()).toContain('"url":"/v1/partners?q=[email]"');
    expect(api.service.output()).not.toMatch(/voedselbank\.example\.org|top-secret-token/);
  });

  it('serves Prometheus metrics with request durations under the route template', async () => {
    await fetch(`${api.baseUrl}/v1/partners/bestaat-niet`, { headers: bearer() });
    const response = await fetch(`${api.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/partners/:idOrSlug",status_code="404"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/^partnermatch_active_run_lists \d+$/m);
    expect(text).not.toContain('bestaat-niet');
  });

  it('serves the same probes from a worker on WORKER_HEALTH_PORT, Redis included', async () => {
    const port = await freePort();
    const prefix = uniqueQueuePrefix('ops');
    let worker: BuiltService | undefined;
    try {
      worker = await startWorker(serviceEnv(database.url, prefix, { WORKER_HEALTH_PORT: String(port) }));
      expect(worker.output()).toContain('Connected to Redis');
      expect((await getJson(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      expect(await getJson(`http://127.0.0.1:${port}/health/ready`)).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } }),
      });
    } finally {
      await worker?.stop();
      await removeQueueKeys(prefix);
    }
  }, 60_000);

  // Last: the database is gone afterwards.
  it('answers 503 with the failing dependency once its database is dropped, and stays live', async () => {
    await database.drop();
    const ready = await getJson(`${api.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'error', info: {}, error: { database: { status: 'down' } }, details: { database: { status: 'down' } } });
    expect((await getJson(`${api.baseUrl}/health/live`)).status).toBe(200);
  });
});
