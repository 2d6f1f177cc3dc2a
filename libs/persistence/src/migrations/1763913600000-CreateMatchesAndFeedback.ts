import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMatchesAndFeedback1763913600000 implements MigrationInterface {
  name = 'CreateMatchesAndFeedback1763913600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE match (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_a_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        partner_b_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT match_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'introduced', 'collaborating', 'declined')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT match_pair_unique UNIQUE (partner_a_id, partner_b_id),
        CONSTRAINT match_pair_ordered CHECK (partner_a_id < partner_b_id)
      )`);
    await queryRunner.query(`CREATE INDEX match_partner_b_idx ON match (partner_b_id)`);
    await queryRunner.query(`CREATE INDEX match_status_idx ON match (status)`);
    await queryRunner.query(`
      CREATE TABLE match_event (
        sequence bigserial PRIMARY KEY,
        match_id uuid NOT NULL REFERENCES match (id) ON DELETE CASCADE,
        actor text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX match_event_match_idx ON match_event (match_id, sequence)`);
    await queryRunner.query(`
      CREATE TABLE feedback (
        partner_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
        verdict text NOT NULL CONSTRAINT feedback_verdict_check CHECK (verdict IN ('interested', 'not-relevant')),
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, candidate_id)
      )`);
    // Lists computed before this migration get their pairs as pending matches.
    await queryRunner.query(`
      INSERT INTO match (partner_a_id, partner_b_id)
      SELECT DISTINCT LEAST(partner_id, candidate_id), GREATEST(partner_id, candidate_id) FROM suggestion
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE feedback`);
    await queryRunner.query(`DROP TABLE match_event`);
    await queryRunner.query(`DROP TABLE match`);
  }
}
