import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const API_KEY_ROLES = ['admin', 'team', 'portal', 'partner'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * A caller's key. Only its SHA-256 is stored: the key itself is shown once, at creation.
 * The prefix lets people tell their keys apart in a list without revealing them.
 */
@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: ApiKeyRole;

  /** Set for partner keys only: the one partner whose data the key may read and change. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId: string | null;

  /** Web origins allowed to call the embed routes with a portal key (CORS). */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  @Column({ name: 'key_hash', type: 'text', select: false })
  keyHash: string;

  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
