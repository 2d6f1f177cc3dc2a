import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MatchingJobHandler, MatchingJobProducer } from './matching-job-ports';
import { matchingJobId, type MatchingJob, type MatchingJobData } from './matching-jobs';

/**
 * The embedded default's queue: jobs run one after another inside this process, with the
 * same handlers and the same de-duplication by job id as BullMQ. A job waiting with the
 * same id absorbs the newer one; a job already running lets the newer one queue behind it.
 */
@Injectable()
export class InProcessDriver extends MatchingJobProducer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(InProcessDriver.name);
  private readonly waiting = new Map<string, MatchingJob>();
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  async enqueue(job: MatchingJob): Promise<void> {
    this.schedule(job);
  }

  async enqueueShardedRun(finalise: MatchingJobData<'finalise-run'>, shards: MatchingJobData<'score-shard'>[]): Promise<void> {
    for (const shard of shards) this.schedule({ name: 'score-shard', data: shard });
    this.schedule({ name: 'finalise-run', data: finalise });
  }

  /** Resolves when every job enqueued so far has run. */
  async drain(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }

  /** Finishes the running job while the database is still open (it closes at onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    await this.tail;
  }

  private schedule(job: MatchingJob): void {
    if (this.stopped) return;
    const id = matchingJobId(job);
    const alreadyWaiting = this.waiting.has(id);
    this.waiting.set(id, job);
    if (alreadyWaiting) return;
    this.tail = this.tail.then(() => this.run(id));
  }

  private async run(id: string): Promise<void> {
    const job = this.waiting.get(id);
    this.waiting.delete(id);
    if (!job || this.stopped) return;
    try {
      await this.handler().handle(job, async () => undefined);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`${id} failed: ${failure.message}`);
      await this.handler()
        .failed(job, failure)
        .catch((reportError: unknown) => this.logger.error(`${id}: could not record the failure: ${String(reportError)}`));
    }
  }

  /** Resolved lazily: the handlers themselves enqueue through this driver. */
  private handler(): MatchingJobHandler {
    return this.moduleRef.get(MatchingJobHandler, { strict: false });
  }
}
