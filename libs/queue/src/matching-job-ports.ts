import type { MatchingJob, MatchingJobData } from './matching-jobs';

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
}

/** The one way to enqueue matching work, from the API and from the handlers themselves. */
export abstract class MatchingJobProducer {
  abstract enqueue(job: MatchingJob): Promise<void>;

  /** Scores the shards in parallel, then finalises the run once every shard has finished. */
  abstract enqueueShardedRun(
    finalise: MatchingJobData<'finalise-run'>,
    shards: MatchingJobData<'score-shard'>[],
  ): Promise<void>;
}

/**
 * Delivers the mail of a send-mail job. Implemented by the mail library; the matching job
 * handler hands these jobs on, so both queue drivers run them unchanged.
 */
export abstract class MailJobHandler {
  abstract send(data: MatchingJobData<'send-mail'>): Promise<void>;
}
