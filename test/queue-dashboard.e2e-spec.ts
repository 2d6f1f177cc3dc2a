import { TEST_ADMIN_API_KEY } from './support/api-keys';
import { removeQueueKeys, uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi } from './support/running-services';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** bull-board is an Express app of its own, outside the key guard: it checks keys itself. */
describe('queue dashboard (built API on Redis)', () => {
  let database: TestDatabase;
  let api: RunningApi;
  const queuePrefix = uniqueQueuePrefix('dash');

  beforeAll(async () => {
    database = await createTestDatabase('queue_dashboard');
    api = await startApi(serviceEnv(database.url, queuePrefix));
  }, 60_000);

  afterAll(async () => {
    await api?.service.stop();
    await database?.drop();
    await removeQueueKeys(queuePrefix);
  });

  const dashboard = (authorization?: string) => fetch(`${api.baseUrl}/admin/queues`, { headers: authorization ? { authorization } : {} });

  it('asks a browser for a key and refuses non-admin keys', async () => {
    const anonymous = await dashboard();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(await anonymous.json()).toEqual({
      type: '/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'The queue dashboard needs an admin API key',
      instance: '/admin/queues',
    });
    const { key: teamKey } = (await (
      await fetch(`${api.baseUrl}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Team', role: 'team' }),
      })
    ).json()) as { key: string };
    expect((await dashboard(`Bearer ${teamKey}`)).status).toBe(401);
    expect((await dashboard(`Basic ${Buffer.from(`team:${teamKey}`).toString('base64')}`)).status).toBe(401);
  });

  it('opens for the admin key, as a bearer header or as the Basic password', async () => {
    const viaBearer = await dashboard(`Bearer ${TEST_ADMIN_API_KEY}`);
    expect(viaBearer.status).toBe(200);
    expect(await viaBearer.text()).toContain('<html');
    expect((await dashboard(`Basic ${Buffer.from(`beheer:${TEST_ADMIN_API_KEY}`).toString('base64')}`)).status).toBe(200);
  });
});
