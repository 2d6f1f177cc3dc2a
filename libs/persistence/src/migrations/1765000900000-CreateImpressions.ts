import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which candidates a partner was shown, where and at which rank: what "shown to the partner"
 * in the outcome funnel counts. Written in batches, one row per partner, candidate, surface
 * and rank per flush (`times` says how often it was shown in that window), so a busy portal
 * page adds a row per flush, not per read.
 */
export class CreateImpressions1765000900000 implements MigrationInterface {
  name = 'CreateImpressions1765000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE impression (
        id bigserial PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        surface text NOT NULL CHECK (surface IN ('console', 'api', 'embed', 'digest')),
        rank integer NOT NULL CHECK (rank >= 1),
        times integer NOT NULL DEFAULT 1 CHECK (times >= 1),
        shown_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX impression_pair_idx ON impression (LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id))`);
    await queryRunner.query(`CREATE INDEX impression_candidate_idx ON impression (candidate_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE impression`);
  }
}
