import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { logConnectionErrors } from '@app/queue';
import Redis from 'ioredis';

/** The worker's Redis connection; start-up fails fast when Redis is unreachable. */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  private client: Redis | null = null;

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    // main() has checked that REDIS_URL is set.
    this.client = new Redis(this.config.redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 1 });
    logConnectionErrors(this.client, this.logger);
    await this.client.connect();
    await this.client.ping();
    this.logger.log('Connected to Redis');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit();
  }
}
