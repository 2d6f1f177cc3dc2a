import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A full run writes millions of suggestion rows, and each foreign key checked every row on
 * insert: a lookup of the partner (twice) and the run that also locks the row it finds, so the
 * two workers' concurrent chunks turned the same partner rows into shared multixact locks.
 * Measured here on 60,000 rows: 1.24 s with the keys, 0.27 s without. What the keys gave is
 * kept otherwise: a partner's deletion deletes its rows and the rows naming it as candidate (the
 * cascade's work, now a trigger on partner); a run is never deleted (its partition is dropped
 * after the next switch-in); and a run's shard that wrote a partner deleted while it scored is
 * put right by the switch-in repair, which rewrites every list that differs from the partners as
 * they are then (a deleted partner's own list becomes empty, lists naming it lose it).
 */
export class SuggestionsWithoutRowChecks1765001900000 implements MigrationInterface {
  name = 'SuggestionsWithoutRowChecks1765001900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const keys: { name: string }[] = await queryRunner.query(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = 'suggestion'::regclass AND contype = 'f' AND conparentid = 0`,
    );
    for (const { name } of keys) await queryRunner.query(`ALTER TABLE suggestion DROP CONSTRAINT ${name}`);
    await queryRunner.query(`
      CREATE FUNCTION delete_suggestions_of_partner() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM suggestion WHERE partner_id = OLD.id OR candidate_id = OLD.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER partner_delete_suggestions AFTER DELETE ON partner FOR EACH ROW EXECUTE FUNCTION delete_suggestions_of_partner()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER partner_delete_suggestions ON partner`);
    await queryRunner.query(`DROP FUNCTION delete_suggestions_of_partner()`);
    // Rows a race left behind would fail the keys' validation.
    await queryRunner.query(
      `DELETE FROM suggestion s WHERE NOT EXISTS (SELECT 1 FROM partner p WHERE p.id = s.partner_id) OR NOT EXISTS (SELECT 1 FROM partner p WHERE p.id = s.candidate_id)`,
    );
    await queryRunner.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_run_id_fkey FOREIGN KEY (run_id) REFERENCES matching_run (id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partner (id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE suggestion ADD CONSTRAINT suggestion_candidate_id_fkey FOREIGN KEY (candidate_id) REFERENCES partner (id) ON DELETE CASCADE`);
  }
}
