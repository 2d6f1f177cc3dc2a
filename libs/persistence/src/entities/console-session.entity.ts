import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who a console session belongs to; issue 17 adds `person`. */
export const SESSION_OWNER_KINDS = ['api_key', 'bootstrap_admin', 'person'] as const;
export type SessionOwnerKind = (typeof SESSION_OWNER_KINDS)[number];

/**
 * A signed-in browser of the team console. Only the SHA-256 of the cookie's token is
 * stored; the session ends after an idle time (sliding `lastSeenAt`), at `expiresAt`, at
 * sign-out, or when its owner is deleted.
 */
@Entity({ name: 'console_session' })
export class ConsoleSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'text', select: false })
  tokenHash: string;

  @Column({ name: 'owner_kind', type: 'text' })
  ownerKind: SessionOwnerKind;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  /** A person signed in by an e-mail link. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'bootstrap_key_hash', type: 'text', nullable: true, select: false })
  bootstrapKeyHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
