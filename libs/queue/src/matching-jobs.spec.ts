import { CATCH_UP_STALE_LISTS, matchingJobId, type MatchingJob } from './matching-jobs';

describe('matchingJobId', () => {
  const runId = '6f1c2a9e-0b7d-4c55-9a51-3e2f1d0c8b7a';
  const jobs: MatchingJob[] = [
    CATCH_UP_STALE_LISTS,
    { name: 'full-run', data: { runId } },
    { name: 'full-run', data: { runId: null } },
    { name: 'score-shard', data: { runId, shard: 2, firstPartnerId: runId, lastPartnerId: runId } },
    { name: 'finalise-run', data: { runId } },
  ];

  it.each(jobs)('gives $name an id BullMQ accepts (no ":")', (job) => {
    expect(matchingJobId(job)).not.toContain(':');
  });

  it('tells every job of a run apart', () => {
    expect(new Set(jobs.map(matchingJobId)).size).toBe(jobs.length);
  });
});
