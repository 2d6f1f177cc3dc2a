import type { MatchingRunRepository } from '@app/persistence';
import type { MatchingJobProducer } from '@app/queue';
import type { ActiveMatchingProfileService } from './active-matching-profile.service';
import { MatchingRunsService } from './matching-runs.service';
import type { RunWatchdogService } from './run-watchdog.service';

describe('MatchingRunsService', () => {
  it('marks a run failed when it cannot be enqueued, so it does not block the next request', async () => {
    const run = { id: 'run-1', status: 'queued' };
    const runs = {
      withRequestLock: (work: (tx: unknown) => Promise<unknown>) => work({}),
      findUnfinished: jest.fn(async () => (run.status === 'queued' ? run : null)),
      create: jest.fn(async () => run),
      markFailed: jest.fn(async () => void (run.status = 'failed')),
    };
    const producer = { enqueue: jest.fn(async () => Promise.reject(new Error('Redis is away'))) };
    const profiles = { current: async () => ({ version: 1 }) };
    const service = new MatchingRunsService(
      runs as unknown as MatchingRunRepository,
      producer as unknown as MatchingJobProducer,
      profiles as unknown as ActiveMatchingProfileService,
      { check: async () => undefined } as unknown as RunWatchdogService,
    );
    runs.findUnfinished.mockResolvedValueOnce(null);

    await expect(service.request('manual')).rejects.toThrow('Redis is away');
    expect(runs.markFailed).toHaveBeenCalledWith('run-1', 'could not enqueue the run: Redis is away');
    expect(await runs.findUnfinished()).toBeNull();
  });
});
