import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatchingRunsAndSuggestions1763899200000 implements MigrationInterface {
  name = 'CreateMatchingRunsAndSuggestions1763899200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE matching_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trigger text NOT NULL CONSTRAINT matching_run_trigger_check CHECK (trigger IN ('manual', 'scheduled', 'startup')),
        status text NOT NULL CONSTRAINT matching_run_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        progress integer NOT NULL DEFAULT 0,
        profile_version integer NOT NULL,
        partner_count integer,
        shard_count integer,
        completed_shards integer[] NOT NULL DEFAULT '{}',
        suggestion_count integer,
        error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX matching_run_requested_at_idx ON matching_run (requested_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE suggestion (
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
    await queryRunner.query(`CREATE INDEX suggestion_candidate_idx ON suggestion (candidate_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE suggestion`);
    await queryRunner.query(`DROP TABLE matching_run`);
  }
}
