import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The team decides on a pair per purpose: rejecting A–B for working together says nothing
 * about whether they can learn from each other. A match and a partner's feedback become one
 * per pair and purpose, and an impression records which purpose's list showed the candidate
 * (the funnel counts per purpose); every existing row was about samenwerken, the only purpose
 * until now.
 */
export class ReviewPerPurpose1765001800000 implements MigrationInterface {
  name = 'ReviewPerPurpose1765001800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['match', 'feedback', 'impression']) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN purpose text NOT NULL DEFAULT 'samenwerken' CONSTRAINT ${table}_purpose_check CHECK (purpose IN ('samenwerken', 'kennisdelen'))`,
      );
    }
    await queryRunner.query(`ALTER TABLE match DROP CONSTRAINT match_pair_unique`);
    await queryRunner.query(`ALTER TABLE match ADD CONSTRAINT match_pair_unique UNIQUE (partner_a_id, partner_b_id, purpose)`);
    await queryRunner.query(`ALTER TABLE feedback DROP CONSTRAINT feedback_pkey`);
    await queryRunner.query(`ALTER TABLE feedback ADD PRIMARY KEY (partner_id, candidate_id, purpose)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['match', 'feedback', 'impression']) await queryRunner.query(`DELETE FROM ${table} WHERE purpose <> 'samenwerken'`);
    await queryRunner.query(`ALTER TABLE feedback DROP CONSTRAINT feedback_pkey`);
    await queryRunner.query(`ALTER TABLE feedback ADD PRIMARY KEY (partner_id, candidate_id)`);
    await queryRunner.query(`ALTER TABLE match DROP CONSTRAINT match_pair_unique`);
    await queryRunner.query(`ALTER TABLE match ADD CONSTRAINT match_pair_unique UNIQUE (partner_a_id, partner_b_id)`);
    for (const table of ['match', 'feedback', 'impression']) await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN purpose`);
  }
}
