import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedbackVerdict } from '../entities/feedback.entity';
import { MatchEntity, type MatchStatus } from '../entities/match.entity';
import { SuggestionEntity } from '../entities/suggestion.entity';
import { SystemStateEntity } from '../entities/system-state.entity';

export type SuggestionRow = Omit<SuggestionEntity, 'candidate' | 'computedAt'>;

/** A suggestion with where its pair stands with the team. */
export interface ListedSuggestion {
  suggestion: SuggestionEntity;
  match: Pick<MatchEntity, 'id' | 'status'>;
  /** The partner's own answer on the candidate; null before it answered. */
  feedback: FeedbackVerdict | null;
}

export interface SuggestionSearch {
  /** Only candidates whose match with the partner has one of these statuses. */
  statuses: readonly MatchStatus[];
  sector?: string;
  opgave?: string;
  leefdomein?: string;
  maxDistanceKm?: number;
  /** false: leave out national candidates (they have no distance, so maxDistanceKm keeps them). Default true. */
  includeNational?: boolean;
  limit: number;
  offset: number;
}

/** The lists readers see belong to this run. */
const ACTIVE_RUN_KEY = 'active-run';
/** Rows per INSERT statement: large writes go in batches, never row by row. */
const INSERT_BATCH = 5000;

/**
 * One statement per batch, the rows sent as one JSON document: half the time of column
 * arrays (whose jsonb elements each need escaping and parsing) and far less than a VALUES
 * list built row by row. Nothing is returned.
 */
