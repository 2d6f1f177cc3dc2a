import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MATCHING_QUEUE } from '@app/queue';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 2_000;

export interface DependencyStatus {
  status: 'up' | 'down';
  message?: string;
}

/** The body @nestjs/terminus gives, so probes and dashboards built for it read ours. */
export interface HealthReport {
  status: 'ok' | 'error';
  info: Record<string, DependencyStatus>;
  error: Record<string, DependencyStatus>;
  details: Record<string, DependencyStatus>;
}

/**
 * Readiness: PostgreSQL (or the embedded PGlite) answers a query, and Redis a ping when
 * the queue runs on it. Written out rather than with @nestjs/terminus: terminus 12 is
 * ESM-only and cannot be loaded by the CommonJS test runner.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(getQueueToken(MATCHING_QUEUE)) private readonly queue?: Queue,
  ) {}

  async readiness(): Promise<HealthReport> {
    const checks: [string, () => Promise<unknown>][] = [['database', () => this.dataSource.query('SELECT 1')]];
    const queue = this.queue;
    if (queue) checks.push(['redis', async () => (await queue.getBackend().client).runCommand('ping', [])]);
    const results = await Promise.all(checks.map(async ([name, check]) => [name, await probe(check)] as const));
    const details = Object.fromEntries(results);
    const up = results.filter(([, result]) => result.status === 'up');
    const down = results.filter(([, result]) => result.status === 'down');
    return { status: down.length ? 'error' : 'ok', info: Object.fromEntries(up), error: Object.fromEntries(down), details };
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
