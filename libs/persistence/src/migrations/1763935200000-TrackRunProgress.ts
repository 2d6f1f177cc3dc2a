import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the run watchdog needs: when a run last moved, the partner range of each shard (so
 * lost shard jobs can be enqueued again as they were), and how often it was recovered.
 */
export class TrackRunProgress1763935200000 implements MigrationInterface {
  name = 'TrackRunProgress1763935200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE matching_run
         ADD COLUMN progressed_at timestamptz NOT NULL DEFAULT now(),
         ADD COLUMN shard_bounds jsonb,
         ADD COLUMN recoveries integer NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE matching_run DROP COLUMN progressed_at, DROP COLUMN shard_bounds, DROP COLUMN recoveries`);
  }
}
