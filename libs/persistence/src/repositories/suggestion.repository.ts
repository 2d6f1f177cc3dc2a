import { Injectable } from '@nestjs/common';
import { COMPONENT_NAMES, KENNISDELEN_COMPONENTS, renderStoredKennisdelenReason, renderStoredReasons, storeKennisdelenReason, storeReasons, type KennisdelenScores, type Reason, type StoredKennisdelenReason, type StoredReason } from '@app/matching';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedbackVerdict } from '../entities/feedback.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { MatchEntity, type MatchStatus } from '../entities/match.entity';
import { SuggestionEntity, type SuggestionPurpose } from '../entities/suggestion.entity';
import { SystemStateEntity } from '../entities/system-state.entity';
import { COMPONENT_COLUMNS, componentsOf, createPartition, KENNISDELEN_COMPONENT_COLUMNS, partitionName, runOfPartition, type ComponentWeights, type RunWeights } from '../suggestion-storage';
import { EmbeddedPostgres } from '../embedded/embedded-postgres';
import { copyRows, type CopyValue } from '../copy-rows';
import { preparedQuery } from '../prepared-query';
import { lockSuggestionLists } from '../suggestion-list-lock';
import { PartnerColumns } from './partner-columns';

/** One place of a stored list, as `candidateLists` reads it. */
export interface StoredListEntry {
  candidateId: string;
  score: number;
  rank: number;
}

/**
 * Whether a stored list holds ranks 1..n. A deleted partner's rows go at once (a trigger), leaving
 * a gap in the lists it was in: such a list holds the candidates a fresh ranking would, yet must
 * be written again.
 */
export function ranksWithoutGap(list: readonly StoredListEntry[]): boolean {
  return list.every((entry, at) => entry.rank === at + 1);
}

/** A suggestion as a run computed it, reasons with both sentences: what writers hand in. */
export type SuggestionRow = Omit<SuggestionEntity, 'candidate' | 'computedAt' | 'storedReasons' | 'purpose' | 'reasons' | 'components'> & { components: Record<string, number>; reasons: Reason[] };

/** A suggestion whose writer stored its reasons already (`storeExplainedFacts`): a full run's shard, which never renders their sentences. */
export type StoredSuggestionRow = Omit<SuggestionRow, 'reasons'> & { storedReasons: StoredReason[] };

/** A kennisdelen suggestion as a run or repair computed it. */
export interface KennisdelenRow {
  runId: string;
  partnerId: string;
  rank: number;
  candidateId: string;
  score: number;
  distanceKm: number | null;
  components: KennisdelenScores;
  reasons: Reason[];
  profileVersion: number;
}

/** A kennisdelen suggestion whose writer stored its reasons already (`storeKennisdelenFacts`): a full run's shard. */
export type StoredKennisdelenSuggestionRow = Omit<KennisdelenRow, 'reasons'> & { storedReasons: StoredKennisdelenReason[] };

/** A stored kennisdelen suggestion with its candidate and the pair's review, reasons rendered. */
export interface ListedKennisdelenSuggestion {
  rank: number;
  score: number;
  candidate: PartnerEntity;
  distanceKm: number | null;
  components: KennisdelenScores;
  reasons: Reason[];
  profileVersion: number;
  computedAt: Date;
  /** The pair's kennisdelen match (the team decides on a pair per purpose). */
  match: { id: string; status: MatchStatus };
  feedback: FeedbackVerdict | null;
}

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
/**
 * A list's status filter on its pairs' matches, as an expression no index covers (status is never
 * null, so it is the status): a list has at most a few hundred pairs, each found by
 * match_pair_unique. On the plain column the planner may take match_status_idx instead; right after
 * ~1 M matches were approved in bulk, before an ANALYZE, it estimated one approved match and compared
 * each of a list's rows with every approved one (2.5–3.2 s a request at 100,000 partners).
 */
const LIST_STATUS_FILTER = (column: string) => `coalesce(${column}, '')`;

