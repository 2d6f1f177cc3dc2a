import { InjectFlowProducer, InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { DelayedError, FlowProducer, Job, Queue, type JobsOptions } from 'bullmq';
import { MatchingJobHandler, MatchingJobProducer, runJobIds, type RunJobsState, type RunStage } from './matching-job-ports';
import { redisConnectionOptions } from './redis-connection-options';
import { isRedisConnectionFailure, logConnectionErrors, QueueUnavailableException } from './redis-outage';
import { isMatchingJobName, MATCHING_QUEUE, matchingJobId, type MatchingJob, type MatchingJobData } from './matching-jobs';

export const MATCHING_FLOW_PRODUCER = 'matching-flow';

/** Retries with exponential backoff; finished jobs are removed so their ids can be reused. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * A job that failed because a dependency is out of reach waits this long before it runs
 * again, doubling up to OUTAGE_RETRY_MAX_MS, without spending an attempt: four attempts
 * are gone in seconds, a database restart takes tens of them.
 */
export const OUTAGE_RETRY_BASE_MS = 1_000;
export const OUTAGE_RETRY_MAX_MS = 10_000;
/** About ten minutes of outage; after that the failure counts as an attempt after all. */
export const OUTAGE_RETRIES = 64;

/** Enqueues on Redis; while Redis is down, fails at once with QueueUnavailableException. */
@Injectable()
export class BullMqProducer extends MatchingJobProducer {
  private readonly logger = new Logger(BullMqProducer.name);

  constructor(
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
    @InjectFlowProducer(MATCHING_FLOW_PRODUCER) private readonly flows: FlowProducer,
  ) {
    super();
    logConnectionErrors(queue, this.logger);
    logConnectionErrors(flows, this.logger);
  }

  async enqueue(job: MatchingJob): Promise<void> {
    if (job.name === 'catch-up-stale-lists') {
      // Changes while a catch-up waits collapse into it; a change while it runs is kept and
      // runs right after, so no edit is lost.
      await reachingRedis(() => this.queue.add(job.name, job.data, { deduplication: { id: matchingJobId(job), keepLastIfActive: true } }));
      return;
    }
    await reachingRedis(() => this.queue.add(job.name, job.data, { jobId: matchingJobId(job) }));
  }

  async enqueueShardedRun(finalise: MatchingJobData<'finalise-run'>, shards: MatchingJobData<'score-shard'>[]): Promise<void> {
    const parent: MatchingJob = { name: 'finalise-run', data: finalise };
    await reachingRedis(() => this.flows.add({
      name: parent.name,
      queueName: MATCHING_QUEUE,
      data: parent.data,
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: matchingJobId(parent) },
      children: shards.map((data) => {
        const child: MatchingJob = { name: 'score-shard', data };
        return {
          name: child.name,
          queueName: MATCHING_QUEUE,
          data: child.data,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: matchingJobId(child), failParentOnFailure: true },
        };
      }),
    }));
  }

  async inspectRun(runId: string, stage: RunStage): Promise<RunJobsState> {
    return reachingRedis(async () => {
      const client = await this.queue.backend.client;
      const state: RunJobsState = { inHand: false, lost: [], workers: (await this.queue.getWorkers()).length };
      for (const id of runJobIds(runId, stage)) {
        const jobState = await this.queue.getJobState(id);
        if (jobState === 'delayed') state.inHand = true;
        // Active without a lock: its worker died; a live worker's stall check hands it on.
        else if (jobState === 'active') state.inHand ||= (await client.get(`${this.queue.toKey(id)}:lock`)) !== null;
        // Completed while the run still needs it: it ran when the run could not use it.
        else if (jobState === 'unknown' || jobState === 'failed' || jobState === 'completed') state.lost.push(id);
      }
      return state;
    });
  }

  async requeueRun(runId: string, stage: RunStage): Promise<void> {
    await this.discardRun(runId, stage);
    if (stage.status === 'queued') return this.enqueue({ name: 'full-run', data: { runId } });
    if (stage.pendingShards.length > 0) return this.enqueueShardedRun({ runId }, stage.pendingShards);
    const finalise: MatchingJob = { name: 'finalise-run', data: { runId } };
    await reachingRedis(() => this.queue.add(finalise.name, finalise.data, { jobId: matchingJobId(finalise) }));
  }

  async discardRun(runId: string, stage: RunStage): Promise<void> {
    await reachingRedis(async () => {
      // The parent first: it takes its children along.
      for (const id of runJobIds(runId, stage)) {
        const removed = await this.queue.remove(id, { removeChildren: true });
        if (!removed && (await this.queue.getJobState(id)) !== 'unknown') throw new Error(`job ${id} is held by a worker`);
      }
    });
  }
}

