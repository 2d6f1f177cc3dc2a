import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verandertheorie levels a partner states (verzachten, versterken, veranderen), as
 * kennisbronnen are kept: codes of the taxonomy. Existing partners state none, so their
 * kennisdelen scores stay as they were until someone fills them in.
 */
export class AddPartnerVerandertheorie1765001700000 implements MigrationInterface {
  name = 'AddPartnerVerandertheorie1765001700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner ADD COLUMN verandertheorie text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE partner DROP COLUMN verandertheorie`);
  }
}
