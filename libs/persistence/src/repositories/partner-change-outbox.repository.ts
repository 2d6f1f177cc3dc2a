import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { PartnerChangeOutboxEntity, type PartnerChangeReason } from '../entities/partner-change-outbox.entity';

export type OutboxEntry = Pick<PartnerChangeOutboxEntity, 'id' | 'partnerId' | 'reason'>;

/** What the relay did with the entries it was handed: those it enqueued, and the error of those it could not. */
export interface RelayOutcome {
  sentIds: string[];
  failed: { ids: string[]; error: string } | null;
}

/** The transactional outbox of partner changes that still need their recompute enqueued. */
@Injectable()
export class PartnerChangeOutboxRepository {
  constructor(@InjectRepository(PartnerChangeOutboxEntity) private readonly outbox: Repository<PartnerChangeOutboxEntity>) {}

  /** Records the recompute of `partnerIds` in the caller's transaction, so it commits or rolls back with the change. */
  async add(partnerIds: readonly string[], reason: PartnerChangeReason, tx: EntityManager): Promise<void> {
    if (partnerIds.length === 0) return;
    await tx.getRepository(PartnerChangeOutboxEntity).insert(partnerIds.map((partnerId) => ({ partnerId, reason })));
  }

  /**
   * Locks up to `limit` of the oldest entries that no other relay holds (SKIP LOCKED, so
   * several API processes share the backlog), hands them to `relay`, then deletes the ones
   * it sent and records the failure of the rest, in one transaction. A relay that dies
   * mid-way rolls back and leaves every entry for the next one. Returns how many were locked.
   */
  claimOldest(limit: number, relay: (entries: OutboxEntry[]) => Promise<RelayOutcome>): Promise<{ claimed: number; outcome: RelayOutcome }> {
    return this.outbox.manager.transaction(async (tx) => {
      const entries: OutboxEntry[] = await tx.query(
        `SELECT id::text AS id, partner_id AS "partnerId", reason FROM partner_change_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const outcome: RelayOutcome = entries.length > 0 ? await relay(entries) : { sentIds: [], failed: null };
      if (outcome.sentIds.length > 0) await tx.query(`DELETE FROM partner_change_outbox WHERE id = ANY($1::bigint[])`, [outcome.sentIds]);
      if (outcome.failed) {
        await tx.query(`UPDATE partner_change_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
          outcome.failed.ids,
          outcome.failed.error,
        ]);
      }
      return { claimed: entries.length, outcome };
    });
  }

  /** Entries waiting, and the age of the oldest in seconds (0 when none wait). */
  async backlog(): Promise<{ entries: number; oldestAgeSeconds: number }> {
    const [row] = await this.outbox.query(
      `SELECT count(*)::int AS entries, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS "oldestAgeSeconds" FROM partner_change_outbox`,
    );
    return row;
  }
}
