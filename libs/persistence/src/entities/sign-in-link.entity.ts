import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in link sent by mail: only the SHA-256 of its token, single use. */
@Entity({ name: 'sign_in_link' })
export class SignInLinkEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
