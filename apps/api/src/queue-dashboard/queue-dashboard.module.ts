import { BullBoardModule } from '@bull-board/nestjs';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { MATCHING_QUEUE } from '@app/queue';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { AuthModule } from '../auth/auth.module';
import { adminOnly } from './admin-only.middleware';

/** bull-board at /admin/queues for admin keys, when jobs run on BullMQ (the in-process driver has no queue to show). */
@Module({})
export class QueueDashboardModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) return { module: QueueDashboardModule };
    return {
      module: QueueDashboardModule,
      imports: [
        BullBoardModule.forRootAsync({
          imports: [AuthModule],
          inject: [ApiKeyAuthenticator],
          useFactory: (authenticator: ApiKeyAuthenticator) => ({ route: '/admin/queues', adapter: ExpressAdapter, middleware: adminOnly(authenticator) }),
        }),
        BullBoardModule.forFeature({ name: MATCHING_QUEUE, adapter: BullMQAdapter }),
      ],
    };
  }
}
