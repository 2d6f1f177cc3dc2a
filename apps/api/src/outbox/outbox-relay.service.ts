import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PartnerChangeOutboxRepository, type OutboxEntry, type RelayOutcome } from '@app/persistence';
import { CATCH_UP_STALE_LISTS, MatchingJobProducer, RelayLoop } from '@app/queue';

/** Entries locked per transaction; a longer backlog is sent in several. */
const BATCH_SIZE = 100;
/** Picks up entries committed by other API processes, or left by one that crashed. */
export const OUTBOX_POLL_INTERVAL_MS = 1000;
/** After a failed enqueue: wait this long, doubling per further failure up to the maximum. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 4000;
/** An enqueue that has not answered by then counts as failed, so a stuck queue cannot hold the transaction open. */
const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * Moves the outbox of partner changes onto the matching queue: the recompute of a change is
 * stored with the change and enqueued afterwards, so a queue that is down (Redis) loses
 * nothing — the entries wait and go once it is back. One pass at a time per process; passes
 * of several processes share the backlog through row locks.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private failures = 0;
  private stopped = false;
  /** While enqueues fail, passes wait for the backoff instead of following every commit. */
  private readonly loop = new RelayLoop(
    () => this.sendBacklog(),
    () => (this.failures === 0 ? OUTBOX_POLL_INTERVAL_MS : Math.min(RETRY_FIRST_MS * 2 ** (this.failures - 1), RETRY_MAX_MS)),
    () => this.failures === 0,
  );

  constructor(
    private readonly outbox: PartnerChangeOutboxRepository,
    private readonly producer: MatchingJobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.wake();
  }

  /** Stops before the database pool closes, letting a pass in flight commit. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  /** A transaction with outbox entries committed in this process: send them now, unless backing off. */
  wake(): void {
    if (this.failures === 0) this.loop.wake();
  }

  /** Resolves once no pass is running or requested. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Batches until the outbox is empty or an enqueue fails. */
  private async sendBacklog(): Promise<void> {
    let sent = 0;
    try {
      for (;;) {
        const { claimed, outcome } = await this.outbox.claimOldest(BATCH_SIZE, (entries) => this.enqueue(entries));
        sent += outcome.sentIds.length;
        if (outcome.failed) throw new Error(outcome.failed.error);
        if (claimed < BATCH_SIZE || this.stopped) break;
      }
      if (this.failures > 0) this.logger.log(`Partner changes reach the queue again after ${this.failures} failed attempts; ${sent} sent`);
      this.failures = 0;
    } catch (error) {
      // One warning per outage; the entries stay in the outbox and the backlog shows on /metrics.
      if (this.failures === 0) this.logger.warn(`Partner changes wait in the outbox until the queue takes them: ${describe(error)}`);
      this.failures++;
    }
  }

  /**
   * One catch-up job for the whole batch: it repairs every list a changed partner touches,
   * whichever partners changed and why, so the entries only say that one is needed.
   */
  private async enqueue(entries: OutboxEntry[]): Promise<RelayOutcome> {
    const ids = entries.map((entry) => entry.id);
    try {
      await withTimeout(this.producer.enqueue(CATCH_UP_STALE_LISTS));
      return { sentIds: ids, failed: null };
    } catch (error) {
      return { sentIds: [], failed: { ids, error: describe(error) } };
    }
  }
}

function withTimeout(enqueued: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  return Promise.race([enqueued, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
