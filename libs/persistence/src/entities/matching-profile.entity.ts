import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { MatchingProfile } from '@app/matching';

export type MatchingProfileSettings = Omit<MatchingProfile, 'version'>;

/**
 * One saved version of the team's matching profile; the highest version is the active one.
 * Version 1 is the built-in default and is never stored.
 */
@Entity({ name: 'matching_profile' })
export class MatchingProfileEntity {
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  settings: MatchingProfileSettings;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
