import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MATCHING_QUEUE, type MatchingJob } from '@app/queue';
import { Queue } from 'bullmq';

const SCHEDULER_ID = 'scheduled-full-run';

/** Keeps BullMQ's scheduler for the nightly full run in line with MATCHING_CRON. */
@Injectable()
export class ScheduledRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduledRunService.name);

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.waitUntilReady();
    if (!this.config.matchingCron) {
      await this.queue.removeJobScheduler(SCHEDULER_ID);
      return;
    }
    const job: MatchingJob = { name: 'full-run', data: { runId: null } };
    await this.queue.upsertJobScheduler(SCHEDULER_ID, { pattern: this.config.matchingCron }, { name: job.name, data: job.data });
    this.logger.log(`Full runs scheduled at "${this.config.matchingCron}"`);
  }
}
