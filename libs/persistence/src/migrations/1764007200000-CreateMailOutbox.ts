import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMailOutbox1764007200000 implements MigrationInterface {
  name = 'CreateMailOutbox1764007200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per mail, written in the transaction of what caused it and rendered there, so
    // a retry sends exactly the same message (same Message-ID). `transport = 'mailbox'` rows
    // are never sent: without SMTP_URL they are the embedded default's dev mailbox.
    // A person's mails go with the person (and so with an erased partner's contacts).
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id text NOT NULL CONSTRAINT mail_outbox_message_id_unique UNIQUE,
        kind text NOT NULL,
        person_id uuid REFERENCES person (id) ON DELETE CASCADE,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        transport text NOT NULL CONSTRAINT mail_outbox_transport_check CHECK (transport IN ('smtp', 'mailbox')),
        created_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        claim_token uuid,
        claimed_until timestamptz,
        sent_at timestamptz,
        last_error text
      )`);
    await queryRunner.query(`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND transport = 'smtp'`);
    await queryRunner.query(`CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC)`);
    // Only the SHA-256 of a sign-in link's token is kept; used once, then used_at is set.
    await queryRunner.query(`
      CREATE TABLE sign_in_link (
        token_hash text PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX sign_in_link_person_idx ON sign_in_link (person_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sign_in_link`);
    await queryRunner.query(`DROP TABLE mail_outbox`);
  }
}
