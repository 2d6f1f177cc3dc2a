import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { KennisdelenScores } from '@app/matching';
import { FeedbackEntity } from '../entities/feedback.entity';
import { MatchEventEntity } from '../entities/match-event.entity';
import { MATCH_STATUSES, MatchEntity, NEVER_SUGGESTED_STATUSES, type MatchStatus } from '../entities/match.entity';
import { SuggestionEntity, type SuggestionPurpose } from '../entities/suggestion.entity';
import { RENDERED_SUGGESTION_COLUMNS, renderedSuggestion, type StoredSuggestionColumns } from '../suggestion-storage';
import { jsonPairsOf } from '../json-rows';
import { orderedPair } from './connection.repository';

export interface ReviewSearch {
  /** Whose lists the pairs come from; a pair is decided on per purpose. */
  purpose: SuggestionPurpose;
  statuses: readonly MatchStatus[];
  /** Either partner of the pair is of this sector, works in one of these gemeenten, on this opgave, in this leefdomein. */
  sector?: string;
  gemeenten?: string[];
  opgave?: string;
  leefdomein?: string;
  minScore?: number;
  /** Only pairs where both partners said they are interested. */
  mutualInterest?: boolean;
  limit: number;
  offset: number;
}

/** A pair in the review queue: the match, both partners, the suggestion row with the higher score. */
export interface ReviewItem {
  match: MatchEntity;
  /** The scored direction of the pair, as read with the page (lists may change right after). */
  suggestion: Pick<SuggestionEntity, 'partnerId' | 'candidateId' | 'score' | 'distanceKm' | 'reasons'> & { components: SuggestionEntity['components'] | KennisdelenScores };
  feedback: FeedbackEntity[];
}

interface ReviewRow extends StoredSuggestionColumns {
  match_id: string;
  score: number;
}

export interface StatusChange {
  match: MatchEntity;
  to: MatchStatus;
  note: string | null;
  actor: string;
}

export interface CollaborationReport {
  matchId: string;
  text: string;
  reached: number | null;
  createdAt: Date;
}

