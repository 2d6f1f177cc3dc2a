import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { eventually } from './eventually';
import { runStatus } from './matching-runs';
import { TEST_REDIS_URL } from './queue-namespace';
import type { RunningApi } from './running-services';

/**
 * Runs `work` while sampling which BullMQ worker holds the lock of each active shard job.
 * A lock token is `<worker id>:<counter>`, and each worker process runs one worker.
 */
export async function shardHoldersDuring<T>(queue: Queue, work: () => Promise<T>): Promise<{ result: T; workerIdsByShard: Map<string, Set<string>> }> {
  const workerIdsByShard = new Map<string, Set<string>>();
  const redis = new Redis(TEST_REDIS_URL);
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      for (const job of await queue.getActive()) {
        if (job.name !== 'score-shard' || !job.id) continue;
        const token = await redis.get(`${queue.toKey(job.id)}:lock`);
        if (token) workerIdsByShard.set(job.id, (workerIdsByShard.get(job.id) ?? new Set()).add(token.split(':')[0]));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { result: await work(), workerIdsByShard };
  } finally {
    stopped = true;
    await sampling.finally(() => redis.disconnect());
  }
}

/** Whether a worker is processing a shard job right now. */
export async function shardInFlight(queue: Queue): Promise<boolean> {
  return (await queue.getActive()).some((job) => job.name === 'score-shard');
}

/** Waits for the middle of a sharded run: one shard written and the next one being scored. */
export async function midShard(api: RunningApi, queue: Queue, runId: string): Promise<void> {
  await eventually(
    async () => ({ run: await runStatus(api, runId), scoring: await shardInFlight(queue) }),
    ({ run, scoring }) => run.status === 'running' && run.shardsCompleted === 1 && scoring,
    60_000,
  );
}

