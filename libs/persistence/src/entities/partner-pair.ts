import { Column, CreateDateColumn, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/**
 * Columns of a row about an unordered pair of partners, stored once: `partnerAId` is always
 * the smaller uuid, so A–B and B–A are the same row. Each table keeps its own unique constraint.
 */
export abstract class PartnerPair {
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

  /** Free text: the collaboration, or the team's note with its last decision. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
