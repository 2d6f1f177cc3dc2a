import type { Reason, StoredReason } from '@app/matching';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/** The score components, a column each (`component_<name>`): 48 bytes a row, where jsonb took ~150 and an array 69. */
export class SuggestionComponents {
  @Column({ name: 'component_opgaven', type: 'double precision' })
  opgaven: number;

  @Column({ name: 'component_leefdomeinen', type: 'double precision' })
  leefdomeinen: number;

  @Column({ name: 'component_sector', type: 'double precision' })
  sector: number;

  @Column({ name: 'component_region', type: 'double precision' })
  region: number;

  @Column({ name: 'component_reciprocity', type: 'double precision' })
  reciprocity: number;

  @Column({ name: 'component_network', type: 'double precision' })
  network: number;
}

/** Purposes a suggestion list serves: local collaboration across sectors, and knowledge exchange. */
export const SUGGESTION_PURPOSES = ['samenwerken', 'kennisdelen'] as const;
export type SuggestionPurpose = (typeof SUGGESTION_PURPOSES)[number];

/**
 * One ranked candidate in a partner's list, as written by a matching run, in the run's
 * partition of `suggestion` (see suggestion-storage.ts). Reasons are stored compact and
 * rendered by the repository when read.
 */
@Entity({ name: 'suggestion' })
export class SuggestionEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @PrimaryColumn({ type: 'text', default: 'samenwerken' })
  purpose: SuggestionPurpose;

  @PrimaryColumn({ type: 'smallint' })
  rank: number;

  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  /** No foreign key (it cost every inserted row a locking lookup): a trigger on partner deletes a deleted partner's rows. */
  @ManyToOne(() => PartnerEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'candidate_id' })
  candidate: PartnerEntity;

  @Column({ type: 'double precision' })
  score: number;

  /** Nearest distance between the gemeenten of the two; null when either is national. */
  @Column({ name: 'distance_km', type: 'double precision', nullable: true })
  distanceKm: number | null;

  @Column(() => SuggestionComponents, { prefix: false })
  components: SuggestionComponents;

  /** As stored: compact arrays (or whole reasons for rows written before). */
  @Column({ name: 'reasons', type: 'json' })
  storedReasons: StoredReason[];

  /** The reasons rendered, both languages: filled by the repository when it reads the row. */
  reasons: Reason[];

  @Column({ name: 'profile_version', type: 'integer' })
  profileVersion: number;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt: Date;
}
