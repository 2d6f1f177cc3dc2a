import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter every update of a partner raises in the same statement: the partner's ETag, so
 * a client can send `If-Match` and have its PATCH refused (412) when someone changed the
 * partner since it read it. Existing rows start at 1.
 */
export class AddPartnerVersion1763938800000 implements MigrationInterface {
  name = 'AddPartnerVersion1763938800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner DROP COLUMN version`);
  }
}
