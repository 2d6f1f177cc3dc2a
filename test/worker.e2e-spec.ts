import { BUILT_WORKER, isCleanStop, startBuiltService, type BuiltService } from './support/built-service';
import { removeQueueKeys, uniqueQueuePrefix } from './support/queue-namespace';
import { serviceEnv } from './support/running-services';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('worker process (built, real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let service: BuiltService | undefined;
  // Its own namespace: the scheduler it starts must not land in another installation's queue.
  const queuePrefix = uniqueQueuePrefix('worker');

  beforeAll(async () => {
    database = await createTestDatabase('worker');
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  afterAll(async () => {
    await database.drop();
    await removeQueueKeys(queuePrefix);
  });

  it('connects to PostgreSQL and Redis, migrates, and stops cleanly on SIGTERM', async () => {
    service = startBuiltService(BUILT_WORKER, serviceEnv(database.url, queuePrefix, { MATCHING_CRON: '0 3 * * *' }));
    await service.waitForOutput('Worker ready');
    expect(service.output()).toContain('Connected to Redis');
    expect(isCleanStop(await service.stop())).toBe(true);
  }, 60_000);

  it('refuses to start without REDIS_URL', async () => {
    service = startBuiltService(BUILT_WORKER, { DATABASE_URL: database.url });
    expect((await service.exited).code).toBe(1);
    expect(service.output()).toContain('REDIS_URL');
  }, 30_000);
});
