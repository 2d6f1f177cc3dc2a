import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1763920800000 implements MigrationInterface {
  name = 'CreateApiKeys1763920800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CONSTRAINT api_key_role_check CHECK (role IN ('admin', 'team', 'portal', 'partner')),
        partner_id uuid REFERENCES partner (id) ON DELETE CASCADE,
        allowed_origins text[] NOT NULL DEFAULT '{}',
        key_hash text NOT NULL CONSTRAINT api_key_hash_unique UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_key_partner_role CHECK ((role = 'partner') = (partner_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX api_key_partner_idx ON api_key (partner_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
  }
}
