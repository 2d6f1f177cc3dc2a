import { BullBoardModule } from '@bull-board/nestjs';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { DynamicModule, Module } from '@nestjs/common';
import { buildAppConfig } from '@app/config';
import { MATCHING_QUEUE } from '@app/queue';

/** bull-board at /admin/queues, when jobs run on BullMQ (the in-process driver has no queue to show). */
@Module({})
export class QueueDashboardModule {
  static forRoot(): DynamicModule {
    if (!buildAppConfig(process.env).redisUrl) return { module: QueueDashboardModule };
    return {
      module: QueueDashboardModule,
      imports: [
        BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter }),
        BullBoardModule.forFeature({ name: MATCHING_QUEUE, adapter: BullMQAdapter }),
      ],
    };
  }
}