async function insertRows(tx: EntityManager, rows: readonly SuggestionRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO suggestion (run_id, partner_id, rank, candidate_id, score, distance_km, components, reasons, profile_version)
     SELECT r."runId", r."partnerId", r.rank, r."candidateId", r.score, r."distanceKm", r.components, r.reasons, r."profileVersion"
     FROM jsonb_to_recordset($1::jsonb) AS r("runId" uuid, "partnerId" uuid, rank int, "candidateId" uuid, score float8,
       "distanceKm" float8, components jsonb, reasons jsonb, "profileVersion" int)`,
    [JSON.stringify(rows)],
  );
}

@Injectable()
export class SuggestionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activeRunId(manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const state = await manager.findOneBy(SystemStateEntity, { key: ACTIVE_RUN_KEY });
    return (state?.value as { runId?: string } | undefined)?.runId ?? null;
  }

  /**
   * Replaces the lists of these partners in one run, in one transaction: a retried write
   * leaves exactly one copy, and readers see either the old or the new lists.
   */
  async replaceLists(runId: string, partnerIds: readonly string[], rows: readonly SuggestionRow[], manager?: EntityManager): Promise<void> {
    const write = async (tx: EntityManager) => {
      if (partnerIds.length > 0) {
        await tx.query(`DELETE FROM suggestion WHERE run_id = $1 AND partner_id = ANY($2::uuid[])`, [runId, partnerIds]);
      }
      for (let start = 0; start < rows.length; start += INSERT_BATCH) await insertRows(tx, rows.slice(start, start + INSERT_BATCH));
      // Every suggested pair gets a match for the team to decide on; decisions already made stay.
      await tx.query(
        `INSERT INTO match (partner_a_id, partner_b_id)
         SELECT DISTINCT LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id)
         FROM suggestion WHERE run_id = $1 AND partner_id = ANY($2::uuid[])
         ORDER BY 1, 2
         ON CONFLICT DO NOTHING`,
        [runId, partnerIds],
      );
    };
    await (manager ? write(manager) : this.dataSource.transaction(write));
  }

  /** How many suggestions a run has stored. */
  async countInRun(runId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM suggestion WHERE run_id = $1`, [runId]);
    return count;
  }

  /** Points readers at this run's lists, in the caller's transaction (the switch-in of a completed run). */
  async makeActive(runId: string, tx: EntityManager): Promise<void> {
    await tx.upsert(SystemStateEntity, { key: ACTIVE_RUN_KEY, value: { runId } }, ['key']);
  }

  /** Drops the rows of every run but this one (after it was switched in: nobody reads them any more). */
  async deleteOtherRuns(runId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM suggestion WHERE run_id <> $1`, [runId]);
  }

  /**
   * One partner's list in a run, with the candidates' profiles, filtered and paged: only
   * pairs with one of the given statuses, never a candidate the partner called not relevant.
   */
  async listFor(runId: string, partnerId: string, search: SuggestionSearch): Promise<{ items: ListedSuggestion[]; total: number; searchedDepth: number }> {
    const query = this.dataSource
      .getRepository(SuggestionEntity)
      .createQueryBuilder('suggestion')
      .innerJoinAndSelect('suggestion.candidate', 'candidate')
      .innerJoin(
        MatchEntity,
        'match',
        'match.partnerAId = LEAST(suggestion.partnerId, suggestion.candidateId) AND match.partnerBId = GREATEST(suggestion.partnerId, suggestion.candidateId)',
      )
      .addSelect(['match.id', 'match.status'])
      .where('suggestion.runId = :runId AND suggestion.partnerId = :partnerId', { runId, partnerId })
      .andWhere('match.status IN (:...statuses)', { statuses: search.statuses })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM feedback f WHERE f.partner_id = suggestion.partner_id AND f.candidate_id = suggestion.candidate_id AND f.verdict = 'not-relevant')`,
      );
    if (search.sector) query.andWhere('candidate.sector = :sector', { sector: search.sector });
    if (search.opgave) query.andWhere(':opgave = ANY(candidate.opgaven)', { opgave: search.opgave });
    if (search.leefdomein) query.andWhere(':leefdomein = ANY(candidate.leefdomeinen)', { leefdomein: search.leefdomein });
    if (search.maxDistanceKm !== undefined) {
      // A national candidate works everywhere, so it is always within reach.
      query.andWhere('(suggestion.distanceKm IS NULL OR suggestion.distanceKm <= :maxDistanceKm)', { maxDistanceKm: search.maxDistanceKm });
    }
    if (search.includeNational === false) query.andWhere(`candidate.scope <> 'national'`);
    // The page carries the count of all matching rows: one round trip instead of two on the
    // hottest read. Only a page past the end has no row to carry it.
    // Filters search the stored list only; the depth of that list rides on the page as well.
    const depth = 'SELECT count(*) FROM suggestion d WHERE d.run_id = suggestion.run_id AND d.partner_id = suggestion.partner_id';
    const { entities, raw } = await query
      .addSelect('count(*) OVER ()', 'total')
      .addSelect(`(${depth})`, 'depth')
      .addSelect('(SELECT f.verdict FROM feedback f WHERE f.partner_id = suggestion.partner_id AND f.candidate_id = suggestion.candidate_id)', 'own_feedback')
      .orderBy('suggestion.rank', 'ASC')
      .limit(search.limit)
      .offset(search.offset)
      .getRawAndEntities();
    const total = raw.length > 0 ? Number(raw[0].total) : search.offset > 0 ? await query.getCount() : 0;
    const searchedDepth = raw.length > 0 ? Number(raw[0].depth) : await this.listDepth(runId, partnerId);
    const rowOf = new Map<number, { match_id: string; match_status: MatchStatus; own_feedback: FeedbackVerdict | null }>(raw.map((row) => [row.suggestion_rank, row]));
    return {
      items: entities.map((suggestion) => {
        const row = rowOf.get(suggestion.rank)!;
        return { suggestion, match: { id: row.match_id, status: row.match_status }, feedback: row.own_feedback };
      }),
      total,
      searchedDepth,
    };
  }

  /** How many candidates a partner's stored list in a run holds. */
  private async listDepth(runId: string, partnerId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM suggestion WHERE run_id = $1 AND partner_id = $2`, [runId, partnerId]);
    return count;
  }

  /** How many partners have a list in a run, the lists' total length, and the shortest and longest. */
  async listSizes(runId: string): Promise<{ lists: number; suggestions: number; shortest: number; longest: number }> {
    const [sizes] = await this.dataSource.query(
      `SELECT count(*)::int AS lists, coalesce(sum(n), 0)::int AS suggestions, coalesce(min(n), 0)::int AS shortest, coalesce(max(n), 0)::int AS longest
       FROM (SELECT count(*) AS n FROM suggestion WHERE run_id = $1 GROUP BY partner_id) AS list`,
      [runId],
    );
    return sizes;
  }

  /** How many partners' lists in a run contain this candidate. */
  async countListsContaining(runId: string, candidateId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(DISTINCT partner_id)::int AS count FROM suggestion WHERE run_id = $1 AND candidate_id = $2`, [runId, candidateId]);
    return count;
  }

  /**
   * Each partner's candidate ids of a run, best first: one row per partner, grouped in the
   * database, since a row per suggestion (200,000 at 10,000 partners) costs the caller's event loop.
   */
  async candidateIdLists(runId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows: { partner_id: string; ids: string[] }[] = await manager.query(
      `SELECT partner_id, array_agg(candidate_id::text ORDER BY rank) AS ids FROM suggestion WHERE run_id = $1 GROUP BY partner_id`,
      [runId],
    );
    return new Map(rows.map((row) => [row.partner_id, row.ids]));
  }

  /** Every list of a run as candidate ids in rank order, to compare with freshly computed lists. */
  async candidateLists(runId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, { candidateId: string; score: number }[]>> {
    const rows: { partner_id: string; candidate_id: string; score: number }[] = await manager.query(
      `SELECT partner_id, candidate_id, score FROM suggestion WHERE run_id = $1 ORDER BY partner_id, rank`,
      [runId],
    );
    const lists = new Map<string, { candidateId: string; score: number }[]>();
    for (const row of rows) {
      const list = lists.get(row.partner_id) ?? [];
      list.push({ candidateId: row.candidate_id, score: row.score });
      lists.set(row.partner_id, list);
    }
    return lists;
  }

  /** Runs `work` in a transaction that holds the lock serialising writes to the active lists. */
  withListLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('partnermatch:suggestion-lists'))`);
      return work(tx);
    });
  }
}
