import { Injectable, Logger, Optional } from '@nestjs/common';
import { isDatabaseUnavailable } from '@app/persistence';
import { isRedisConnectionFailure, MailJobHandler, MatchingJobHandler, type MatchingJob, type ProgressReporter } from '@app/queue';
import { FullRunHandler } from './full-run.handler';
import { PartnerChangeHandler } from './partner-change.handler';

/**
 * Hands each matching job to its handler. Run by BullMQ in the worker and by the in-process
 * driver in the embedded default alike.
 */
@Injectable()
export class MatchingJobRouter extends MatchingJobHandler {
  private readonly logger = new Logger(MatchingJobRouter.name);

  constructor(
    private readonly partnerChanges: PartnerChangeHandler,
    private readonly fullRuns: FullRunHandler,
    @Optional() private readonly mail?: MailJobHandler,
  ) {
    super();
  }

  async handle(job: MatchingJob, reportProgress: ProgressReporter): Promise<void> {
    switch (job.name) {
      case 'catch-up-stale-lists':
        return this.partnerChanges.catchUpStaleLists();
      case 'full-run':
        return this.fullRuns.plan(job.data);
      case 'score-shard':
        return this.fullRuns.scoreShard(job.data, reportProgress);
      case 'finalise-run':
        return this.fullRuns.finalise(job.data);
      case 'send-mail':
        if (!this.mail) throw new Error('send-mail job in a process without the mail module');
        return this.mail.send(job.data);
      default:
        return assertNever(job);
    }
  }

  async failed(job: MatchingJob, error: Error): Promise<void> {
    if (job.name === 'catch-up-stale-lists' || job.name === 'send-mail' || !job.data.runId) return;
    if (this.isTransient(error)) {
      // Nothing wrong with the run itself: the watchdog enqueues its missing jobs again.
      this.logger.warn(`Run ${job.data.runId}: ${job.name} gave up on an outage (${error.message}); left to the run watchdog`);
      return;
    }
    await this.fullRuns.fail(job.data.runId, `${job.name}: ${error.message}`);
  }

  /** Between jobs: this process builds the incremental index the next repair needs, if it lacks it. */
  async idle(): Promise<void> {
    try {
      await this.partnerChanges.prepare();
    } catch (error) {
      if (!this.isTransient(error)) this.logger.warn(`Preparing the match index failed: ${(error as Error).message}`);
    }
  }

  isTransient(error: unknown): boolean {
    return isDatabaseUnavailable(error) || isRedisConnectionFailure(error);
  }
}

function assertNever(job: never): never {
  throw new Error(`no handler for job ${JSON.stringify(job)}`);
}
