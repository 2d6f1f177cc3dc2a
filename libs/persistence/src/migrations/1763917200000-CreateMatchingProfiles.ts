import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatchingProfiles1763917200000 implements MigrationInterface {
  name = 'CreateMatchingProfiles1763917200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE matching_profile (
        version integer PRIMARY KEY CONSTRAINT matching_profile_version_check CHECK (version >= 2),
        settings jsonb NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE matching_run DROP CONSTRAINT matching_run_trigger_check`);
    await queryRunner.query(
      `ALTER TABLE matching_run ADD CONSTRAINT matching_run_trigger_check CHECK (trigger IN ('manual', 'scheduled', 'startup', 'profile'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE matching_run DROP CONSTRAINT matching_run_trigger_check`);
    await queryRunner.query(`UPDATE matching_run SET trigger = 'manual' WHERE trigger = 'profile'`);
    await queryRunner.query(
      `ALTER TABLE matching_run ADD CONSTRAINT matching_run_trigger_check CHECK (trigger IN ('manual', 'scheduled', 'startup'))`,
    );
    await queryRunner.query(`DROP TABLE matching_profile`);
  }
}
