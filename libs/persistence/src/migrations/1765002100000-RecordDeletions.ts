import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tracked tables (`changed_xid`) whose deletions a repair must learn of. */
const RECORDED = ['partner', 'connection'] as const;

/**
 * A deleted partner or connection leaves a row naming it and the deleting transaction
 * (`changed_xid`, as every tracked row has): the deletions since an earlier read are then found
 * by an index, like the writes. A repair used to count both tables to tell them (~50–100 ms each
 * at 100,000 partners and 400,000 connections, on every repair). A TRUNCATE leaves one row
 * without an id: anything may have gone, so the reader checks every row it knows.
 * Deletions are rare (erasure, an ended collaboration): the rows are kept.
 */
export class RecordDeletions1765002100000 implements MigrationInterface {
  name = 'RecordDeletions1765002100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE row_deletion (
        table_name text NOT NULL,
        row_id uuid,
        changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
      )`);
    await queryRunner.query(`CREATE INDEX row_deletion_changed_xid_idx ON row_deletion (table_name, changed_xid)`);
    await queryRunner.query(`
      CREATE FUNCTION record_row_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO row_deletion (table_name, row_id) VALUES (TG_TABLE_NAME, CASE WHEN TG_OP = 'DELETE' THEN OLD.id END);
        RETURN NULL;
      END $$`);
    for (const table of RECORDED) {
      await queryRunner.query(`CREATE TRIGGER ${table}_record_deletion AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_row_deletion()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_record_truncation AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION record_row_deletion()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of RECORDED) {
      await queryRunner.query(`DROP TRIGGER ${table}_record_deletion ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_record_truncation ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION record_row_deletion()`);
    await queryRunner.query(`DROP TABLE row_deletion`);
  }
}
