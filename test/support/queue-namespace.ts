import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** The real Redis of the development and CI machines; override for another server. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue namespace of one's own, so parallel test files never take each other's jobs. */
export function uniqueQueuePrefix(label: string): string {
  return `pm-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key of a queue namespace. */
export async function removeQueueKeys(queuePrefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${queuePrefix}:*`, count: 500 })) keys.push(...(batch as string[]));
    for (let start = 0; start < keys.length; start += 500) await redis.unlink(...keys.slice(start, start + 500));
  } finally {
    redis.disconnect();
  }
}
