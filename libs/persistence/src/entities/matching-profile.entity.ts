import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { KennisdelenProfile, MatchingProfile } from '@app/matching';
import type { SuggestionPurpose } from './suggestion.entity';

export type MatchingProfileSettings = Omit<MatchingProfile, 'version'>;
export type KennisdelenProfileSettings = Omit<KennisdelenProfile, 'version' | 'purpose'>;
/** What a stored version of each purpose holds. */
export interface ProfileSettingsOf {
  samenwerken: MatchingProfileSettings;
  kennisdelen: KennisdelenProfileSettings;
}

/**
 * One saved version of a purpose's matching profile; the highest version of a purpose is its
 * active one. Version 1 of each purpose is the built-in default and is never stored.
 */
@Entity({ name: 'matching_profile' })
export class MatchingProfileEntity<P extends SuggestionPurpose = SuggestionPurpose> {
  @PrimaryColumn({ type: 'text' })
  purpose: P;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  settings: ProfileSettingsOf[P];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
