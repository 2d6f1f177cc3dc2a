import { matchingJobId, type MatchingJob, type MatchingJobData } from './matching-jobs';

/** Reports progress of the job being handled, in percent. */
export type ProgressReporter = (percent: number) => Promise<void>;

/**
 * Runs matching jobs. Implemented by the job handlers library; the queue drivers call it
 * without knowing what it does, and the handlers do not know which driver calls them.
 */
export abstract class MatchingJobHandler {
  abstract handle(job: MatchingJob, reportProgress: ProgressReporter): Promise<void>;

  /** Called once a job has failed for good (after its last retry). */
  abstract failed(job: MatchingJob, error: Error): Promise<void>;

  /**
   * Whether a failure passes by itself (a dependency out of reach): the driver then retries
   * the job later without spending one of its attempts.
   */
  abstract isTransient(error: unknown): boolean;

  /**
   * Called when the queue has no job waiting for this process: time for work ahead of need.
   * Must not reject; the default does nothing.
   */
  async idle(): Promise<void> {}
}

/**
 * The jobs a full run still needs: its `full-run` job while queued; while running, the
 * shards not yet written and the `finalise-run` job.
 */
export type RunStage = { status: 'queued' } | { status: 'running'; pendingShards: MatchingJobData<'score-shard'>[] };

/** The ids of the jobs a run still needs, the parent first. */
export function runJobIds(runId: string, stage: RunStage): string[] {
  if (stage.status === 'queued') return [matchingJobId({ name: 'full-run', data: { runId } })];
  return [matchingJobId({ name: 'finalise-run', data: { runId } }), ...stage.pendingShards.map((data) => matchingJobId({ name: 'score-shard', data }))];
}

/** What the queue holds of one run's jobs, for the run watchdog. */
export interface RunJobsState {
  /** A job of the run is held by a live worker, or waits for a retry the queue makes by itself. */
  inHand: boolean;
  /** Ids of jobs the run needs that the queue no longer has, or has failed for good. */
  lost: string[];
  /** Workers taking jobs from the queue: with none, nothing waiting is ever picked up. */
  workers: number;
}

/** The one way to enqueue matching work, from the API and from the handlers themselves. */
export abstract class MatchingJobProducer {
  abstract enqueue(job: MatchingJob): Promise<void>;

  /** Scores the shards in parallel, then finalises the run once every shard has finished. */
  abstract enqueueShardedRun(
    finalise: MatchingJobData<'finalise-run'>,
    shards: MatchingJobData<'score-shard'>[],
  ): Promise<void>;

  abstract inspectRun(runId: string, stage: RunStage): Promise<RunJobsState>;

  /** Removes what the queue still holds of the run's jobs and enqueues those it needs anew. */
  abstract requeueRun(runId: string, stage: RunStage): Promise<void>;

  /** Removes what the queue still holds of a run that was given up, so no worker spends time on it. */
  abstract discardRun(runId: string, stage: RunStage): Promise<void>;
}

/**
 * Delivers the mail of a send-mail job. Implemented by the mail library; the matching job
 * handler hands these jobs on, so both queue drivers run them unchanged.
 */
export abstract class MailJobHandler {
  abstract send(data: MatchingJobData<'send-mail'>): Promise<void>;
}
