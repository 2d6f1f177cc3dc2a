import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SuggestionPurpose } from './suggestion.entity';

export const FEEDBACK_VERDICTS = ['interested', 'not-relevant'] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

/**
 * A partner's answer to one of its suggestions, per purpose; the latest answer counts.
 * `not-relevant` takes the candidate out of that partner's list of that purpose (not the other
 * way round).
 */
@Entity({ name: 'feedback' })
export class FeedbackEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @PrimaryColumn({ name: 'candidate_id', type: 'uuid' })
  candidateId: string;

  @PrimaryColumn({ type: 'text', default: 'samenwerken' })
  purpose: SuggestionPurpose;

  @Column({ type: 'text' })
  verdict: FeedbackVerdict;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
