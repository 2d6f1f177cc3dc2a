import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { RedisConnection } from './redis-connection';

/** The worker process: database and queue connections; the job processors bind here. */
@Module({
  imports: [AppConfigModule, PersistenceModule],
  providers: [RedisConnection],
})
export class WorkerModule {}
