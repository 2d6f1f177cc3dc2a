import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/**
 * Where a suggested pair stands with the team and the partners. `pending` until the team
 * decides; `approved` pairs are shown to partners, `rejected` ones are never suggested
 * again; after an introduction the partners start `collaborating` (a connection) or
 * `declined` (never suggested again either).
 */
export const MATCH_STATUSES = ['pending', 'approved', 'rejected', 'introduced', 'collaborating', 'declined'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Statuses whose pairs the core must never suggest again. */
export const NEVER_SUGGESTED_STATUSES: readonly MatchStatus[] = ['rejected', 'declined'];

/**
 * A pair of partners the matching suggested, with the team's decision. One row per
 * unordered pair (`partnerAId` is the smaller uuid), so a decision on A–B holds for B–A and
 * outlives every recompute.
 */
@Entity({ name: 'match' })
@Unique('match_pair_unique', ['partnerAId', 'partnerBId'])
export class MatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_a_id', type: 'uuid' })
  partnerAId: string;

  @Column({ name: 'partner_b_id', type: 'uuid' })
  partnerBId: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_a_id' })
  partnerA: PartnerEntity;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_b_id' })
  partnerB: PartnerEntity;

  @Column({ type: 'text', default: 'pending' })
  status: MatchStatus;

  /** The team's note with the last decision. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
