import { Injectable } from '@nestjs/common';
import { PartnerChangeOutboxRepository, retryOnConflict, Transactions, type PartnerChangeReason, type Transaction } from '@app/persistence';
import { OutboxRelayService } from '../outbox/outbox-relay.service';

/** Records, inside the transaction of a change, which partners it touched. */
export type RecomputeRecorder = (partnerIds: readonly string[], reason: PartnerChangeReason) => Promise<void>;

/**
 * Writes partner changes together with the fact that they must be recomputed: the lists of
 * the partners they touch, and the lists those partners are in, get repaired through the
 * queue once the change commits — even if the queue is down at that moment.
 */
@Injectable()
export class PartnerChangesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: PartnerChangeOutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  /**
   * Runs `write` in one transaction; what it passes to `recompute` is enqueued after the
   * commit. A transaction PostgreSQL aborts as a deadlock victim (or for a serialization
   * failure) is run again from the start, a few times; then TransactionConflictError, a 409.
   */
  async transaction<T>(write: (tx: Transaction, recompute: RecomputeRecorder) => Promise<T>): Promise<T> {
    let recorded = false;
    const result = await retryOnConflict(() => {
      recorded = false;
      return this.transactions.run((tx) =>
        write(tx, async (partnerIds, reason) => {
          await this.outbox.add(partnerIds, reason, tx);
          recorded ||= partnerIds.length > 0;
        }),
      );
    });
    if (recorded) this.relay.wake();
    return result;
  }
}
