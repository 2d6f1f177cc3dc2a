import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { buildAppConfig } from '@app/config';
import { BullMqProducer, DEFAULT_JOB_OPTIONS, MATCHING_FLOW_PRODUCER } from './bullmq.driver';
import { InProcessDriver } from './in-process.driver';
import { MatchingJobProducer } from './matching-job-ports';
import { MATCHING_QUEUE } from './matching-jobs';

/** ioredis options from a redis:// URL; BullMQ's blocking connections need no retry limit. */
export function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * The matching queue: BullMQ on REDIS_URL, or in-process when it is unset. Either way the
 * rest of the code sees one `MatchingJobProducer`.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const config = buildAppConfig(process.env);
    if (!config.redisUrl) {
      return {
        module: QueueModule,
        providers: [InProcessDriver, { provide: MatchingJobProducer, useExisting: InProcessDriver }],
        exports: [MatchingJobProducer, InProcessDriver],
      };
    }
    const bull = [
      BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix }),
      // Producers fail fast while Redis is away instead of holding the request.
      BullModule.registerQueue({
        name: MATCHING_QUEUE,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        connection: { ...redisConnectionOptions(config.redisUrl), enableOfflineQueue: false },
      }),
      BullModule.registerFlowProducer({ name: MATCHING_FLOW_PRODUCER }),
    ];
    return {
      module: QueueModule,
      imports: bull,
      providers: [{ provide: MatchingJobProducer, useClass: BullMqProducer }],
      exports: [MatchingJobProducer, ...bull],
    };
  }
}
