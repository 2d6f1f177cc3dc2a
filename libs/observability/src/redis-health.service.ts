import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { MATCHING_QUEUE } from '@app/queue';
import type { Queue } from 'bullmq';

/**
 * Redis as the matching queue sees it: a PING on the queue's own connection, which fails
 * at once while Redis is away (no offline queue). The embedded default has no queue.
 */
@Injectable()
export class RedisHealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(getQueueToken(MATCHING_QUEUE)) private readonly queue?: Queue,
  ) {}

  get inUse(): boolean {
    return this.queue !== undefined;
  }

  async pingCheck(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const check = this.indicators.check(key);
    const queue = this.queue;
    if (!queue) return check.down('the queue does not run on Redis');
    try {
      // The client promise itself never settles while a connection that never came up keeps retrying.
      await withTimeout(timeoutMs, async () => (await queue.getBackend().client).runCommand('ping', []));
      return check.up();
    } catch (error) {
      return check.down(error instanceof Error ? error.message : String(error));
    }
  }
}

async function withTimeout<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
