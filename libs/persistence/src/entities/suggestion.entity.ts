import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/** One ranked candidate in a partner's list, as written by a matching run. */
@Entity({ name: 'suggestion' })
export class SuggestionEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @PrimaryColumn({ type: 'integer' })
  rank: number;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id' })
  candidate: PartnerEntity;

  @Column({ type: 'double precision' })
  score: number;

  /** Nearest distance between the gemeenten of the two; null when either is national. */
  @Column({ name: 'distance_km', type: 'double precision', nullable: true })
  distanceKm: number | null;

  @Column({ type: 'jsonb' })
  components: Record<string, number>;

  @Column({ type: 'jsonb' })
  reasons: { code: string; params: Record<string, unknown>; nl: string; en: string; share: number }[];

  @Column({ name: 'profile_version', type: 'integer' })
  profileVersion: number;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}
