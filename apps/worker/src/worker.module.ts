import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { QueueModule } from '@app/queue';
import { SuggestionsModule } from '@app/suggestions';
import { RedisConnection } from './redis-connection';
import { ScheduledRunService } from './scheduled-run.service';

/** The worker process: binds the matching job handlers to BullMQ; nothing else lives here. */
@Module({
  imports: [AppConfigModule, PersistenceModule, QueueModule.forRoot(), SuggestionsModule.forRoot({ processJobs: true })],
  providers: [RedisConnection, ScheduledRunService],
})
export class WorkerModule {}
