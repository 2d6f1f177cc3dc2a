import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, type AppConfig } from '@app/config';
import { HealthModule, LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { MailModule } from '@app/mail';
import { QueueModule } from '@app/queue';
import { MatchingPipelineModule } from '@app/suggestions';
import { RedisConnection } from './redis-connection';
import { RunWatchdogScheduleService } from './run-watchdog-schedule.service';
import { ScheduledRunService } from './scheduled-run.service';

/**
 * The worker process: binds the matching job handlers to BullMQ. Its only routes are the
 * health probes, served when WORKER_HEALTH_PORT is set.
 */
@Module({
  providers: [RedisConnection, ScheduledRunService, RunWatchdogScheduleService],
})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        HealthModule,
        PersistenceModule,
        QueueModule.forRoot(config),
        MailModule.forRoot({ relay: false, schedules: true }),
        MatchingPipelineModule.forRoot(config, { processJobs: true }),
      ],
    };
  }
}
