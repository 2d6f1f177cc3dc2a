import { InjectFlowProducer, InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { buildAppConfig } from '@app/config';
import { FlowProducer, Job, Queue, type JobsOptions } from 'bullmq';
import { MatchingJobHandler, MatchingJobProducer } from './matching-job-ports';
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
    if (job.name === 'partner-changed') {
      // Changes to one partner while its job waits collapse into that job; a change while
      // it runs is kept and runs right after, so no edit is lost.
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
}

async function reachingRedis<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw isRedisConnectionFailure(error) ? new QueueUnavailableException(error) : error;
  }
}

/**
 * Worker options, read when this file loads (decorators are static). A job whose worker
 * died is picked up again after the lock expires and the stall check runs; twice per job
 * at most, then it fails. The worker gets a connection of its own: it would otherwise share
 * the queue's producer settings, whose command timeout would cut its blocking waits short.
 */
function workerOptions() {
  const { queueLockDurationMs, queueConcurrency, redisUrl } = buildAppConfig(process.env);
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
@Processor(MATCHING_QUEUE, workerOptions())
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

  async process(job: Job): Promise<void> {
    await this.handler.handle(toMatchingJob(job), (percent) => job.updateProgress(percent));
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    this.logger.warn(`${job.name} ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`);
    if (job.attemptsMade >= attempts || error.name === 'UnrecoverableError') {
      await this.handler.failed(toMatchingJob(job), error);
    }
  }
}

function toMatchingJob(job: Job): MatchingJob {
  if (!isMatchingJobName(job.name)) throw new Error(`unknown job name ${job.name}`);
  return { name: job.name, data: job.data } as MatchingJob;
}
