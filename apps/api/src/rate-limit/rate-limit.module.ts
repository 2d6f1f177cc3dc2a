import { Module } from '@nestjs/common';
import { ThrottlerModule, ThrottlerStorageService } from '@nestjs/throttler';
import { appConfig, type AppConfig } from '@app/config';
import { FailOpenRedisStorage } from './fail-open-storage';

const MINUTE_MS = 60_000;

/** RATE_LIMIT_PER_MINUTE per key; counted in Redis when the queue runs there, so all API processes share the count. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: config.rateLimitPerMinute }],
        errorMessage: `This API key made more than ${config.rateLimitPerMinute} requests in a minute; Retry-After says when to go on`,
        storage: config.redisUrl ? new FailOpenRedisStorage(config.redisUrl, config.queuePrefix) : new ThrottlerStorageService(),
      }),
    }),
  ],
})
export class RateLimitModule {}
