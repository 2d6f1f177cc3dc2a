import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each purpose has its own versioned matching profile: saved versions are told apart by
 * `purpose`, every existing one a samenwerken version, and each purpose numbers its own from 2
 * (1 stays the built-in default, never stored). A run records the kennisdelen version it was
 * requested with beside the samenwerken one; the runs before this scored kennisdelen with 1.
 */
export class MatchingProfilePurposes1765001600000 implements MigrationInterface {
  name = 'MatchingProfilePurposes1765001600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE matching_profile
        ADD COLUMN purpose text NOT NULL DEFAULT 'samenwerken'
        CONSTRAINT matching_profile_purpose_check CHECK (purpose IN ('samenwerken', 'kennisdelen'))`);
    await queryRunner.query(`ALTER TABLE matching_profile DROP CONSTRAINT matching_profile_pkey`);
    await queryRunner.query(`ALTER TABLE matching_profile ADD CONSTRAINT matching_profile_pkey PRIMARY KEY (purpose, version)`);
    await queryRunner.query(`ALTER TABLE matching_run ADD COLUMN kennisdelen_profile_version integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE matching_run DROP COLUMN kennisdelen_profile_version`);
    await queryRunner.query(`DELETE FROM matching_profile WHERE purpose <> 'samenwerken'`);
    await queryRunner.query(`ALTER TABLE matching_profile DROP CONSTRAINT matching_profile_pkey`);
    await queryRunner.query(`ALTER TABLE matching_profile ADD CONSTRAINT matching_profile_pkey PRIMARY KEY (version)`);
    await queryRunner.query(`ALTER TABLE matching_profile DROP COLUMN purpose`);
  }
}
