import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartnersAndConnections1763884800000 implements MigrationInterface {
  name = 'CreatePartnersAndConnections1763884800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        sector text NOT NULL,
        scope text NOT NULL CONSTRAINT partner_scope_check CHECK (scope IN ('local', 'regional', 'national')),
        gemeenten text[] NOT NULL DEFAULT '{}',
        leefdomeinen text[] NOT NULL DEFAULT '{}',
        opgaven text[] NOT NULL DEFAULT '{}',
        kennisbronnen text[] NOT NULL DEFAULT '{}',
        offers text[] NOT NULL DEFAULT '{}',
        needs text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        website text,
        contact_email text,
        matching_opt_out boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partner_slug_unique UNIQUE (slug)
      )`);
    await queryRunner.query(`CREATE INDEX partner_sector_idx ON partner (sector)`);
    await queryRunner.query(`CREATE INDEX partner_gemeenten_idx ON partner USING gin (gemeenten)`);
    await queryRunner.query(`CREATE INDEX partner_opgaven_idx ON partner USING gin (opgaven)`);
    await queryRunner.query(`CREATE INDEX partner_leefdomeinen_idx ON partner USING gin (leefdomeinen)`);
    await queryRunner.query(`
      CREATE TABLE connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_a_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        partner_b_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connection_pair_unique UNIQUE (partner_a_id, partner_b_id),
        CONSTRAINT connection_pair_ordered CHECK (partner_a_id < partner_b_id)
      )`);
    await queryRunner.query(`CREATE INDEX connection_partner_b_idx ON connection (partner_b_id)`);
    await queryRunner.query(`
      CREATE TABLE system_state (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE system_state`);
    await queryRunner.query(`DROP TABLE connection`);
    await queryRunner.query(`DROP TABLE partner`);
  }
}
