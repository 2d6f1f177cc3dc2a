import type { MatchingRunEntity } from '@app/persistence';
import { judgeRun, LOST_JOBS_GRACE_MS, MAX_RUN_RECOVERIES, stageOf } from './run-watchdog.service';

const TIMEOUT = 60_000;
const queue = (state: Partial<{ inHand: boolean; lost: string[]; workers: number }> = {}) => ({ inHand: false, lost: [], workers: 1, ...state });

describe('judgeRun', () => {
  it('leaves a run alone while a worker holds one of its jobs or a retry is due, however long it took', () => {
    expect(judgeRun(0, 10 * TIMEOUT, queue({ inHand: true, lost: ['finalise-run.r'] }), TIMEOUT)).toEqual({ action: 'none' });
  });

  it('recovers lost jobs once the grace has passed, not before', () => {
    expect(judgeRun(0, LOST_JOBS_GRACE_MS - 1, queue({ lost: ['finalise-run.r'] }), TIMEOUT)).toEqual({ action: 'none' });
    expect(judgeRun(0, LOST_JOBS_GRACE_MS, queue({ lost: ['finalise-run.r'] }), TIMEOUT)).toMatchObject({ action: 'recover', reason: expect.stringContaining('finalise-run.r') });
  });

  it('recovers a run whose waiting jobs have not moved for the stall timeout', () => {
    expect(judgeRun(0, TIMEOUT - 1, queue(), TIMEOUT)).toEqual({ action: 'none' });
    expect(judgeRun(1, TIMEOUT, queue(), TIMEOUT)).toMatchObject({ action: 'recover', idleAtLeastMs: TIMEOUT });
  });

  it('fails a stalled run when no worker takes jobs, and one recovered too often', () => {
    expect(judgeRun(0, TIMEOUT, queue({ workers: 0 }), TIMEOUT)).toMatchObject({ action: 'fail', reason: expect.stringContaining('no worker') });
    expect(judgeRun(MAX_RUN_RECOVERIES, LOST_JOBS_GRACE_MS, queue({ lost: ['score-shard.r.1'] }), TIMEOUT)).toMatchObject({
      action: 'fail',
      reason: expect.stringContaining(`after ${MAX_RUN_RECOVERIES} recoveries`),
    });
  });
});

describe('stageOf', () => {
  it('needs the shards not yet written, with their partner ranges, and the finalise job', () => {
    const run = { id: 'r', status: 'running', completedShards: [1], shardBounds: [{ firstPartnerId: 'a', lastPartnerId: 'b' }, { firstPartnerId: 'c', lastPartnerId: 'd' }, { firstPartnerId: 'e', lastPartnerId: 'f' }] };
    expect(stageOf(run as MatchingRunEntity)).toEqual({
      status: 'running',
      pendingShards: [
        { runId: 'r', shard: 0, firstPartnerId: 'a', lastPartnerId: 'b' },
        { runId: 'r', shard: 2, firstPartnerId: 'e', lastPartnerId: 'f' },
      ],
    });
    expect(stageOf({ ...run, status: 'queued' } as MatchingRunEntity)).toEqual({ status: 'queued' });
  });
});
