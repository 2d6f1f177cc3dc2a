import { BUILT_WORKER, isCleanStop, startBuiltService, type BuiltService } from './support/built-service';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('worker process (built, real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let service: BuiltService | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('worker');
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  afterAll(async () => {
    await database.drop();
  });

  it('connects to PostgreSQL and Redis, migrates, and stops cleanly on SIGTERM', async () => {
    service = startBuiltService(BUILT_WORKER, { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379' });
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
