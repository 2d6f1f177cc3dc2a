import { InProcessDriver, MatchingJobProducer } from '@app/queue';
import type { Client } from 'pg';
import { OutboxRelayService } from '../../apps/api/src/outbox/outbox-relay.service';
import { eventually } from './eventually';
import type { TestApp } from './test-app';

/**
 * Waits until the asynchronous work of earlier writes is done in an in-process test app: the
 * partner-change outbox relayed, the relay idle and every queued job run (a run shows
 * `completed` at its switch-in, before its catch-up repair has written). Until then a late
 * commit can change lists or announce a change in the middle of a case.
 */
export async function settleQueue(api: TestApp, client: Client): Promise<void> {
  const waitingChanges = async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM partner_change_outbox`)).rows[0].n;
  await eventually(waitingChanges, (n) => n === 0, 10_000);
  await api.app.get(OutboxRelayService).idle();
  await api.app.get<MatchingJobProducer, InProcessDriver>(MatchingJobProducer).drain();
}
