import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a partner's lists need repair; the relay's catch-up job repairs them whatever the reason. */
export type PartnerChangeReason = 'created' | 'updated' | 'deleted' | 'opted-out' | 'connection' | 'match-decision';

/**
 * A partner change whose recompute is not yet on the queue. Written in the transaction of
 * the change itself, deleted by the relay once the job is enqueued.
 */
@Entity({ name: 'partner_change_outbox' })
export class PartnerChangeOutboxEntity {
  /** Commit order, near enough: the relay sends the oldest first. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ type: 'text' })
  reason: PartnerChangeReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Failed enqueues so far, with the last error: why a backlog grows. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
