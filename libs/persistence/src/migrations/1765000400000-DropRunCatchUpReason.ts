import { MigrationInterface, QueryRunner } from 'typeorm';

/** `run-catch-up` was allowed as a reason but never written: a run's catch-up is no outbox entry. */
export class DropRunCatchUpReason1765000400000 implements MigrationInterface {
  name = 'DropRunCatchUpReason1765000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE partner_change_outbox DROP CONSTRAINT partner_change_outbox_reason_check,
        ADD CONSTRAINT partner_change_outbox_reason_check
          CHECK (reason IN ('created', 'updated', 'deleted', 'opted-out', 'connection', 'match-decision'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE partner_change_outbox DROP CONSTRAINT partner_change_outbox_reason_check,
        ADD CONSTRAINT partner_change_outbox_reason_check
          CHECK (reason IN ('created', 'updated', 'deleted', 'opted-out', 'connection', 'match-decision', 'run-catch-up'))`);
  }
}
