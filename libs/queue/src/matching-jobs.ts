/** The one queue the matching work runs on. */
export const MATCHING_QUEUE = 'matching';

/** Every job, as a union of `{ name, data }`, so the compiler ties each name to its payload. */
export type MatchingJob =
  /**
   * Some partners changed since the stored lists were written: bring every list in line with
   * the partners as they are now. The handler finds the changed partners itself (by their
   * change stamps), so the job carries nothing and one waiting job covers any number of changes.
   */
  | { name: 'catch-up-stale-lists'; data: Record<string, never> }
  /** `runId: null` is the scheduled run, which creates its own run record. */
  | { name: 'full-run'; data: { runId: string | null } }
  | { name: 'score-shard'; data: { runId: string; shard: number; firstPartnerId: string; lastPartnerId: string } }
  | { name: 'finalise-run'; data: { runId: string } }
  /** One delivery attempt of one outbox mail; the attempt makes a retry a new job. */
  | { name: 'send-mail'; data: { mailId: string; attempt: number } };

export type MatchingJobName = MatchingJob['name'];
export type MatchingJobData<Name extends MatchingJobName> = Extract<MatchingJob, { name: Name }>['data'];

export const MATCHING_JOB_NAMES: readonly MatchingJobName[] = ['catch-up-stale-lists', 'full-run', 'score-shard', 'finalise-run', 'send-mail'];

/** The catch-up job: always the same, so that changes while it waits collapse into it. */
export const CATCH_UP_STALE_LISTS: MatchingJob = { name: 'catch-up-stale-lists', data: {} };

/**
 * Deterministic ids: changes while a catch-up waits collapse into that one job, and a
 * retried shard is the same job, never a second one. No `:` in them: BullMQ rejects custom
 * job ids containing one (it separates the parts of its Redis keys).
 */
export function matchingJobId(job: MatchingJob): string {
  switch (job.name) {
    case 'catch-up-stale-lists':
      return 'catch-up-stale-lists';
    case 'full-run':
      return `full-run.${job.data.runId ?? 'scheduled'}`;
    case 'score-shard':
      return `score-shard.${job.data.runId}.${job.data.shard}`;
    case 'finalise-run':
      return `finalise-run.${job.data.runId}`;
    case 'send-mail':
      return `send-mail.${job.data.mailId}.${job.data.attempt}`;
  }
}

export function isMatchingJobName(name: string): name is MatchingJobName {
  return (MATCHING_JOB_NAMES as readonly string[]).includes(name);
}
