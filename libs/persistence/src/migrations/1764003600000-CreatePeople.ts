import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePeople1764003600000 implements MigrationInterface {
  name = 'CreatePeople1764003600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A partner's people go with it (delete and erasure): they are its contact details.
    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CONSTRAINT person_role_check CHECK (role IN ('admin', 'team', 'partner')),
        partner_id uuid REFERENCES partner (id) ON DELETE CASCADE,
        language text NOT NULL DEFAULT 'nl' CONSTRAINT person_language_check CHECK (language IN ('nl', 'en')),
        wants_digest boolean NOT NULL DEFAULT true,
        wants_follow_ups boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_partner_check CHECK ((role = 'partner') = (partner_id IS NOT NULL))
      )`);
    // lower() rather than citext: citext is an extension PGlite would have to load at start.
    await queryRunner.query(`CREATE UNIQUE INDEX person_email_unique ON person (lower(email))`);
    await queryRunner.query(`CREATE INDEX person_partner_idx ON person (partner_id) WHERE partner_id IS NOT NULL`);
    // Every partner's contactEmail becomes its first contact; an address given by several
    // partners belongs to the oldest of them (a person is a contact of one partner).
    await queryRunner.query(`
      INSERT INTO person (email, name, role, partner_id)
      SELECT DISTINCT ON (lower(contact_email)) btrim(contact_email), name, 'partner', id
        FROM partner
       WHERE contact_email IS NOT NULL AND btrim(contact_email) <> ''
       ORDER BY lower(contact_email), created_at, id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE person`);
  }
}
