import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SuggestionPurpose } from '../entities/suggestion.entity';

/** Where a partner saw a candidate: its own console pages, its own API key, the portal widget, the digest mail. */
export const IMPRESSION_SURFACES = ['console', 'api', 'embed', 'digest'] as const;
export type ImpressionSurface = (typeof IMPRESSION_SURFACES)[number];

export interface ImpressionRow {
  partnerId: string;
  candidateId: string;
  surface: ImpressionSurface;
  /** Which list showed it; samenwerken when omitted. */
  purpose?: SuggestionPurpose;
  /** 1-based place in what was shown. */
  rank: number;
  /** How often it was shown so since the last write. */
  times: number;
  shownAt: Date;
}

@Injectable()
export class ImpressionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the rows in one statement. Rows of a partner erased since it was shown are left
   * out rather than failing the batch.
   */
  async insertMany(rows: readonly ImpressionRow[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO impression (partner_id, candidate_id, surface, rank, times, shown_at, purpose)
       SELECT r.partner_id, r.candidate_id, r.surface, r.rank, r.times, r.shown_at, r.purpose
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::text[])
              AS r(partner_id, candidate_id, surface, rank, times, shown_at, purpose)
        WHERE EXISTS (SELECT 1 FROM partner p WHERE p.id = r.partner_id)
          AND EXISTS (SELECT 1 FROM partner c WHERE c.id = r.candidate_id)
       RETURNING 1`,
      [
        rows.map((row) => row.partnerId),
        rows.map((row) => row.candidateId),
        rows.map((row) => row.surface),
        rows.map((row) => row.rank),
        rows.map((row) => row.times),
        rows.map((row) => row.shownAt.toISOString()),
        rows.map((row) => row.purpose ?? 'samenwerken'),
      ],
    );
    return inserted.length;
  }
}
