import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MatchingRunRepository, type MatchingRunEntity } from '@app/persistence';
import { MatchingJobProducer, type RunJobsState, type RunStage } from '@app/queue';
import { shardJobs } from './full-run.handler';

/** Times the watchdog enqueues one run's jobs again before it fails the run instead. */
export const MAX_RUN_RECOVERIES = 3;

/**
 * Jobs missing from the queue count as lost only once the run has not moved for this long
 * (or the stall timeout, if shorter): a run is marked started just before its shard jobs
 * are enqueued, and a request's run record is written just before its job.
 */
export const LOST_JOBS_GRACE_MS = 5_000;

export type WatchdogVerdict = { action: 'none' } | { action: 'recover' | 'fail'; reason: string; idleAtLeastMs: number };

/** What to do about an unfinished run, from how long it has not moved and what the queue holds of it. */
export function judgeRun(recoveries: number, idleMs: number, jobs: RunJobsState, stallTimeoutMs: number): WatchdogVerdict {
  if (jobs.inHand) return { action: 'none' };
  const lostGraceMs = Math.min(LOST_JOBS_GRACE_MS, stallTimeoutMs);
  const idle = `no progress for ${Math.round(idleMs / 1000)} s`;
  let verdict: WatchdogVerdict = { action: 'none' };
  if (jobs.lost.length > 0 && idleMs >= lostGraceMs) {
    const shown = jobs.lost.slice(0, 3).join(', ') + (jobs.lost.length > 3 ? ` and ${jobs.lost.length - 3} more` : '');
    verdict = { action: 'recover', reason: `its jobs are gone from the queue (${shown})`, idleAtLeastMs: lostGraceMs };
  } else if (idleMs >= stallTimeoutMs) {
    // Enqueueing again cannot help when nobody takes jobs: end the run so the next one can start.
    if (jobs.workers === 0) return { action: 'fail', reason: `${idle} and no worker takes jobs from the queue`, idleAtLeastMs: stallTimeoutMs };
    verdict = { action: 'recover', reason: `${idle} while its jobs waited`, idleAtLeastMs: stallTimeoutMs };
  }
  if (verdict.action === 'recover' && recoveries >= MAX_RUN_RECOVERIES) {
    return { action: 'fail', reason: `${verdict.reason}, after ${recoveries} recoveries`, idleAtLeastMs: verdict.idleAtLeastMs };
  }
  return verdict;
}

/** The jobs an unfinished run still needs. */
export function stageOf(run: MatchingRunEntity): RunStage {
  if (run.status === 'queued') return { status: 'queued' };
  const done = new Set(run.completedShards);
  const pendingShards = shardJobs(run.id, run.shardBounds ?? []).filter(({ shard }) => !done.has(shard));
  return { status: 'running', pendingShards };
}

/**
 * Makes every full run end. A run whose jobs the queue lost (Redis restarted without
 * persistence, a job failed for good on an outage) or that has not moved for
 * RUN_STALL_TIMEOUT_MS gets its missing jobs enqueued again, up to MAX_RUN_RECOVERIES
 * times; then, or when no worker is there to take them, it is failed with the reason.
 * Called by the worker on an interval and by a run request before it answers 409. Of two
 * watchdogs looking at once only one recovers (MatchingRunRepository.claimRecovery).
 */
@Injectable()
export class RunWatchdogService {
  private readonly logger = new Logger(RunWatchdogService.name);

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly runs: MatchingRunRepository,
    private readonly producer: MatchingJobProducer,
  ) {}

  /** Looks at the unfinished run, if any. Never throws: with a dependency down the next check tries again. */
  async check(): Promise<void> {
    try {
      await this.checkUnfinished();
    } catch (error) {
      this.logger.warn(`Run watchdog could not check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async checkUnfinished(): Promise<void> {
    const found = await this.runs.findUnfinishedWithIdleTime();
    if (!found) return;
    const { run, idleMs } = found;
    const stage = stageOf(run);
    const verdict = judgeRun(run.recoveries, idleMs, await this.producer.inspectRun(run.id, stage), this.config.runStallTimeoutMs);
    if (verdict.action === 'fail') {
      await this.runs.markFailed(run.id, `watchdog: ${verdict.reason}`);
      this.logger.warn(`Run ${run.id} failed: ${verdict.reason}`);
      await this.producer.discardRun(run.id, stage).catch(() => undefined); // leftovers of a failed run do nothing
      return;
    }
    if (verdict.action !== 'recover' || !(await this.runs.claimRecovery(run.id, run.recoveries, verdict.idleAtLeastMs))) return;
    const pending = stage.status === 'running' ? `${stage.pendingShards.length} shard job(s) and the finalise job` : 'its full-run job';
    this.logger.warn(`Run ${run.id}: ${verdict.reason}; enqueueing ${pending} again (recovery ${run.recoveries + 1}/${MAX_RUN_RECOVERIES})`);
    await this.producer.requeueRun(run.id, stage);
  }
}
