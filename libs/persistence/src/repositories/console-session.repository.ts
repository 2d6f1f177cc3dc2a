import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KEY_HOLDER_COLUMNS, toKeyHolder, type KeyHolder, type KeyHolderRow } from './api-key.repository';

/** Who owns a new session: a stored API key, or the bootstrap admin key (by its hash). */
export type NewSessionOwner = { kind: 'api_key'; apiKeyId: string } | { kind: 'bootstrap_admin'; keyHash: string } | { kind: 'person'; personId: string };

/** A live session and its owner; `holder` is null for the bootstrap admin key, which has no row. */
export interface LiveSession {
  id: string;
  holder: KeyHolder | null;
  bootstrapKeyHash: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

type PersonOwnerRow = { person_id: string | null; person_name: string | null; person_email: string | null; person_role: KeyHolder['role'] | null; person_partner_id: string | null; person_partner_slug: string | null; person_active: boolean | null };

type LiveSessionRow = Partial<KeyHolderRow> & PersonOwnerRow & { session_id: string; owner_kind: string; bootstrap_key_hash: string | null; last_seen_at: Date; expires_at: Date };

@Injectable()
export class ConsoleSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a session; also removes every session already past its idle time or its end. */
  async create(tokenHash: string, owner: NewSessionOwner, idleMinutes: number, lifetimeMinutes: number): Promise<LiveSession> {
    await this.removeExpired(idleMinutes);
    await this.dataSource.query(
      `INSERT INTO console_session (token_hash, owner_kind, api_key_id, bootstrap_key_hash, person_id, expires_at)
       VALUES ($1, $2, $3, $4, $6, now() + make_interval(mins => $5))`,
      [
        tokenHash,
        owner.kind,
        owner.kind === 'api_key' ? owner.apiKeyId : null,
        owner.kind === 'bootstrap_admin' ? owner.keyHash : null,
        lifetimeMinutes,
        owner.kind === 'person' ? owner.personId : null,
      ],
    );
    return (await this.findLive(tokenHash, idleMinutes, 0))!;
  }

  /**
   * The session of a token when it is neither idle past `idleMinutes` nor past its end, with
   * its owner. Marks it seen, but writes at most once per `touchAfterSeconds`: every request
   * of a console carries the cookie.
   */
  async findLive(tokenHash: string, idleMinutes: number, touchAfterSeconds: number): Promise<LiveSession | null> {
    const rows: LiveSessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.owner_kind, s.bootstrap_key_hash, s.last_seen_at, s.expires_at, ${KEY_HOLDER_COLUMNS},
              pe.id AS person_id, pe.name AS person_name, pe.email AS person_email, pe.role AS person_role, pe.partner_id AS person_partner_id,
              pp.slug AS person_partner_slug, pe.active AS person_active
         FROM console_session s
         LEFT JOIN api_key k ON k.id = s.api_key_id
         LEFT JOIN partner p ON p.id = k.partner_id
         LEFT JOIN person pe ON pe.id = s.person_id
         LEFT JOIN partner pp ON pp.id = pe.partner_id
        WHERE (s.owner_kind <> 'person' OR pe.active) AND s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`,
      [tokenHash, idleMinutes],
    );
    const row = rows[0];
    if (!row) return null;
    let lastSeenAt = row.last_seen_at;
    if (Date.now() - lastSeenAt.getTime() >= touchAfterSeconds * 1000) {
      // TypeORM answers an UPDATE with [rows, count].
      const [touched]: [{ last_seen_at: Date }[], number] = await this.dataSource.query(`UPDATE console_session SET last_seen_at = now() WHERE id = $1 RETURNING last_seen_at`, [
        row.session_id,
      ]);
      lastSeenAt = touched[0]?.last_seen_at ?? lastSeenAt;
    }
    return {
      id: row.session_id,
      holder: row.owner_kind === 'api_key' ? toKeyHolder(row as KeyHolderRow) : row.owner_kind === 'person' ? personHolder(row) : null,
      bootstrapKeyHash: row.bootstrap_key_hash,
      lastSeenAt,
      expiresAt: row.expires_at,
    };
  }

  async delete(tokenHash: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(`DELETE FROM console_session WHERE token_hash = $1`, [tokenHash]);
    return affected > 0;
  }

  private async removeExpired(idleMinutes: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM console_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`, [idleMinutes]);
  }
}

/**
 * A person acts as a key of the person's role would: a partner contact is bound to its
 * partner exactly as a partner key is. The name carries the address, so the audit trail
 * names the very person who decided.
 */
function personHolder(row: PersonOwnerRow): KeyHolder {
  return {
    id: row.person_id!,
    name: `${row.person_name} <${row.person_email}>`,
    role: row.person_role!,
    partnerId: row.person_partner_id,
    partnerSlug: row.person_partner_slug,
    allowedOrigins: [],
  };
}
