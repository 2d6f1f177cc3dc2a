import { DelayedError, type Job } from 'bullmq';
import { MatchingProcessor, OUTAGE_RETRY_BASE_MS, OUTAGE_RETRY_MAX_MS } from './bullmq.driver';
import type { MatchingJobHandler } from './matching-job-ports';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function handler(overrides: Partial<MatchingJobHandler> = {}): MatchingJobHandler {
  return {
    handle: jest.fn(async () => Promise.reject(refused)),
    failed: jest.fn(async () => undefined),
    isTransient: (error: unknown) => error === refused,
    ...overrides,
  } as MatchingJobHandler;
}

function shardJob(state: { attemptsStarted: number; attemptsMade: number }) {
  return {
    id: 'score-shard.r.1',
    name: 'score-shard',
    data: { runId: 'r', shard: 1, firstPartnerId: 'a', lastPartnerId: 'b' },
    opts: { attempts: 4 },
    updateProgress: jest.fn(),
    moveToDelayed: jest.fn(async () => undefined),
    ...state,
  };
}

describe('MatchingProcessor', () => {
  it('does not reject from its failed-job listener when recording the failure fails (nothing awaits a listener)', async () => {
    const processor = new MatchingProcessor(handler({ failed: jest.fn(async () => Promise.reject(refused)) }));
    const job = shardJob({ attemptsStarted: 4, attemptsMade: 4 });
    await expect(processor.onFailed(job as unknown as Job, refused)).resolves.toBeUndefined();
  });

  it('puts a job that met an outage back as delayed, backing off, without spending an attempt', async () => {
    const processor = new MatchingProcessor(handler());
    const first = shardJob({ attemptsStarted: 1, attemptsMade: 0 });
    const before = Date.now();
    await expect(processor.process(first as unknown as Job, 'token')).rejects.toBeInstanceOf(DelayedError);
    const [at, token] = first.moveToDelayed.mock.calls[0] as unknown as [number, string];
    expect(token).toBe('token');
    expect(at - before).toBeGreaterThanOrEqual(OUTAGE_RETRY_BASE_MS);
    expect(at - before).toBeLessThan(OUTAGE_RETRY_BASE_MS + 1_000);

    const later = shardJob({ attemptsStarted: 9, attemptsMade: 0 });
    await expect(processor.process(later as unknown as Job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect((later.moveToDelayed.mock.calls[0] as unknown as [number])[0] - Date.now()).toBeLessThanOrEqual(OUTAGE_RETRY_MAX_MS);
  });

  it('lets any other error fail the attempt as before', async () => {
    const bug = new Error('no handler');
    const processor = new MatchingProcessor(handler({ handle: jest.fn(async () => Promise.reject(bug)) }));
    const job = shardJob({ attemptsStarted: 1, attemptsMade: 0 });
    await expect(processor.process(job as unknown as Job, 'token')).rejects.toBe(bug);
    expect(job.moveToDelayed).not.toHaveBeenCalled();
  });
});
