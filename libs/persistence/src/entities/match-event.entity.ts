import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MatchStatus } from './match.entity';

/** One change of a match's status: the append-only audit trail (rows are never updated). */
@Entity({ name: 'match_event' })
@Index('match_event_match_idx', ['matchId', 'sequence'])
export class MatchEventEntity {
  /** Increases with every event, so the trail has one order even within a millisecond. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  sequence: string;

  @Column({ name: 'match_id', type: 'uuid' })
  matchId: string;

  /** Who made the change. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus: MatchStatus;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: MatchStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