/** PostgreSQL's SQLSTATE for a row whose foreign key names a row that is not there. */
const FOREIGN_KEY_VIOLATION = '23503';
/** Rows per INSERT statement: large writes go in batches, never row by row. */
const INSERT_BATCH = 5000;

/** A row's reasons as its json column holds them: compact arrays, as text (a jsonb value would come back with a space after every comma). */
function storedReasonsText(row: SuggestionRow | StoredSuggestionRow, weights: ComponentWeights): string {
  if ('storedReasons' in row) return JSON.stringify(row.storedReasons);
  return JSON.stringify(storeReasons(row.reasons, { ...row, components: row.components as Record<keyof ComponentWeights, number>, weights }));
}

/** A kennisdelen row's reasons as its json column holds them. */
function storedKennisdelenReasonsText(row: KennisdelenRow | StoredKennisdelenSuggestionRow, weights: KennisdelenScores): string {
  if ('storedReasons' in row) return JSON.stringify(row.storedReasons);
  return JSON.stringify(row.reasons.map((reason) => storeKennisdelenReason(reason, { components: row.components, weights })));
}

/**
 * One statement per batch, the rows sent as one JSON document: half the time of column
 * arrays (whose jsonb elements each need escaping and parsing) and far less than a VALUES
 * list built row by row. Reasons go as text, so the json column keeps them as written (a
 * jsonb value would come back with a space after every comma). Nothing is returned.
 */
async function insertRows(tx: EntityManager, rows: readonly (SuggestionRow | StoredSuggestionRow)[], weights: ComponentWeights): Promise<void> {
  const stored = rows.map((row) => ({
    ...row,
    ...Object.fromEntries(COMPONENT_NAMES.map((name) => [`component_${name}`, row.components[name]])),
    reasons: storedReasonsText(row, weights),
  }));
  await tx.query(
    `INSERT INTO suggestion (run_id, partner_id, rank, candidate_id, score, distance_km, ${COMPONENT_COLUMNS.join(', ')}, reasons, profile_version)
     SELECT r."runId", r."partnerId", r.rank, r."candidateId", r.score, r."distanceKm", ${COMPONENT_COLUMNS.map((column) => `r.${column}`).join(', ')}, r.reasons::json, r."profileVersion"
     FROM jsonb_to_recordset($1::jsonb) AS r("runId" uuid, "partnerId" uuid, rank int, "candidateId" uuid, score float8,
       "distanceKm" float8, ${COMPONENT_COLUMNS.map((column) => `${column} float8`).join(', ')}, reasons text, "profileVersion" int)`,
    [JSON.stringify(stored)],
  );
}

/** Kennisdelen rows: their own component columns (the samenwerken ones stay null) and reason numbers. */
async function insertKennisdelenRows(tx: EntityManager, rows: readonly (KennisdelenRow | StoredKennisdelenSuggestionRow)[], weights: KennisdelenScores): Promise<void> {
  const stored = rows.map((row) => ({
    ...row,
    ...Object.fromEntries(KENNISDELEN_COMPONENTS.map((name) => [`component_${name}`, row.components[name]])),
    reasons: storedKennisdelenReasonsText(row, weights),
  }));
  await tx.query(
    `INSERT INTO suggestion (run_id, partner_id, purpose, rank, candidate_id, score, distance_km, ${KENNISDELEN_COMPONENT_COLUMNS.join(', ')}, reasons, profile_version)
     SELECT r."runId", r."partnerId", 'kennisdelen', r.rank, r."candidateId", r.score, r."distanceKm", ${KENNISDELEN_COMPONENT_COLUMNS.map((column) => `r.${column}`).join(', ')}, r.reasons::json, r."profileVersion"
     FROM jsonb_to_recordset($1::jsonb) AS r("runId" uuid, "partnerId" uuid, rank int, "candidateId" uuid, score float8,
       "distanceKm" float8, ${KENNISDELEN_COMPONENT_COLUMNS.map((column) => `${column} float8`).join(', ')}, reasons text, "profileVersion" int)`,
    [JSON.stringify(stored)],
  );
}

