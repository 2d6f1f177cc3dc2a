import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartnerChangeOutbox1763924400000 implements MigrationInterface {
  name = 'CreatePartnerChangeOutbox1763924400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key to partner: a deleted partner's row must outlive it, the lists it was in still need repair.
    await queryRunner.query(`
      CREATE TABLE partner_change_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        partner_id uuid NOT NULL,
        reason text NOT NULL CONSTRAINT partner_change_outbox_reason_check
          CHECK (reason IN ('created', 'updated', 'deleted', 'opted-out', 'connection', 'match-decision', 'run-catch-up')),
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE partner_change_outbox`);
  }
}
