import { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPONENT_NAMES, renderStoredReasons } from '@app/matching';
import { componentsOf, createPartition, partitionName, type ComponentWeights } from '../suggestion-storage';

/** The built-in profile's weights when this was written: a run of version 1 was scored with them. */
const VERSION_1_WEIGHTS: ComponentWeights = { opgaven: 0.3, leefdomeinen: 0.15, sector: 0.15, region: 0.25, reciprocity: 0.15, network: 0 };
const ROWS_PER_BATCH = 5000;

/**
 * Suggestions partitioned by run, with compact reasons, components as a number array and a
 * purpose (issue 15; the purpose serves a second kind of list later, issue 18). Stored lists
 * stay readable: each run's rows move to their run's partition as they are — their reasons,
 * whole objects with both sentences, are rendered as stored — and the run's weights are
 * recorded from its profile version, so repairs written into it after the upgrade are compact.
 */
export class PartitionSuggestionsByRun1765000700000 implements MigrationInterface {
  name = 'PartitionSuggestionsByRun1765000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER suggestion_notify_lists ON suggestion`);
    await queryRunner.query(`ALTER TABLE suggestion RENAME TO suggestion_unpartitioned`);
    await queryRunner.query(`ALTER INDEX suggestion_candidate_idx RENAME TO suggestion_unpartitioned_candidate_idx`);
    await queryRunner.query(`ALTER TABLE suggestion_unpartitioned RENAME CONSTRAINT suggestion_pkey TO suggestion_unpartitioned_pkey`);
    await queryRunner.query(`
      CREATE TABLE suggestion_run (
        run_id uuid PRIMARY KEY REFERENCES matching_run (id) ON DELETE CASCADE,
        weights jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Fixed-width columns first, widest alignment first: no padding between them.
    await queryRunner.query(`
      CREATE TABLE suggestion (
        run_id uuid NOT NULL REFERENCES matching_run (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        score double precision NOT NULL,
        distance_km double precision,
        computed_at timestamptz NOT NULL DEFAULT now(),
        ${COMPONENT_NAMES.map((name) => `component_${name} double precision NOT NULL,`).join('\n        ')}
        profile_version integer NOT NULL,
        rank smallint NOT NULL,
        purpose text NOT NULL DEFAULT 'samenwerken' CONSTRAINT suggestion_purpose_check CHECK (purpose IN ('samenwerken', 'kennisdelen')),
        reasons json NOT NULL
      ) PARTITION BY LIST (run_id)`);
    await queryRunner.query(`CREATE INDEX suggestion_candidate_idx ON suggestion (candidate_id)`);
    await queryRunner.query(
      `CREATE TRIGGER suggestion_notify_lists AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON suggestion FOR EACH STATEMENT EXECUTE FUNCTION notify_list_sources_changed()`,
    );
    const runs: { run_id: string; weights: ComponentWeights | null }[] = await queryRunner.query(
      `SELECT s.run_id, p.settings -> 'weights' AS weights
         FROM (SELECT DISTINCT run_id FROM suggestion_unpartitioned) s
         JOIN matching_run r ON r.id = s.run_id
         LEFT JOIN matching_profile p ON p.version = r.profile_version`,
    );
    const components = COMPONENT_NAMES.map((name) => `coalesce((components ->> '${name}')::float8, 0)`).join(', ');
    for (const run of runs) {
      await createPartition(queryRunner.manager, run.run_id, run.weights ?? VERSION_1_WEIGHTS);
      await queryRunner.query(
        `INSERT INTO suggestion (run_id, partner_id, candidate_id, score, distance_km, computed_at, profile_version, rank, ${COMPONENT_NAMES.map((name) => `component_${name}`).join(', ')}, reasons)
         SELECT run_id, partner_id, candidate_id, score, distance_km, computed_at, profile_version, rank, ${components}, reasons::json
           FROM suggestion_unpartitioned WHERE run_id = $1`,
        [run.run_id],
      );
    }
    await queryRunner.query(`DROP TABLE suggestion_unpartitioned`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE suggestion_unpartitioned (
        run_id uuid NOT NULL REFERENCES matching_run (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        rank integer NOT NULL,
        candidate_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        score double precision NOT NULL,
        distance_km double precision,
        components jsonb NOT NULL,
        reasons jsonb NOT NULL,
        profile_version integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, partner_id, rank)
      )`);
    // The sentences are rendered here, so the rows hold them again as the old code read them.
    const runs: { run_id: string; weights: ComponentWeights }[] = await queryRunner.query(`SELECT run_id, weights FROM suggestion_run`);
    for (const run of runs) {
      for (let after = 0; ; after += ROWS_PER_BATCH) {
        const rows: { partner_id: string; rank: number; candidate_id: string; score: number; distance_km: number | null; reasons: never[]; profile_version: number; computed_at: Date }[] =
          await queryRunner.query(
            `SELECT partner_id, rank, candidate_id, score, distance_km, ${COMPONENT_NAMES.map((name) => `component_${name}`).join(', ')}, reasons, profile_version, computed_at
               FROM ${partitionName(run.run_id)}
              WHERE purpose = 'samenwerken' ORDER BY partner_id, rank LIMIT ${ROWS_PER_BATCH} OFFSET ${after}`,
          );
        if (rows.length === 0) break;
        const old = rows.map((row) => {
          const components = componentsOf(row);
          const reasons = renderStoredReasons(row.reasons, {
            partnerId: row.partner_id,
            candidateId: row.candidate_id,
            rank: row.rank,
            distanceKm: row.distance_km,
            components,
            weights: run.weights,
          });
          const { partner_id, rank, candidate_id, score, distance_km, profile_version, computed_at } = row;
          return { partner_id, rank, candidate_id, score, distance_km, profile_version, computed_at, run_id: run.run_id, components, reasons };
        });
        await queryRunner.query(
          `INSERT INTO suggestion_unpartitioned
           SELECT r.run_id, r.partner_id, r.rank, r.candidate_id, r.score, r.distance_km, r.components, r.reasons, r.profile_version, r.computed_at
             FROM jsonb_to_recordset($1::jsonb) AS r(run_id uuid, partner_id uuid, rank int, candidate_id uuid, score float8, distance_km float8,
               components jsonb, reasons jsonb, profile_version int, computed_at timestamptz)`,
          [JSON.stringify(old)],
        );
      }
    }
    await queryRunner.query(`DROP TABLE suggestion`);
    await queryRunner.query(`DROP TABLE suggestion_run`);
    await queryRunner.query(`ALTER TABLE suggestion_unpartitioned RENAME TO suggestion`);
    await queryRunner.query(`ALTER TABLE suggestion RENAME CONSTRAINT suggestion_unpartitioned_pkey TO suggestion_pkey`);
    await queryRunner.query(`CREATE INDEX suggestion_candidate_idx ON suggestion (candidate_id)`);
    await queryRunner.query(
      `CREATE TRIGGER suggestion_notify_lists AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON suggestion FOR EACH STATEMENT EXECUTE FUNCTION notify_list_sources_changed()`,
    );
  }
}
