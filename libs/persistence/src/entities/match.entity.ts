import { Column, Entity, Unique, UpdateDateColumn } from 'typeorm';
import { PartnerPair } from './partner-pair';
import type { SuggestionPurpose } from './suggestion.entity';

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
 * unordered pair (`partnerAId` is the smaller uuid) and purpose, so a decision on A–B holds for
 * B–A and outlives every recompute, and deciding a pair for one purpose leaves the other open.
 */
@Entity({ name: 'match' })
@Unique('match_pair_unique', ['partnerAId', 'partnerBId', 'purpose'])
export class MatchEntity extends PartnerPair {
  @Column({ type: 'text', default: 'samenwerken' })
  purpose: SuggestionPurpose;

  @Column({ type: 'text', default: 'pending' })
  status: MatchStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
