import Redis from 'ioredis';
import { FailOpenRedisStorage } from '../apps/api/src/rate-limit/fail-open-storage';
import { freePort } from './support/built-service';
import { TEST_REDIS_URL, uniqueQueuePrefix } from './support/queue-namespace';

const MINUTE_MS = 60_000;

/** The rate limit's counts on the real Redis, and what happens when Redis is not there. */
describe('rate-limit storage (real Redis)', () => {
  const namespace = uniqueQueuePrefix('rate');
  const storages: FailOpenRedisStorage[] = [];
  const storage = (url: string) => {
    const created = new FailOpenRedisStorage(url, namespace);
    storages.push(created);
    return created;
  };

  afterAll(async () => {
    await Promise.all(storages.map((created) => created.onApplicationShutdown()));
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`{${namespace}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares one count between API processes and blocks past the limit', async () => {
    const first = storage(TEST_REDIS_URL);
    const second = storage(TEST_REDIS_URL);
    const hits = [];
    for (const process of [first, second, first]) hits.push(await process.increment('key:abc', MINUTE_MS, 2, MINUTE_MS, 'default'));
    expect(hits.map((record) => [record.totalHits, record.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    const redis = new Redis(TEST_REDIS_URL);
    expect(await redis.keys(`{${namespace}:rate:key:abc:default}:*`)).toHaveLength(2);
    redis.disconnect();
  });

  it('counts in the process, quickly, while Redis cannot be reached', async () => {
    const unreachable = storage(`redis://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    const first = await unreachable.increment('key:def', MINUTE_MS, 1, MINUTE_MS, 'default');
    const second = await unreachable.increment('key:def', MINUTE_MS, 1, MINUTE_MS, 'default');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect([first.totalHits, first.isBlocked, second.totalHits, second.isBlocked]).toEqual([1, false, 2, true]);
  });
});
