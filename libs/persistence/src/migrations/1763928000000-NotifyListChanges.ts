import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a suggestion list as read shows: its rows, the pairs' review state, feedback, the partners, the active run. */
const LIST_SOURCES = ['suggestion', 'match', 'feedback', 'partner', 'matching_run'];

/**
 * Tells listening API processes, when a transaction that changed what a suggestion list
 * shows commits, to drop the lists they keep. NOTIFY is delivered only on commit, and once per
 * transaction however many statements fire it, so the bulk writes of a run cost one message.
 */
export class NotifyListChanges1763928000000 implements MigrationInterface {
  name = 'NotifyListChanges1763928000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_list_sources_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('partnermatch_lists_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of LIST_SOURCES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_notify_lists AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_list_sources_changed()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of LIST_SOURCES) await queryRunner.query(`DROP TRIGGER ${table}_notify_lists ON ${table}`);
    await queryRunner.query(`DROP FUNCTION notify_list_sources_changed()`);
  }
}
