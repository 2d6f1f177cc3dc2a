import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';

export interface ErasureRequestRow {
  partnerId: string;
  partnerSlug: string;
  partnerName: string;
  requestedBy: string;
  reason: string | null;
  createdAt: Date;
}

const COLUMNS = `r.partner_id AS "partnerId", p.slug AS "partnerSlug", p.name AS "partnerName", r.requested_by AS "requestedBy", r.reason, r.created_at AS "createdAt"`;

/** One open request per partner; erasing the partner removes it (ON DELETE CASCADE). */
@Injectable()
export class ErasureRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the request, or renews one already open with the new asker and reason. */
  async upsert(partnerId: string, requestedBy: string, reason: string | null): Promise<ErasureRequestRow> {
    await this.dataSource.query(
      `INSERT INTO erasure_request (partner_id, requested_by, reason) VALUES ($1, $2, $3)
       ON CONFLICT (partner_id) DO UPDATE SET requested_by = EXCLUDED.requested_by, reason = EXCLUDED.reason, created_at = now()`,
      [partnerId, requestedBy, reason],
    );
    return (await this.find(partnerId))!;
  }

  async find(partnerId: string): Promise<ErasureRequestRow | null> {
    if (!isUUID(partnerId)) return null;
    const rows: ErasureRequestRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM erasure_request r JOIN partner p ON p.id = r.partner_id WHERE r.partner_id = $1`, [partnerId]);
    return rows[0] ?? null;
  }

  /** Every open request, oldest first. */
  list(): Promise<ErasureRequestRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM erasure_request r JOIN partner p ON p.id = r.partner_id ORDER BY r.created_at ASC, r.partner_id ASC`);
  }

  async delete(partnerId: string): Promise<boolean> {
    if (!isUUID(partnerId)) return false;
    const [, affected] = (await this.dataSource.query(`DELETE FROM erasure_request WHERE partner_id = $1`, [partnerId])) as [unknown, number];
    return affected > 0;
  }
}
