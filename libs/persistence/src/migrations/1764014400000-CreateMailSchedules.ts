import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMailSchedules1764014400000 implements MigrationInterface {
  name = 'CreateMailSchedules1764014400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per person and digest period, written in the transaction of that digest's mail
    // (also when nothing was new): a restart mid-digest sends nobody a second one.
    await queryRunner.query(`
      CREATE TABLE mail_digest (
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        period timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        items integer NOT NULL,
        PRIMARY KEY (person_id, period)
      )`);
    // Digests are for periods that begin after mail came in: a new installation (or an upgrade)
    // does not send the digest of a month already under way at its first start.
    await queryRunner.query(`INSERT INTO system_state (key, value) VALUES ('mail-digest-since', to_jsonb(now())) ON CONFLICT (key) DO NOTHING`);
    // The follow-up questions of an introduced pair: `first` after FOLLOW_UP_DAYS, `long`
    // after FOLLOW_UP_LONG_DAYS for pairs that work together; sent_at set with the mails.
    await queryRunner.query(`
      CREATE TABLE mail_follow_up (
        match_id uuid NOT NULL REFERENCES match (id) ON DELETE CASCADE,
        stage text NOT NULL CONSTRAINT mail_follow_up_stage_check CHECK (stage IN ('first', 'long')),
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        PRIMARY KEY (match_id, stage)
      )`);
    await queryRunner.query(`CREATE INDEX mail_follow_up_due_idx ON mail_follow_up (due_at) WHERE sent_at IS NULL`);
    // What partners that work together say came of it (the long follow-up's form).
    await queryRunner.query(`
      CREATE TABLE collaboration_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        match_id uuid NOT NULL REFERENCES match (id) ON DELETE CASCADE,
        person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        text text NOT NULL,
        reached integer CONSTRAINT collaboration_report_reached_check CHECK (reached >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE collaboration_report`);
    await queryRunner.query(`DROP TABLE mail_follow_up`);
    await queryRunner.query(`DROP TABLE mail_digest`);
    await queryRunner.query(`DELETE FROM system_state WHERE key = 'mail-digest-since'`);
  }
}
