import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { appConfig, type AppConfig } from '@app/config';
import { DigestService } from './digest.service';
import { FollowUpsService } from './follow-ups.service';

/** How often the schedules look for due work: follow-ups are days apart, digests a month. */
export const MAIL_SCHEDULE_INTERVAL_MS = 30_000;

/** Whether this process runs the mail schedules: the worker, or the API of the embedded default. */
export const MAIL_SCHEDULES_ENABLED = 'MAIL_SCHEDULES_ENABLED';

/**
 * Runs the digest (at DIGEST_CRON's occurrences) and the follow-ups (when due). Every
 * process that runs it may do so at once: the digest's per-person period record and the
 * follow-ups' row locks make each mail go once.
 */
@Injectable()
export class MailSchedulesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @Inject(MAIL_SCHEDULES_ENABLED) private readonly enabled: boolean,
    private readonly digests: DigestService,
    private readonly followUps: FollowUpsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.tick(), MAIL_SCHEDULE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One look for due work; overlapping calls share the one running. */
  tick(now = new Date()): Promise<void> {
    this.running ??= this.runDue(now).finally(() => (this.running = null));
    return this.running;
  }

  /** The cron occurrence the digest of `now` belongs to (the latest at or before it). */
  digestPeriod(now: Date): Date | null {
    if (!this.config.mail.digestCron) return null;
    return CronExpressionParser.parse(this.config.mail.digestCron, { currentDate: new Date(now.getTime() + 1) }).prev().toDate();
  }

  private async runDue(now: Date): Promise<void> {
    try {
      const period = this.digestPeriod(now);
      if (period) await this.digests.run(period);
      await this.followUps.sendDue();
    } catch (error) {
      this.logger.warn(`Mail schedules: ${error instanceof Error ? error.message : String(error)}; trying again in ${MAIL_SCHEDULE_INTERVAL_MS / 1000} s`);
    }
  }
}
