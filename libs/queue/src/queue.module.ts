import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { BullMqProducer, DEFAULT_JOB_OPTIONS, MATCHING_FLOW_PRODUCER } from './bullmq.driver';
import { InProcessDriver } from './in-process.driver';
import { MatchingJobProducer } from './matching-job-ports';
import { MATCHING_QUEUE } from './matching-jobs';
import { producerConnectionOptions, redisConnectionOptions } from './redis-connection-options';

/**
 * The matching queue: BullMQ on REDIS_URL, or in-process when it is unset. Either way the
 * rest of the code sees one `MatchingJobProducer`.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) {
      return {
        module: QueueModule,
        providers: [InProcessDriver, { provide: MatchingJobProducer, useExisting: InProcessDriver }],
        exports: [MatchingJobProducer, InProcessDriver],
      };
    }
    const bull = [
      BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix }),
      BullModule.registerQueue({ name: MATCHING_QUEUE, defaultJobOptions: DEFAULT_JOB_OPTIONS, connection: producerConnectionOptions(config.redisUrl) }),
      BullModule.registerFlowProducer({ name: MATCHING_FLOW_PRODUCER, connection: producerConnectionOptions(config.redisUrl) }),
    ];
    return {
      module: QueueModule,
      imports: bull,
      providers: [{ provide: MatchingJobProducer, useClass: BullMqProducer }],
      exports: [MatchingJobProducer, ...bull],
    };
  }
}