/** What a shard's COPY writes of a samenwerken row (purpose and computed_at take their defaults), in this order. */
const SAMENWERKEN_COPY_COLUMNS = ['run_id', 'partner_id', 'rank', 'candidate_id', 'score', 'distance_km', ...COMPONENT_COLUMNS, 'reasons', 'profile_version'];
/** What a shard's COPY writes of a kennisdelen row, in this order. */
const KENNISDELEN_COPY_COLUMNS = ['run_id', 'partner_id', 'purpose', 'rank', 'candidate_id', 'score', 'distance_km', ...KENNISDELEN_COMPONENT_COLUMNS, 'reasons', 'profile_version'];

/** A samenwerken row's values in SAMENWERKEN_COPY_COLUMNS order. */
function samenwerkenCopyValues(row: SuggestionRow | StoredSuggestionRow, weights: ComponentWeights): CopyValue[] {
  return [row.runId, row.partnerId, row.rank, row.candidateId, row.score, row.distanceKm, ...COMPONENT_NAMES.map((name) => row.components[name]), storedReasonsText(row, weights), row.profileVersion];
}

/** A kennisdelen row's values in KENNISDELEN_COPY_COLUMNS order. */
function kennisdelenCopyValues(row: KennisdelenRow | StoredKennisdelenSuggestionRow, weights: KennisdelenScores): CopyValue[] {
  return [
    row.runId,
    row.partnerId,
    'kennisdelen',
    row.rank,
    row.candidateId,
    row.score,
    row.distanceKm,
    ...KENNISDELEN_COMPONENTS.map((name) => row.components[name]),
    storedKennisdelenReasonsText(row, weights),
    row.profileVersion,
  ];
}

@Injectable()
export class SuggestionRepository {
  /** The weights of runs read or written here: a run's never change once its partition exists. */
  private readonly runWeights = new Map<string, RunWeights>();

  /** A list's candidates, read with its rows. */
  private readonly candidateColumns: PartnerColumns;

  constructor(
    private readonly dataSource: DataSource,
    private readonly embedded: EmbeddedPostgres,
  ) {
    this.candidateColumns = new PartnerColumns(dataSource, 'c', 'c_');
  }

  /**
   * Makes the run's partition, with the weights its lists are scored with (their reasons'
   * shares are rendered from them), unless it exists. In a transaction of its own, before the
   * run's first write, so shard writes never do DDL.
   */
  async preparePartition(runId: string, weights: RunWeights): Promise<void> {
    if (this.runWeights.has(runId)) return;
    await this.dataSource.transaction((tx) => createPartition(tx, runId, weights));
  }

  /**
   * The weights a run's partition was made with, which its compact reasons are read back with;
   * throws when it has none. A run migrated from before partitions may have others than the
   * profile its repairs rank with.
   */
  async weightsOf(runId: string, manager: EntityManager = this.dataSource.manager): Promise<RunWeights> {
    const known = this.runWeights.get(runId);
    if (known) return known;
    const [row] = await manager.query(`SELECT weights FROM suggestion_run WHERE run_id = $1`, [runId]);
    if (!row) throw new Error(`Run ${runId} has no suggestion partition (preparePartition first)`);
    this.runWeights.set(runId, row.weights);
    return row.weights;
  }

  /** Read by every list read outside a transaction, so prepared there (preparedQuery). */
  async activeRunId(manager?: EntityManager): Promise<string | null> {
    if (manager) {
      const state = await manager.findOneBy(SystemStateEntity, { key: ACTIVE_RUN_KEY });
      return (state?.value as { runId?: string } | undefined)?.runId ?? null;
    }
    const [state] = await preparedQuery<{ run_id: string | null }>(
      this.dataSource,
      { name: 'active-run', text: `SELECT value->>'runId' AS run_id FROM system_state WHERE key = $1`, prepare: !this.embedded.running },
      [ACTIVE_RUN_KEY],
    );
    return state?.run_id ?? null;
  }

