import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Scope } from '@app/taxonomy';

@Entity({ name: 'partner' })
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sector: string;

  @Column({ type: 'text' })
  scope: Scope;

  /** CBS gemeentecodes; empty for national partners. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  gemeenten: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  leefdomeinen: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  opgaven: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  kennisbronnen: string[];

  /** Verandertheorie levels (verzachten, versterken, veranderen) the partner works on; read by kennisdelen. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  verandertheorie: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  offers: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  needs: string[];

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** Private: never shown outside the team's own views. */
  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'matching_opt_out', type: 'boolean', default: false })
  matchingOptOut: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by every update, in the same statement (TypeORM adds `version = version + 1`): the partner's ETag. */
  @VersionColumn({ type: 'integer' })
  version: number;
}
