import type { OutboxEntry, PartnerChangeOutboxRepository, RelayOutcome } from '@app/persistence';
import type { MatchingJob, MatchingJobProducer } from '@app/queue';
import { OutboxRelayService } from './outbox-relay.service';

const entry = (id: string, partnerId: string, reason: OutboxEntry['reason']): OutboxEntry => ({ id, partnerId, reason });

/** An outbox that hands out `entries` once and remembers what the relay reported. */
function fakeOutbox(entries: OutboxEntry[]) {
  const outcomes: RelayOutcome[] = [];
  let pending = entries;
  const outbox = {
    async claimOldest(_limit: number, relay: (claimed: OutboxEntry[]) => Promise<RelayOutcome>) {
      const claimed = pending;
      pending = [];
      const outcome = claimed.length > 0 ? await relay(claimed) : { sentIds: [], failed: null };
      if (claimed.length > 0) outcomes.push(outcome);
      return { claimed: claimed.length, outcome };
    },
  };
  return { outbox: outbox as unknown as PartnerChangeOutboxRepository, outcomes };
}

async function relayOnce(entries: OutboxEntry[], enqueue: (job: MatchingJob) => Promise<void>) {
  const { outbox, outcomes } = fakeOutbox(entries);
  const jobs: MatchingJob[] = [];
  const producer = { enqueue: (job: MatchingJob) => (jobs.push(job), enqueue(job)) } as unknown as MatchingJobProducer;
  const relay = new OutboxRelayService(outbox, producer);
  relay.onApplicationBootstrap();
  await relay.idle();
  await relay.onModuleDestroy();
  return { jobs, outcomes };
}

describe('OutboxRelayService', () => {
  it('enqueues one catch-up job for a batch of changes and reports every entry sent', async () => {
    const { jobs, outcomes } = await relayOnce(
      [entry('1', 'partner-a', 'updated'), entry('2', 'partner-b', 'connection'), entry('3', 'partner-a', 'opted-out')],
      async () => undefined,
    );
    expect(jobs).toEqual([{ name: 'catch-up-stale-lists', data: {} }]);
    expect(outcomes).toEqual([{ sentIds: ['1', '2', '3'], failed: null }]);
  });

  it('keeps every entry of the batch, with the error, when the catch-up job could not be enqueued', async () => {
    const { outcomes } = await relayOnce([entry('1', 'partner-a', 'updated'), entry('2', 'partner-b', 'deleted')], async () => {
      throw new Error('Connection is closed.');
    });
    expect(outcomes).toEqual([{ sentIds: [], failed: { ids: ['1', '2'], error: 'Connection is closed.' } }]);
  });
});
