import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions of the team console. The owner is a kind plus a reference column per
 * kind, so the database ends a session with its owner (ON DELETE CASCADE); issue 17 adds
 * persons as another kind. The bootstrap admin key (ADMIN_API_KEY) is not stored: its
 * sessions keep the key's hash and hold only while the process runs with that key.
 */
export class CreateConsoleSessions1764000000000 implements MigrationInterface {
  name = 'CreateConsoleSessions1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL CONSTRAINT console_session_token_unique UNIQUE,
        owner_kind text NOT NULL CONSTRAINT console_session_owner_kind_check CHECK (owner_kind IN ('api_key', 'bootstrap_admin')),
        api_key_id uuid REFERENCES api_key (id) ON DELETE CASCADE,
        bootstrap_key_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT console_session_owner CHECK (
          (owner_kind = 'api_key') = (api_key_id IS NOT NULL) AND (owner_kind = 'bootstrap_admin') = (bootstrap_key_hash IS NOT NULL)
        )
      )`);
    await queryRunner.query(`CREATE INDEX console_session_api_key_idx ON console_session (api_key_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE console_session`);
  }
}
