import { MigrationInterface, QueryRunner } from 'typeorm';

/** Console sessions owned by a person (signed in by an e-mail link); they end with the person. */
export class SessionsOfPeople1764010800000 implements MigrationInterface {
  name = 'SessionsOfPeople1764010800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE console_session ADD COLUMN person_id uuid REFERENCES person (id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE console_session DROP CONSTRAINT console_session_owner_kind_check`);
    await queryRunner.query(`ALTER TABLE console_session DROP CONSTRAINT console_session_owner`);
    await queryRunner.query(
      `ALTER TABLE console_session ADD CONSTRAINT console_session_owner_kind_check CHECK (owner_kind IN ('api_key', 'bootstrap_admin', 'person'))`,
    );
    await queryRunner.query(`
      ALTER TABLE console_session ADD CONSTRAINT console_session_owner CHECK (
        (owner_kind = 'api_key') = (api_key_id IS NOT NULL) AND (owner_kind = 'bootstrap_admin') = (bootstrap_key_hash IS NOT NULL)
        AND (owner_kind = 'person') = (person_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX console_session_person_idx ON console_session (person_id) WHERE person_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM console_session WHERE owner_kind = 'person'`);
    await queryRunner.query(`ALTER TABLE console_session DROP CONSTRAINT console_session_owner`);
    await queryRunner.query(`ALTER TABLE console_session DROP CONSTRAINT console_session_owner_kind_check`);
    await queryRunner.query(`ALTER TABLE console_session DROP COLUMN person_id`);
    await queryRunner.query(`ALTER TABLE console_session ADD CONSTRAINT console_session_owner_kind_check CHECK (owner_kind IN ('api_key', 'bootstrap_admin'))`);
    await queryRunner.query(`
      ALTER TABLE console_session ADD CONSTRAINT console_session_owner CHECK (
        (owner_kind = 'api_key') = (api_key_id IS NOT NULL) AND (owner_kind = 'bootstrap_admin') = (bootstrap_key_hash IS NOT NULL)
      )`);
  }
}