  /**
   * Replaces the lists of these partners in one run, in one transaction: a retried write
   * leaves exactly one copy, and readers see either the old or the new lists.
   */
  async replaceLists(runId: string, partnerIds: readonly string[], rows: readonly (SuggestionRow | StoredSuggestionRow)[], manager?: EntityManager, existingPartnersOnly = false): Promise<void> {
    const write = async (tx: EntityManager) => {
      const weights = await this.weightsOf(runId, tx);
      if (partnerIds.length > 0) {
        await tx.query(`DELETE FROM suggestion WHERE run_id = $1 AND purpose = 'samenwerken' AND partner_id = ANY($2::uuid[])`, [runId, partnerIds]);
      }
      await this.insertIntoRun(tx, runId, rows, weights);
      await insertMatches(tx, runId, partnerIds, ['samenwerken'], existingPartnersOnly);
    };
    await (manager ? write(manager) : this.dataSource.transaction(write));
  }

  /**
   * Replaces the kennisdelen lists of these partners in one run, in the caller's transaction or
   * one of its own. Their pairs get kennisdelen matches: the team decides on them apart from
   * the same pairs' samenwerken matches.
   */
  async replaceKennisdelenLists(
    runId: string,
    partnerIds: readonly string[],
    rows: readonly (KennisdelenRow | StoredKennisdelenSuggestionRow)[],
    manager?: EntityManager,
    existingPartnersOnly = false,
  ): Promise<void> {
    const write = async (tx: EntityManager) => {
      const weights = (await this.weightsOf(runId, tx)).kennisdelen;
      // A run from before kennisdelen lists were stored has none to repair: the next full run makes them.
      if (!weights) return;
      if (partnerIds.length > 0) {
        await tx.query(`DELETE FROM suggestion WHERE run_id = $1 AND purpose = 'kennisdelen' AND partner_id = ANY($2::uuid[])`, [runId, partnerIds]);
      }
      await this.insertKennisdelenIntoRun(tx, runId, rows, weights);
      await insertMatches(tx, runId, partnerIds, ['kennisdelen'], existingPartnersOnly);
    };
    await (manager ? write(manager) : this.dataSource.transaction(write));
  }

  // A run's rows, a shard's and a repair's alike, go as COPY straight into the run's partition:
  // no JSON for the server to parse, no row routing (at 10,000 partners a repair's samenwerken
  // part took half the time a list). The partition has no statement trigger of its own; in a
  // repair the DELETE on the parent before the rows and the matches' INSERT after them announce
  // the change to the readers' caches at commit. The embedded database keeps the jsonb
  // statements: copyRows streams over a node-postgres connection, which PGlite is not.
  private async insertIntoRun(tx: EntityManager, runId: string, rows: readonly (SuggestionRow | StoredSuggestionRow)[], weights: ComponentWeights): Promise<void> {
    if (!this.embedded.running) return copyRows(tx, partitionName(runId), SAMENWERKEN_COPY_COLUMNS, rows.map((row) => samenwerkenCopyValues(row, weights)));
    for (let start = 0; start < rows.length; start += INSERT_BATCH) await insertRows(tx, rows.slice(start, start + INSERT_BATCH), weights);
  }

  private async insertKennisdelenIntoRun(tx: EntityManager, runId: string, rows: readonly (KennisdelenRow | StoredKennisdelenSuggestionRow)[], weights: KennisdelenScores): Promise<void> {
    if (!this.embedded.running) return copyRows(tx, partitionName(runId), KENNISDELEN_COPY_COLUMNS, rows.map((row) => kennisdelenCopyValues(row, weights)));
    for (let start = 0; start < rows.length; start += INSERT_BATCH) await insertKennisdelenRows(tx, rows.slice(start, start + INSERT_BATCH), weights);
  }

