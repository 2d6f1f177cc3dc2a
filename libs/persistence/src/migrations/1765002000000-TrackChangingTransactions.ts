import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose changes a repair asks for instead of reading them whole. */
const TRACKED = ['partner', 'connection', 'match'] as const;

/**
 * Each row of these tables names the transaction that last wrote it (`changed_xid`, 64-bit, so
 * it never wraps). A snapshot's `xmin` is a horizon: every transaction that snapshot could not
 * see has an id at or above it. So the rows written since an earlier read are those with
 * `changed_xid >= ` that read's horizon, found by an index — where a repair at 100,000 partners
 * read every partner's change stamp (~100,000 rows) and digested ~200,000 connections (~170 ms,
 * twice a repair) to learn that one partner had changed. Deletions leave no row: the count
 * of rows tells them.
 */
export class TrackChangingTransactions1765002000000 implements MigrationInterface {
  name = 'TrackChangingTransactions1765002000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stamp_changing_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.changed_xid := pg_current_xact_id();
        RETURN NEW;
      END $$`);
    for (const table of TRACKED) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_stamp_changing_transaction BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION stamp_changing_transaction()`);
    }
    await queryRunner.query(`CREATE INDEX partner_changed_xid_idx ON partner (changed_xid)`);
    await queryRunner.query(`CREATE INDEX connection_changed_xid_idx ON connection (changed_xid)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TRACKED) {
      await queryRunner.query(`DROP TRIGGER ${table}_stamp_changing_transaction ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN changed_xid`);
    }
    await queryRunner.query(`DROP FUNCTION stamp_changing_transaction()`);
  }
}
