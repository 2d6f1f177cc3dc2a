import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';

/**
 * Counts in Redis, shared by every API process; while Redis is unreachable, counts in this
 * process instead. Limiting is a protection, not a dependency: an outage of Redis must not
 * turn every request into an error.
 */
export class FailOpenRedisStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(
    redisUrl: string,
    private readonly namespace: string,
  ) {
    // Commands wait for the first connection (no race at start-up) but give up after one
    // reconnect attempt or a second: a count that cannot be made now is made locally.
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    // Known to be down: no request waits for it until it is back.
    if (this.degraded && this.redis.status !== 'ready') return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const record = await this.shared.increment(`${this.namespace}:rate:${key}`, ttl, limit, blockDuration, throttlerName);
      if (this.degraded) this.logger.log('Redis is back; rate limits are shared again');
      this.degraded = false;
      return record;
    } catch (error) {
      if (!this.degraded) this.logger.warn(`Redis unreachable (${error instanceof Error ? error.message : String(error)}); counting rate limits per process`);
      this.degraded = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}