async function reachingRedis<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw isRedisConnectionFailure(error) ? new QueueUnavailableException(error) : error;
  }
}

/**
 * Worker options. A job whose worker died is picked up again after the lock expires and the
 * stall check runs; twice per job at most, then it fails. The worker gets a connection of its
 * own: it would otherwise share the queue's producer settings, whose command timeout would cut
 * its blocking waits short.
 */
function workerOptions({ queueLockDurationMs, queueConcurrency, redisUrl }: AppConfig) {
  return {
    concurrency: queueConcurrency,
    lockDuration: queueLockDurationMs,
    stalledInterval: queueLockDurationMs,
    maxStalledCount: 2,
    ...(redisUrl ? { connection: redisConnectionOptions(redisUrl) } : {}),
  };
}

/**
 * Binds the matching queue to the job handlers in a worker process. On shutdown it stops
 * taking jobs and finishes the ones it holds while the database is still open.
 */
@Injectable()
export class MatchingProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(private readonly handler: MatchingJobHandler) {
    super();
  }

  onApplicationBootstrap(): void {
    logConnectionErrors(this.worker, this.logger);
  }

  /** @nestjs/bullmq closes the worker only at onApplicationShutdown, after the database pool may be gone. */
  async beforeApplicationShutdown(): Promise<void> {
    this.logger.log('Finishing the jobs in hand before stopping');
    await this.worker.close();
  }

  async process(job: Job, token?: string): Promise<void> {
    try {
      await this.handler.handle(toMatchingJob(job), (percent) => job.updateProgress(percent));
    } catch (error) {
      // Each start that did not end in a counted failure was an outage retry (or a stall).
      const outageRetry = job.attemptsStarted - job.attemptsMade;
      if (!token || outageRetry > OUTAGE_RETRIES || !this.handler.isTransient(error)) throw error;
      const delay = Math.min(OUTAGE_RETRY_BASE_MS * 2 ** (outageRetry - 1), OUTAGE_RETRY_MAX_MS);
      try {
        await job.moveToDelayed(Date.now() + delay, token);
      } catch {
        throw error; // Redis is away too: an ordinary failed attempt
      }
      this.logger.warn(`${job.name} ${job.id}: ${(error as Error).message}; again in ${delay} ms (outage retry ${outageRetry}/${OUTAGE_RETRIES})`);
      throw new DelayedError();
    }
  }

  /** No job waits: the handlers may prepare for the next ones (e.g. the index a repair needs). */
  @OnWorkerEvent('drained')
  onDrained(): void {
    void this.handler.idle();
  }

  /**
   * An event listener: nothing awaits it, so it must not reject. When even recording the
   * failure fails (the database is down), the run watchdog ends the run later.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    this.logger.warn(`${job.name} ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`);
    if (job.attemptsMade < attempts && error.name !== 'UnrecoverableError') return;
    try {
      await this.handler.failed(toMatchingJob(job), error);
    } catch (reportError) {
      this.logger.error(`${job.name} ${job.id}: could not record the failure (${describeError(reportError)}); the run watchdog will end the run`);
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toMatchingJob(job: Job): MatchingJob {
  if (!isMatchingJobName(job.name)) throw new Error(`unknown job name ${job.name}`);
  return { name: job.name, data: job.data } as MatchingJob;
}

/**
 * The processor bound to the matching queue with the worker options of `config`. Bound here
 * rather than by a class decorator, which would run before any configuration exists.
 */
export function matchingProcessorFor(config: AppConfig): typeof MatchingProcessor {
  Processor(MATCHING_QUEUE, workerOptions(config))(MatchingProcessor);
  return MatchingProcessor;
}
