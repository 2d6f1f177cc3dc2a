import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, type ApiKeyRole } from '../entities/api-key.entity';

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  partnerId: string | null;
  allowedOrigins: string[];
  keyHash: string;
  keyPrefix: string;
}

/** The key a request authenticates with, with the slug of its partner so routes can be matched by either. */
export interface KeyHolder {
  id: string;
  /** The key's name: what the audit trail records as the actor. */
  name: string;
  role: ApiKeyRole;
  partnerId: string | null;
  partnerSlug: string | null;
  allowedOrigins: string[];
}

/** The columns of a key holder, for queries that join `api_key k` and `partner p`. */
export const KEY_HOLDER_COLUMNS = 'k.id, k.name, k.role, k.partner_id, p.slug, k.allowed_origins';

export interface KeyHolderRow {
  id: string;
  name: string;
  role: ApiKeyRole;
  partner_id: string | null;
  slug: string | null;
  allowed_origins: string[];
}

export function toKeyHolder(row: KeyHolderRow): KeyHolder {
  return { id: row.id, name: row.name, role: row.role, partnerId: row.partner_id, partnerSlug: row.slug, allowedOrigins: row.allowed_origins };
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(key: NewApiKey): Promise<ApiKeyEntity> {
    const saved = await this.dataSource.manager.save(ApiKeyEntity, this.dataSource.manager.create(ApiKeyEntity, key));
    return (await this.findById(saved.id))!;
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.manager.find(ApiKeyEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async findById(id: string): Promise<ApiKeyEntity | null> {
    return isUUID(id) ? this.dataSource.manager.findOneBy(ApiKeyEntity, { id }) : null;
  }

  async delete(id: string): Promise<boolean> {
    if (!isUUID(id)) return false;
    const result = await this.dataSource.manager.delete(ApiKeyEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  async holderOf(keyHash: string): Promise<KeyHolder | null> {
    const rows: KeyHolderRow[] = await this.dataSource.query(`SELECT ${KEY_HOLDER_COLUMNS} FROM api_key k LEFT JOIN partner p ON p.id = k.partner_id WHERE k.key_hash = $1`, [
      keyHash,
    ]);
    return rows[0] ? toKeyHolder(rows[0]) : null;
  }

  /** Whether any portal key lists the origin: what a browser's preflight (which carries no key) can be told. */
  async isPortalOrigin(origin: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM api_key WHERE role = 'portal' AND $1 = ANY (allowed_origins) LIMIT 1`, [origin]);
    return rows.length > 0;
  }

  async countByRole(role: ApiKeyRole): Promise<number> {
    return this.dataSource.manager.countBy(ApiKeyEntity, { role });
  }
}
