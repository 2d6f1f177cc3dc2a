import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

export const PERSON_ROLES = ['admin', 'team', 'partner'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const PERSON_LANGUAGES = ['nl', 'en'] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

/**
 * Someone who signs in by e-mail and receives the service's mails: a team member, an admin,
 * or a contact of one partner (a partner may have several). The e-mail is unique without
 * regard to case (index on lower(email)).
 */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: PersonRole;

  /** The partner of a partner contact; null for admin and team. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'partner_id' })
  partner?: PartnerEntity | null;

  @Column({ type: 'text', default: 'nl' })
  language: PersonLanguage;

  /** Receives the periodic digest of new suggestions (partner contacts). */
  @Column({ name: 'wants_digest', type: 'boolean', default: true })
  wantsDigest: boolean;

  /** Receives the follow-up questions after an introduction (partner contacts). */
  @Column({ name: 'wants_follow_ups', type: 'boolean', default: true })
  wantsFollowUps: boolean;

  /** An inactive person cannot sign in and receives no mail. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
