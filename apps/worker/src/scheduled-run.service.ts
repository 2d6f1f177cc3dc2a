import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MATCHING_QUEUE, type MatchingJob } from '@app/queue';
import { Queue } from 'bullmq';

const SCHEDULER_ID = 'scheduled-full-run';

/** How often a worker checks that the scheduler is still in Redis. */
const SCHEDULER_CHECK_MS = 60_000;

/**
 * Keeps BullMQ's scheduler for the nightly full run in line with MATCHING_CRON, and puts it
 * back when Redis lost it (a restart without persistence), so the nightly run is not
 * skipped until some worker restarts.
 */
@Injectable()
export class ScheduledRunService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledRunService.name);
  private timer: NodeJS.Timeout | null = null;

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
    await this.upsert();
    this.logger.log(`Full runs scheduled at "${this.config.matchingCron}"`);
    this.timer = setInterval(() => void this.restoreIfLost(), SCHEDULER_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async restoreIfLost(): Promise<void> {
    try {
      if (await this.queue.getJobScheduler(SCHEDULER_ID)) return;
      await this.upsert();
      this.logger.warn(`The scheduler of the full runs was gone from Redis; scheduled again at "${this.config.matchingCron}"`);
    } catch {
      // Redis is away; the connection errors are logged already, and the next check tries again.
    }
  }

  private async upsert(): Promise<void> {
    const job: MatchingJob = { name: 'full-run', data: { runId: null } };
    await this.queue.upsertJobScheduler(SCHEDULER_ID, { pattern: this.config.matchingCron! }, { name: job.name, data: job.data });
  }
}
