import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/**
 * An existing collaboration between two partners. Stored once per unordered pair:
 * `partnerAId` is always the smaller uuid, so A–B and B–A are the same row.
 */
@Entity({ name: 'connection' })
@Unique('connection_pair_unique', ['partnerAId', 'partnerBId'])
export class ConnectionEntity {
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

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