@Injectable()
export class MatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<MatchEntity | null> {
    if (!isUUID(id)) return null;
    return manager.findOne(MatchEntity, { where: { id }, relations: { partnerA: true, partnerB: true } });
  }

  findPair(first: string, second: string, purpose: SuggestionPurpose = 'samenwerken'): Promise<MatchEntity | null> {
    const [partnerAId, partnerBId] = orderedPair(first, second);
    return this.dataSource.manager.findOneBy(MatchEntity, { partnerAId, partnerBId, purpose });
  }

  /** The matches of a partner with each of these candidates for a purpose, by candidate id; pairs without one are absent. */
  async withCandidates(partnerId: string, candidateIds: readonly string[], purpose: SuggestionPurpose = 'samenwerken'): Promise<Map<string, Pick<MatchEntity, 'id' | 'status'>>> {
    if (candidateIds.length === 0) return new Map();
    const rows: { id: string; status: MatchStatus; candidate_id: string }[] = await this.dataSource.query(
      `SELECT m.id, m.status, c.id AS candidate_id FROM unnest($2::uuid[]) AS c(id)
       JOIN match m ON m.partner_a_id = LEAST($1::uuid, c.id) AND m.partner_b_id = GREATEST($1::uuid, c.id) AND m.purpose = $3`,
      [partnerId, candidateIds, purpose],
    );
    return new Map(rows.map((row) => [row.candidate_id, { id: row.id, status: row.status }]));
  }

  /** Samenwerken pairs whose status is one of `statuses`: the decisions the suggested weights learn from. */
  async pairsWithStatus(statuses: readonly MatchStatus[]): Promise<{ a: string; b: string; status: MatchStatus }[]> {
    const rows = await this.dataSource.manager.find(MatchEntity, {
      select: { partnerAId: true, partnerBId: true, status: true },
      where: { status: In([...statuses]), purpose: 'samenwerken' },
    });
    return rows.map((row) => ({ a: row.partnerAId, b: row.partnerBId, status: row.status }));
  }

  /** Pairs the core must leave out of a purpose's lists: rejected by the team, declined by the partners, for that purpose. */
  async neverSuggestedPairs(manager: EntityManager = this.dataSource.manager, purpose: SuggestionPurpose = 'samenwerken'): Promise<{ a: string; b: string }[]> {
    // Raw rows, as for connections: entity hydration is what costs at this size.
    return manager.query('SELECT partner_a_id AS a, partner_b_id AS b FROM match WHERE status = ANY($1::text[]) AND purpose = $2', [[...NEVER_SUGGESTED_STATUSES], purpose]);
  }

  /**
   * Per partner, its open introductions (matches with status `introduced`: introduced, not yet
   * working together or declined); partners with none are absent. What the profile's
   * `maxOpenIntroductions` counts.
   */
  async openIntroductionCounts(manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: { id: string; open: number }[] = await manager.query(
      `SELECT id, count(*)::int AS open FROM (
         SELECT partner_a_id AS id FROM match WHERE status = 'introduced'
         UNION ALL SELECT partner_b_id FROM match WHERE status = 'introduced'
       ) introduced GROUP BY id`,
    );
    return new Map(rows.map((row) => [row.id, row.open]));
  }

  /** `neverSuggestedPairs` of samenwerken as one JSON array for a worker thread to parse. */
  neverSuggestedPairsJson(manager: EntityManager = this.dataSource.manager): Promise<string> {
    return jsonPairsOf(manager, `match WHERE status = ANY($1::text[]) AND purpose = 'samenwerken'`, [[...NEVER_SUGGESTED_STATUSES]]);
  }

  /** What partners reported of these matches' collaborations (the long follow-up's form), oldest first. */
  collaborationReports(matchIds: readonly string[]): Promise<CollaborationReport[]> {
    return this.dataSource.query(
      `SELECT match_id AS "matchId", text, reached, created_at AS "createdAt" FROM collaboration_report WHERE match_id = ANY($1::uuid[]) ORDER BY created_at ASC`,
      [matchIds],
    );
  }

  /** How many samenwerken pairs the team rejected (or declined), and whether any such match was written since `horizon`. */
  async neverSuggestedWrittenSince(horizon: string, manager: EntityManager = this.dataSource.manager): Promise<{ count: number; written: boolean }> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS count, coalesce(bool_or(changed_xid >= $2::xid8), false) AS written FROM match WHERE status = ANY($1::text[]) AND purpose = 'samenwerken'`,
      [[...NEVER_SUGGESTED_STATUSES], horizon],
    );
    return row;
  }

  /** A digest of the samenwerken never-suggested pairs; changes with every decision that adds or removes one. */
  async neverSuggestedDigest(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ digest }] = await manager.query(
      `SELECT md5(coalesce(string_agg(partner_a_id::text || partner_b_id::text, ',' ORDER BY partner_a_id, partner_b_id), '')) AS digest
       FROM match WHERE status = ANY($1::text[]) AND purpose = 'samenwerken'`,
      [NEVER_SUGGESTED_STATUSES],
    );
    return digest;
  }

  /**
   * The matches with these ids, locked until the transaction ends; unknown ids are absent.
   * Locked in id order, so two decisions on overlapping sets wait for each other instead of
   * each holding a row the other needs (a deadlock); without ORDER BY rows are locked in
   * scan order, which an update of a row changes.
   */
  async lockMany(ids: readonly string[], tx: EntityManager): Promise<Map<string, MatchEntity>> {
    const valid = ids.filter((id) => isUUID(id));
    if (valid.length === 0) return new Map();
    const locked = await tx.find(MatchEntity, { where: { id: In(valid) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return new Map(locked.map((match) => [match.id, match]));
  }

  /** Sets the statuses and appends one audit event per change, in the caller's transaction. */
  async applyStatusChanges(changes: readonly StatusChange[], tx: EntityManager): Promise<void> {
    for (const { match, to, note } of changes) {
      await tx.update(MatchEntity, { id: match.id }, { status: to, note });
    }
    await tx.insert(
      MatchEventEntity,
      changes.map(({ match, to, note, actor }) => ({ matchId: match.id, actor, fromStatus: match.status, toStatus: to, note })),
    );
  }

  /** Every match a partner is in, with both partners and each match's audit trail. */
  async involving(partnerId: string): Promise<{ match: MatchEntity; events: MatchEventEntity[] }[]> {
    const matches = await this.dataSource.manager.find(MatchEntity, {
      where: [{ partnerAId: partnerId }, { partnerBId: partnerId }],
      relations: { partnerA: true, partnerB: true },
      order: { createdAt: 'ASC' },
    });
    const events = matches.length
      ? await this.dataSource.manager.find(MatchEventEntity, { where: { matchId: In(matches.map((match) => match.id)) }, order: { sequence: 'ASC' } })
      : [];
    return matches.map((match) => ({ match, events: events.filter((event) => event.matchId === match.id) }));
  }

  /** The audit trail of a match, oldest first. */
  history(matchId: string): Promise<MatchEventEntity[]> {
    return this.dataSource.manager.find(MatchEventEntity, { where: { matchId }, order: { sequence: 'ASC' } });
  }

  /**
   * Pairs in the active lists with one of the given statuses, highest score first. A pair
   * suggested both ways is one item, shown through the direction with the higher score.
   */
  async reviewQueue(runId: string, search: ReviewSearch): Promise<{ items: ReviewItem[]; total: number }> {
    const { params, param, pairsOfActiveLists, matching } = reviewPairs(runId, search);
    // The page and the total in one statement (one pass over the run's lists, one snapshot): the
    // suggestion's fields come with the page, so a list being repaired meanwhile cannot leave an
    // item without its scores. The wide columns are read for the page's rows only, by key. Only
    // a page past the end needs the count on its own.
    const page: (ReviewRow & { total: number })[] = await this.dataSource.query(
      `${pairsOfActiveLists}, ranked AS (
         SELECT m.id AS match_id, p.partner_id, p.rank, p.candidate_id, p.score, count(*) OVER ()::int AS total ${matching}
         ORDER BY p.score DESC, m.id LIMIT ${param(search.limit)} OFFSET ${param(search.offset)}
       )
       SELECT r.match_id, r.score, r.total, ${RENDERED_SUGGESTION_COLUMNS}
       FROM ranked r JOIN suggestion s ON s.run_id = $1 AND s.partner_id = r.partner_id AND s.purpose = $2 AND s.rank = r.rank
       ORDER BY r.score DESC, r.match_id`,
      params,
    );
    const total =
      page[0]?.total ??
      (search.offset === 0 ? 0 : (await this.dataSource.query(`${pairsOfActiveLists} SELECT count(*)::int AS total ${matching}`, params.slice(0, -2)))[0].total);
    return { items: await this.reviewItems(page), total };
  }

  /**
   * How many pairs of the active lists have each status under the queue's filters: what the
   * queue's `total` is for each status, in one pass over the lists instead of one per status.
   */
  async reviewCounts(runId: string, search: Omit<ReviewSearch, 'statuses' | 'limit' | 'offset'>): Promise<Record<MatchStatus, number>> {
    const { params, pairsOfActiveLists, matching } = reviewPairs(runId, search);
    const rows: { status: MatchStatus; count: number }[] = await this.dataSource.query(`${pairsOfActiveLists} SELECT m.status, count(*)::int AS count ${matching} GROUP BY m.status`, params);
    const counts = Object.fromEntries(MATCH_STATUSES.map((status) => [status, 0])) as Record<MatchStatus, number>;
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  /**
   * One match as the review queue shows it, under any status; null when the id is unknown or
   * the pair is in none of the run's lists (then it has no score to show).
   */
  async reviewItem(runId: string, matchId: string): Promise<ReviewItem | null> {
    if (!isUUID(matchId)) return null;
    // The direction the queue shows: the higher score, ties by partner id (as its DISTINCT ON).
    const page: ReviewRow[] = await this.dataSource.query(
      `SELECT m.id AS match_id, s.score, ${RENDERED_SUGGESTION_COLUMNS}
       FROM match m
       JOIN suggestion s ON s.run_id = $1 AND s.purpose = m.purpose
         AND ((s.partner_id = m.partner_a_id AND s.candidate_id = m.partner_b_id) OR (s.partner_id = m.partner_b_id AND s.candidate_id = m.partner_a_id))
       WHERE m.id = $2
       ORDER BY s.score DESC, s.partner_id LIMIT 1`,
      [runId, matchId],
    );
    const [item] = await this.reviewItems(page);
    return item ?? null;
  }

  private async reviewItems(page: ReviewRow[]): Promise<ReviewItem[]> {
    if (page.length === 0) return [];
    const manager = this.dataSource.manager;
    const matches = await manager.find(MatchEntity, { where: { id: In(page.map((row) => row.match_id)) }, relations: { partnerA: true, partnerB: true } });
    const partnerIds = matches.flatMap((match) => [match.partnerAId, match.partnerBId]);
    const feedback = await manager.find(FeedbackEntity, { where: { partnerId: In(partnerIds), candidateId: In(partnerIds) } });
    const ofPair = (entry: FeedbackEntity, match: MatchEntity) =>
      entry.purpose === match.purpose && orderedPair(entry.partnerId, entry.candidateId).join() === [match.partnerAId, match.partnerBId].join();
    const matchById = new Map(matches.map((match) => [match.id, match]));
    // A partner deleted since the page was read takes its match with it; its item is dropped.
    return page.flatMap((row) => {
      const match = matchById.get(row.match_id);
      if (!match) return [];
      const suggestion = {
        partnerId: row.partner_id,
        candidateId: row.candidate_id,
        score: row.score,
        distanceKm: row.distance_km,
        ...renderedSuggestion(row),
      };
      return [{ match, suggestion, feedback: feedback.filter((entry) => ofPair(entry, match)) }];
    });
  }
}

/**
 * The review queue's pairs as SQL: the run's lists one row per unordered pair (the direction with
 * the higher score, ties by partner id), joined to the pair's match and filtered. `$1` is the run, `$2` the purpose;
 * without `statuses` every status counts. No index serves the DISTINCT ON: one would add ~90 B to
 * every stored suggestion (issue 15's ≤ 300 B), and the run's compact rows sort in ~10 ms at the
 * demo network's size once the embedded database has statistics (dropOtherRuns analyzes them).
 */
function reviewPairs(runId: string, search: Omit<ReviewSearch, 'statuses' | 'limit' | 'offset'> & { statuses?: readonly MatchStatus[] }) {
  const params: unknown[] = [runId, search.purpose];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = search.statuses ? [`m.status = ANY(${param(search.statuses)}::text[])`] : [];
  if (search.sector) {
    const sector = param(search.sector);
    where.push(`(pa.sector = ${sector} OR pb.sector = ${sector})`);
  }
  if (search.gemeenten) {
    const gemeenten = param(search.gemeenten);
    where.push(`(pa.gemeenten && ${gemeenten}::text[] OR pb.gemeenten && ${gemeenten}::text[])`);
  }
  if (search.opgave) {
    const opgave = param(search.opgave);
    where.push(`(${opgave} = ANY(pa.opgaven) OR ${opgave} = ANY(pb.opgaven))`);
  }
  if (search.leefdomein) {
    const leefdomein = param(search.leefdomein);
    where.push(`(${leefdomein} = ANY(pa.leefdomeinen) OR ${leefdomein} = ANY(pb.leefdomeinen))`);
  }
  if (search.minScore !== undefined) where.push(`p.score >= ${param(search.minScore)}`);
  if (search.mutualInterest) where.push(`p.interested = 2`);
  // Counting the feedback of every suggestion row is the costly part: only when filtered on.
  const interested = search.mutualInterest
    ? `(SELECT count(*) FROM feedback f
          WHERE f.verdict = 'interested' AND f.purpose = s.purpose
            AND ((f.partner_id = s.partner_id AND f.candidate_id = s.candidate_id) OR (f.partner_id = s.candidate_id AND f.candidate_id = s.partner_id)))`
    : '0';
  const pairsOfActiveLists = `
    WITH pair AS (
      SELECT DISTINCT ON (LEAST(s.partner_id, s.candidate_id), GREATEST(s.partner_id, s.candidate_id))
        LEAST(s.partner_id, s.candidate_id) AS a, GREATEST(s.partner_id, s.candidate_id) AS b,
        s.partner_id, s.rank, s.candidate_id, s.score,
        ${interested} AS interested
      FROM suggestion s WHERE s.run_id = $1 AND s.purpose = $2
      ORDER BY LEAST(s.partner_id, s.candidate_id), GREATEST(s.partner_id, s.candidate_id), s.score DESC, s.partner_id
    )`;
  // The partners' rows only when a filter reads them: two lookups per pair otherwise wasted.
  const partners = search.sector || search.gemeenten || search.opgave || search.leefdomein ? 'JOIN partner pa ON pa.id = p.a JOIN partner pb ON pb.id = p.b' : '';
  const matching = `
    FROM pair p
    JOIN match m ON m.partner_a_id = p.a AND m.partner_b_id = p.b AND m.purpose = $2
    ${partners}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { params, param, pairsOfActiveLists, matching };
}
