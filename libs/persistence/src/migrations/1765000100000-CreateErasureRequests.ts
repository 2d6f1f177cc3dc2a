import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner's request to be erased (AVG/GDPR right to erasure), made from its own pages; an
 * admin confirms it by erasing the partner, which takes the request with it.
 */
export class CreateErasureRequests1765000100000 implements MigrationInterface {
  name = 'CreateErasureRequests1765000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE erasure_request (
        partner_id uuid PRIMARY KEY REFERENCES partner (id) ON DELETE CASCADE,
        requested_by text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE erasure_request`);
  }
}
