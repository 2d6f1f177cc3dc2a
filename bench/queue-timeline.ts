import { Queue } from 'bullmq';
import { sleep } from '../test/support/built-service';

/** The queue the API and worker share (MATCHING_QUEUE in libs/queue). */
const MATCHING_QUEUE = 'matching';
const UNFINISHED_STATES = ['active', 'waiting', 'waiting-children', 'delayed', 'prioritized'] as const;

/** When a job was added, taken by a worker and finished, as BullMQ recorded it (ms since epoch). */
export interface JobTiming {
  name: string;
  data: Record<string, unknown>;
  addedAt: number;
  startedAt?: number;
  finishedAt?: number;
  attempts: number;
  failedReason?: string;
}

/**
 * The queue's own records of the jobs: BullMQ keeps finished ones for an hour, which
 * shows how long each waited and ran without touching the apps.
 */
export class QueueRecords {
  private readonly queue: Queue;

  constructor(redisUrl: string, queuePrefix: string) {
    const { hostname, port } = new URL(redisUrl);
    this.queue = new Queue(MATCHING_QUEUE, { connection: { host: hostname, port: Number(port || 6379) }, prefix: queuePrefix });
  }

  async jobs(): Promise<JobTiming[]> {
    const jobs = await this.queue.getJobs(['completed', 'failed', ...UNFINISHED_STATES]);
    return jobs
      .filter((job) => job !== undefined)
      .map((job) => ({
        name: job.name,
        data: job.data as Record<string, unknown>,
        addedAt: job.timestamp,
        startedAt: job.processedOn,
        finishedAt: job.finishedOn,
        attempts: job.attemptsMade,
        failedReason: job.failedReason || undefined,
      }))
      .sort((a, b) => a.addedAt - b.addedAt);
  }

  /** Waits until no job waits or runs: a run's last job may go on after the run reads as completed. */
  async waitUntilIdle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts(...UNFINISHED_STATES);
      if (Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline) throw new Error(`the queue still has jobs after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await sleep(20);
    }
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
