import { MigrationInterface, QueryRunner } from 'typeorm';

/** API processes keep the keys they have seen (with their partner's slug) until a key changes. */
export class NotifyApiKeyChanges1763931600000 implements MigrationInterface {
  name = 'NotifyApiKeyChanges1763931600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER api_key_notify_lists AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_key FOR EACH STATEMENT EXECUTE FUNCTION notify_list_sources_changed()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER api_key_notify_lists ON api_key`);
  }
}
