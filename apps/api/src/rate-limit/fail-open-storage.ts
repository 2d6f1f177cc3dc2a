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
    // No offline queue and one retry: a count that cannot be made now is made locally, not later.
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
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
