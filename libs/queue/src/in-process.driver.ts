import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MatchingJobHandler, MatchingJobProducer, runJobIds, type RunJobsState, type RunStage } from './matching-job-ports';
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
  private running: string | null = null;
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

  /** This process is the only worker: what it holds of a run is in hand, anything else is lost. */
  async inspectRun(runId: string, stage: RunStage): Promise<RunJobsState> {
    const ids = runJobIds(runId, stage);
    const held = (id: string) => this.waiting.has(id) || this.running === id;
    return { inHand: ids.some(held), lost: ids.filter((id) => !held(id)), workers: this.stopped ? 0 : 1 };
  }

  async requeueRun(runId: string, stage: RunStage): Promise<void> {
    await this.discardRun(runId, stage);
    if (stage.status === 'queued') this.schedule({ name: 'full-run', data: { runId } });
    else await this.enqueueShardedRun({ runId }, stage.pendingShards);
  }

  async discardRun(runId: string, stage: RunStage): Promise<void> {
    for (const id of runJobIds(runId, stage)) this.waiting.delete(id);
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
    this.running = id;
    try {
      await this.handler().handle(job, async () => undefined);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`${id} failed: ${failure.message}`);
      await this.handler()
        .failed(job, failure)
        .catch((reportError: unknown) => this.logger.error(`${id}: could not record the failure: ${String(reportError)}`));
    } finally {
      this.running = null;
    }
  }

  /** Resolved lazily: the handlers themselves enqueue through this driver. */
  private handler(): MatchingJobHandler {
    return this.moduleRef.get(MatchingJobHandler, { strict: false });
  }
}