  /**
   * A full run's shard writes a chunk of its partners' lists and their matches, both purposes,
   * in one transaction that does not wait for its WAL to reach the disk. Safe because nothing
   * reads a run before its switch-in, and the shard's completion (`markShardDone`) commits
   * synchronously after its chunks: PostgreSQL flushes the WAL in order, so a recorded shard's
   * rows are on disk too; a crash before it loses only chunks of a shard that is scored again.
   * A partner deleted since the shard read the partners fails the matches' foreign key: the chunk
   * is written again without that partner's pairs (its rows go at the switch-in repair).
   */
  async writeShardChunk(runId: string, partnerIds: readonly string[], rows: readonly StoredSuggestionRow[], kennisdelenRows: readonly StoredKennisdelenSuggestionRow[]): Promise<void> {
    const write = (existingPartnersOnly: boolean) =>
      this.dataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL synchronous_commit = off`);
        await this.writeChunk(tx, runId, partnerIds, rows, kennisdelenRows, existingPartnersOnly);
      });
    try {
      await write(false);
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
      await write(true);
    }
  }

  /**
   * A shard chunk, straight into the run's partition (`insertIntoRun`). The partition's own
   * table, not the parent: no row is routed, and the parent's statement trigger does not tell
   * every API process to drop its lists for rows nobody reads before the switch-in.
   */
  private async writeChunk(
    tx: EntityManager,
    runId: string,
    partnerIds: readonly string[],
    rows: readonly StoredSuggestionRow[],
    kennisdelenRows: readonly StoredKennisdelenSuggestionRow[],
    existingPartnersOnly: boolean,
  ): Promise<void> {
    const weights = await this.weightsOf(runId, tx);
    await tx.query(`DELETE FROM ${partitionName(runId)} WHERE partner_id = ANY($1::uuid[])`, [partnerIds]);
    await this.insertIntoRun(tx, runId, rows, weights);
    // A run from before kennisdelen lists were stored has no kennisdelen weights, and no such rows.
    const kennisdelenWeights = weights.kennisdelen;
    if (kennisdelenWeights) await this.insertKennisdelenIntoRun(tx, runId, kennisdelenRows, kennisdelenWeights);
    // Last, in one statement, just before the commit: another shard's chunk that suggests one of
    // the same pairs waits for this transaction to end (a sampled run spent most of its write
    // time in such waits while the matches were inserted before the kennisdelen rows).
    await insertMatches(tx, runId, partnerIds, kennisdelenWeights ? ['samenwerken', 'kennisdelen'] : ['samenwerken'], existingPartnersOnly);
  }

  /**
   * One partner's kennisdelen list in a run, paged, with its candidates: only pairs whose
   * kennisdelen match has one of `statuses`, never a candidate the partner called not relevant.
   */
  async kennisdelenListFor(
    runId: string,
    partnerId: string,
    page: { limit: number; offset: number; statuses: readonly MatchStatus[] },
  ): Promise<{ items: ListedKennisdelenSuggestion[]; total: number }> {
    const { rows, total } = await this.storedListPage('kennisdelen', runId, partnerId, page);
    if (rows.length === 0) return { items: [], total };
    const weights = (await this.weightsOf(runId)).kennisdelen!;
    const items = rows.map((row) => {
      const components = Object.fromEntries(KENNISDELEN_COMPONENTS.map((name) => [name, row[`component_${name}`] as number])) as KennisdelenScores;
      return {
        rank: row.rank as number,
        score: row.score as number,
        candidate: this.candidateColumns.read(row),
        distanceKm: row.distance_km as number | null,
        components,
        reasons: (row.reasons as never[]).map((entry) => renderStoredKennisdelenReason(entry, { components, weights })),
        profileVersion: row.profile_version as number,
        computedAt: row.computed_at as Date,
        match: { id: row.match_id as string, status: row.match_status as MatchStatus },
        feedback: (row.own_feedback as FeedbackVerdict | null) ?? null,
      };
    });
    return { items, total };
  }

  /** How many samenwerken suggestions a run has stored (the run's `suggestionCount`). */
  async countInRun(runId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM suggestion WHERE run_id = $1 AND purpose = 'samenwerken'`, [runId]);
    return count;
  }

  /**
   * Rebuilds a switched-in run's indexes. Shards write their partner ranges side by side, so
   * index pages split half-empty behind each range; built in one sorted pass the two indexes
   * take ~30% less (the candidate index deduplicates its ids). CONCURRENTLY, so the lists are
   * read and repaired meanwhile: rebuilding before the switch-in held every reader of the new
   * run back for ~6 s at 100,000 partners. PGlite, one session, rebuilds them in place.
   */
  async compactPartition(runId: string): Promise<void> {
    try {
      await this.dataSource.query(`REINDEX TABLE CONCURRENTLY ${partitionName(runId)}`);
    } catch (error) {
      if (!this.embedded.running) throw error;
      await this.dataSource.query(`REINDEX TABLE ${partitionName(runId)}`);
    }
  }

  /** Points readers at this run's lists, in the caller's transaction (the switch-in of a completed run). */
  async makeActive(runId: string, tx: EntityManager): Promise<void> {
    await tx.upsert(SystemStateEntity, { key: ACTIVE_RUN_KEY, value: { runId } }, ['key']);
  }

  /**
   * Drops the partitions of every run but this one and the runs still going (after it was
   * switched in: nobody reads them any more). Detached first, CONCURRENTLY where PostgreSQL
   * allows it, so neither readers nor writers of the other partitions wait; then dropped.
   * On the embedded database the tables the review queue reads are then analyzed: PGlite has
   * no autovacuum, so its planner never had statistics (it planned the queue for a dozen rows,
   * not thousands). PostgreSQL's autovacuum does this by itself.
   */
  async dropOtherRuns(runId: string): Promise<number> {
    const partitions: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'suggestion'::regclass`,
    );
    const going: { id: string }[] = await this.dataSource.query(`SELECT id FROM matching_run WHERE status IN ('queued', 'running')`);
    const keep = new Set([runId, ...going.map((run) => run.id)]);
    let dropped = 0;
    for (const { name } of partitions) {
      const run = runOfPartition(name);
      if (!run || keep.has(run)) continue;
      await this.detach(name);
      await this.dataSource.query(`DROP TABLE IF EXISTS ${name}`);
      await this.dataSource.query(`DELETE FROM suggestion_run WHERE run_id = $1`, [run]);
      this.runWeights.delete(run);
      dropped++;
    }
    // Statistics only: the old runs' rows left with their partitions, so there is little to vacuum, and
    // a VACUUM holds the embedded database's one connection longer.
    if (this.embedded.running) await this.dataSource.query(`ANALYZE suggestion, match`);
    return dropped;
  }

  private async detach(name: string): Promise<void> {
    try {
      await this.dataSource.query(`ALTER TABLE suggestion DETACH PARTITION ${name} CONCURRENTLY`);
    } catch {
      // PGlite runs every statement in one session; a plain detach locks as briefly there.
      const [attached] = await this.dataSource.query(`SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1)`, [name]);
      if (attached) await this.dataSource.query(`ALTER TABLE suggestion DETACH PARTITION ${name}`);
    }
  }

  /**
   * One partner's stored list in a run, with the candidates' profiles, paged: only pairs with
   * one of the given statuses, never a candidate the partner called not relevant (a filtered
   * list is ranked on demand, not read from here).
   */
  async listFor(runId: string, partnerId: string, page: { statuses: readonly MatchStatus[]; limit: number; offset: number }): Promise<{ items: ListedSuggestion[]; total: number; searchedDepth: number }> {
    const { rows, total } = await this.storedListPage('samenwerken', runId, partnerId, page);
    if (rows.length === 0) return { items: [], total, searchedDepth: await this.listDepth(runId, partnerId) };
    const weights = await this.weightsOf(runId);
    return {
      items: rows.map((row) => {
        const suggestion = Object.assign(new SuggestionEntity(), {
          runId,
          partnerId,
          purpose: 'samenwerken' as const,
          rank: row.rank as number,
          candidateId: row.candidate_id as string,
          candidate: this.candidateColumns.read(row),
          score: row.score as number,
          distanceKm: row.distance_km as number | null,
          components: componentsOf(row),
          storedReasons: row.reasons as StoredReason[],
          profileVersion: row.profile_version as number,
          computedAt: row.computed_at as Date,
        });
        suggestion.reasons = renderStoredReasons(suggestion.storedReasons, { ...suggestion, components: suggestion.components as never, weights });
        return { suggestion, match: { id: row.match_id as string, status: row.match_status as MatchStatus }, feedback: (row.own_feedback as FeedbackVerdict | null) ?? null };
      }),
      total,
      searchedDepth: rows[0]!.depth as number,
    };
  }

  /**
   * A page of one stored list's rows with their candidates' columns, their pairs' review state and
   * the partner's own verdict, and the count of all the list's rows it pages (a page past the end
   * has none to carry it, so that is counted apart). The hottest read of all when its list is not
   * kept in memory (every read at 100,000 partners), so one raw statement, prepared once a
   * connection for each purpose; the page's rows also carry the stored list's depth (on the
   * parameters, not the row: counted once for the page, an InitPlan).
   */
  private async storedListPage(purpose: SuggestionPurpose, runId: string, partnerId: string, page: { statuses: readonly MatchStatus[]; limit: number; offset: number }) {
    const fromWhere = `FROM suggestion s
         JOIN partner c ON c.id = s.candidate_id
         JOIN match m ON m.partner_a_id = LEAST(s.partner_id, s.candidate_id) AND m.partner_b_id = GREATEST(s.partner_id, s.candidate_id) AND m.purpose = s.purpose
         LEFT JOIN feedback f ON f.partner_id = s.partner_id AND f.candidate_id = s.candidate_id AND f.purpose = s.purpose
        WHERE s.run_id = $1 AND s.partner_id = $2 AND s.purpose = '${purpose}' AND f.verdict IS DISTINCT FROM 'not-relevant'
          AND ${LIST_STATUS_FILTER('m.status')} = ANY($3::text[])`;
    const values = [runId, partnerId, [...page.statuses]];
    const prepare = !this.embedded.running;
    const componentColumns = purpose === 'kennisdelen' ? KENNISDELEN_COMPONENT_COLUMNS : COMPONENT_COLUMNS;
    const rows = await preparedQuery<Record<string, unknown>>(
      this.dataSource,
      {
        name: `${purpose}-list`,
        text: `SELECT s.rank, s.candidate_id, s.score, s.distance_km, ${componentColumns.map((column) => `s.${column}`).join(', ')},
              s.reasons, s.profile_version, s.computed_at, ${this.candidateColumns.select},
              m.id AS match_id, m.status AS match_status, f.verdict AS own_feedback, count(*) OVER ()::int AS total,
              (SELECT count(*)::int FROM suggestion d WHERE d.run_id = $1 AND d.partner_id = $2 AND d.purpose = '${purpose}') AS depth
         ${fromWhere}
        ORDER BY s.rank LIMIT $4 OFFSET $5`,
        prepare,
      },
      [...values, page.limit, page.offset],
    );
    if (rows.length > 0) return { rows, total: rows[0]!.total as number };
    if (page.offset === 0) return { rows, total: 0 };
    const [{ count }] = await preparedQuery<{ count: number }>(this.dataSource, { name: `${purpose}-list-count`, text: `SELECT count(*)::int AS count ${fromWhere}`, prepare }, values);
    return { rows, total: count };
  }

  /** How many candidates a partner's stored list in a run holds. */
  private async listDepth(runId: string, partnerId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM suggestion WHERE run_id = $1 AND partner_id = $2 AND purpose = 'samenwerken'`, [runId, partnerId]);
    return count;
  }

  /** How many partners have a list in a run, the lists' total length, and the shortest and longest. */
  async listSizes(runId: string): Promise<{ lists: number; suggestions: number; shortest: number; longest: number }> {
    const [sizes] = await this.dataSource.query(
      `SELECT count(*)::int AS lists, coalesce(sum(n), 0)::int AS suggestions, coalesce(min(n), 0)::int AS shortest, coalesce(max(n), 0)::int AS longest
       FROM (SELECT count(*) AS n FROM suggestion WHERE run_id = $1 AND purpose = 'samenwerken' GROUP BY partner_id) AS list`,
      [runId],
    );
    return sizes;
  }

  /** How many partners' lists in a run contain this candidate. */
  async countListsContaining(runId: string, candidateId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(DISTINCT partner_id)::int AS count FROM suggestion WHERE run_id = $1 AND purpose = 'samenwerken' AND candidate_id = $2`, [runId, candidateId]);
    return count;
  }

  /**
   * Each partner's candidate ids of a run, best first, as one JSON object (partner id → ids)
   * built by the database, for a worker thread to parse: as rows (200,000 at 10,000 partners,
   * or 10,000 arrays) the driver's parsing held the caller's event loop for ~70 ms at a stretch.
   */
  async candidateIdListsJson(runId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ json }] = await manager.query(
      `SELECT coalesce(json_object_agg(partner_id, ids), '{}')::text AS json
       FROM (SELECT partner_id, array_agg(candidate_id ORDER BY rank) AS ids FROM suggestion WHERE run_id = $1 AND purpose = 'samenwerken' GROUP BY partner_id) lists`,
      [runId],
    );
    return json;
  }

  /**
   * Every list of a run as candidate ids in rank order, with their ranks, to compare with
   * freshly computed lists: a list whose ranks have a gap (a deleted candidate's row gone with
   * it) holds the same candidates as the list ranked anew, yet must be written again.
   */
  async candidateLists(runId: string, manager: EntityManager = this.dataSource.manager, purpose: SuggestionPurpose = 'samenwerken'): Promise<Map<string, StoredListEntry[]>> {
    const rows: { partner_id: string; candidate_id: string; score: number; rank: number }[] = await manager.query(
      `SELECT partner_id, candidate_id, score, rank FROM suggestion WHERE run_id = $1 AND purpose = $2 ORDER BY partner_id, rank`,
      [runId, purpose],
    );
    const lists = new Map<string, StoredListEntry[]>();
    for (const row of rows) {
      const list = lists.get(row.partner_id) ?? [];
      list.push({ candidateId: row.candidate_id, score: row.score, rank: row.rank });
      lists.set(row.partner_id, list);
    }
    return lists;
  }

  /** Runs `work` in a transaction that holds the lock serialising writes to the active lists. */
  withListLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await lockSuggestionLists(tx);
      return work(tx);
    });
  }
}

/**
 * Every pair suggested in these partners' lists of a purpose gets a match of that purpose for
 * the team to decide on; decisions already made stay. In pair order, so two writers lock alike.
 * `existingPartnersOnly` leaves out pairs with a partner deleted since the lists were ranked
 * (their rows go at the switch-in repair); it costs two scans of partner a statement, so only a
 * write that met a deleted partner asks for it.
 */
function insertMatches(
  tx: EntityManager,
  runId: string,
  partnerIds: readonly string[],
  purposes: readonly SuggestionPurpose[],
  existingPartnersOnly = false,
): Promise<unknown> {
  return tx.query(
    `INSERT INTO match (partner_a_id, partner_b_id, purpose)
     SELECT DISTINCT LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id), purpose
     FROM suggestion s WHERE run_id = $1 AND purpose = ANY($3::text[]) AND partner_id = ANY($2::uuid[])
     ${existingPartnersOnly ? 'AND EXISTS (SELECT 1 FROM partner p WHERE p.id = s.partner_id) AND EXISTS (SELECT 1 FROM partner p WHERE p.id = s.candidate_id)' : ''}
     ORDER BY 1, 2, 3
     ON CONFLICT DO NOTHING`,
    [runId, partnerIds, purposes],
  );
}
