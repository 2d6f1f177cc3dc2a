import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SuggestionPurpose } from '../entities/suggestion.entity';

/** The outcome funnel's steps, in order. */
export const FUNNEL_STEPS = ['suggested', 'approved', 'shown', 'interested', 'introduced', 'talked', 'collaborating'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelFilter {
  /** The pairs of one purpose: a pair has a match, answers and impressions per purpose. */
  purpose: SuggestionPurpose;
  /** First suggested at or after. */
  from: Date | null;
  /** First suggested before. */
  before: Date | null;
  sector: string | null;
  /** Pairs with a partner working in one of these gemeenten. */
  gemeenten: string[] | null;
  /** History notes that record the partners talked (or got further), see the follow-up's answers. */
  talkedNotes: string[];
}

export interface FunnelCounts {
  /** Pairs per step, a later step counting for the earlier ones. */
  reached: Record<FunnelStep, number>;
  /** Pairs with their own record of the step. */
  recorded: Record<FunnelStep, number>;
  interestedBothSides: number;
}

export interface FunnelRows {
  total: FunnelCounts;
  bySectorPair: (FunnelCounts & { sectors: [string, string] })[];
}

/**
 * What each step means for one pair (a match row, made when the pair was first suggested):
 * approved — the team approved it (a status change to approved or beyond, or that status now);
 * shown — an impression of either partner's list showed the other; interested — at least one
 * partner's latest answer is "interested" (both: both); introduced — introduced (declined is
 * only reached from there); talked — a follow-up answer of talked, planning or working
 * together; collaborating — the pair works together.
 */
const FUNNEL_SQL = `
WITH pairs AS (
  SELECT m.id, m.partner_a_id AS a, m.partner_b_id AS b, m.status,
         LEAST(pa.sector, pb.sector) AS s1, GREATEST(pa.sector, pb.sector) AS s2
    FROM match m
    JOIN partner pa ON pa.id = m.partner_a_id
    JOIN partner pb ON pb.id = m.partner_b_id
   WHERE ($1::timestamptz IS NULL OR m.created_at >= $1)
     AND ($2::timestamptz IS NULL OR m.created_at < $2)
     AND ($3::text IS NULL OR pa.sector = $3 OR pb.sector = $3)
     AND ($4::text[] IS NULL OR pa.gemeenten && $4 OR pb.gemeenten && $4)
     AND m.purpose = $6
), facts AS (
  SELECT p.s1, p.s2,
         p.status IN ('approved', 'introduced', 'declined', 'collaborating')
           OR EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = p.id AND e.to_status IN ('approved', 'introduced', 'declined', 'collaborating')) AS approved,
         EXISTS (SELECT 1 FROM impression i WHERE LEAST(i.partner_id, i.candidate_id) = p.a AND GREATEST(i.partner_id, i.candidate_id) = p.b AND i.purpose = $6) AS shown,
         (SELECT count(*) FROM feedback f
           WHERE f.verdict = 'interested' AND f.purpose = $6 AND ((f.partner_id = p.a AND f.candidate_id = p.b) OR (f.partner_id = p.b AND f.candidate_id = p.a)))::int AS interested_sides,
         p.status IN ('introduced', 'declined', 'collaborating')
           OR EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = p.id AND e.to_status IN ('introduced', 'declined', 'collaborating')) AS introduced,
         EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = p.id AND e.note = ANY($5::text[])) AS talked,
         p.status = 'collaborating'
           OR EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = p.id AND e.to_status = 'collaborating') AS collaborating
    FROM pairs p
), reached AS (
  SELECT f.*,
         f.collaborating AS r_collaborating,
         f.talked OR f.collaborating AS r_talked,
         f.introduced OR f.talked OR f.collaborating AS r_introduced
    FROM facts f
), ladder AS (
  SELECT r.*,
         r.interested_sides > 0 OR r.r_introduced AS r_interested,
         r.shown OR r.interested_sides > 0 OR r.r_introduced AS r_shown,
         r.approved OR r.shown OR r.interested_sides > 0 OR r.r_introduced AS r_approved
    FROM reached r
)
SELECT GROUPING(s1, s2) AS total, s1, s2,
       count(*)::int AS suggested,
       (count(*) FILTER (WHERE r_approved))::int AS r_approved, (count(*) FILTER (WHERE approved))::int AS approved,
       (count(*) FILTER (WHERE r_shown))::int AS r_shown, (count(*) FILTER (WHERE shown))::int AS shown,
       (count(*) FILTER (WHERE r_interested))::int AS r_interested, (count(*) FILTER (WHERE interested_sides > 0))::int AS interested,
       (count(*) FILTER (WHERE interested_sides = 2))::int AS both_sides,
       (count(*) FILTER (WHERE r_introduced))::int AS r_introduced, (count(*) FILTER (WHERE introduced))::int AS introduced,
       (count(*) FILTER (WHERE r_talked))::int AS r_talked, (count(*) FILTER (WHERE talked))::int AS talked,
       (count(*) FILTER (WHERE r_collaborating))::int AS r_collaborating, (count(*) FILTER (WHERE collaborating))::int AS collaborating
  FROM ladder
 GROUP BY GROUPING SETS ((), (s1, s2))
 ORDER BY total DESC, suggested DESC, s1, s2`;

type Row = Record<'total' | 'suggested' | 'both_sides' | `r_${Exclude<FunnelStep, 'suggested'>}` | Exclude<FunnelStep, 'suggested'>, number> & { s1: string | null; s2: string | null };

@Injectable()
export class FunnelRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The funnel in one query: the whole and per sector pair (GROUPING SETS). */
  async count(filter: FunnelFilter): Promise<FunnelRows> {
    const rows: Row[] = await this.dataSource.query(FUNNEL_SQL, [filter.from, filter.before, filter.sector, filter.gemeenten, filter.talkedNotes, filter.purpose]);
    const counts = (row: Row | undefined): FunnelCounts => {
      const reached = {} as Record<FunnelStep, number>;
      const recorded = {} as Record<FunnelStep, number>;
      for (const step of FUNNEL_STEPS) {
        reached[step] = step === 'suggested' ? (row?.suggested ?? 0) : (row?.[`r_${step}`] ?? 0);
        recorded[step] = step === 'suggested' ? (row?.suggested ?? 0) : (row?.[step] ?? 0);
      }
      return { reached, recorded, interestedBothSides: row?.both_sides ?? 0 };
    };
    // With no pairs at all, GROUPING SETS still answers the () row with zeros.
    const total = rows.find((row) => Number(row.total) !== 0);
    return {
      total: counts(total),
      bySectorPair: rows.filter((row) => Number(row.total) === 0).map((row) => ({ sectors: [row.s1!, row.s2!], ...counts(row) })),
    };
  }
}
