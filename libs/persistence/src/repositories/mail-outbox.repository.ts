import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { MailOutboxEntity, type MailKind, type MailTransport } from '../entities/mail-outbox.entity';

export interface NewMail {
  messageId: string;
  kind: MailKind;
  personId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  transport: MailTransport;
}

/** A mail claimed for sending: held by `claimToken` until `claimedUntil`. */
export type ClaimedMail = Pick<MailOutboxEntity, 'id' | 'messageId' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'attempts'> & { claimToken: string };

/**
 * The outbox of mails. Sending is claim → SMTP → mark sent: a claim is a lease (row locked
 * with FOR UPDATE SKIP LOCKED for the moment of claiming, then held by its token until it
 * expires), so the SMTP conversation holds no transaction open. A sender that dies leaves
 * the lease to expire and the mail to the next claim.
 */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(mail: NewMail, tx: EntityManager): Promise<string> {
    const result = await tx.insert(MailOutboxEntity, { ...mail, nextAttemptAt: new Date() });
    return result.identifiers[0].id as string;
  }

  /** Mails to send now: unsent, due, not held by a live claim; with their attempt count for the job id. */
  due(limit: number): Promise<{ id: string; attempts: number }[]> {
    return this.dataSource.query(
      `SELECT id, attempts FROM mail_outbox
        WHERE sent_at IS NULL AND transport = 'smtp' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
  }

  /** Claims the mail for `leaseMs` if it is unsent, due and free; null otherwise (sent, backing off, or held). */
  async claim(id: string, leaseMs: number): Promise<ClaimedMail | null> {
    if (!isUUID(id)) return null;
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [ClaimedMail[], number] = await this.dataSource.query(
      `UPDATE mail_outbox m SET claim_token = gen_random_uuid(), claimed_until = now() + make_interval(secs => $2::float8 / 1000), attempts = m.attempts + 1
        WHERE m.id = (SELECT id FROM mail_outbox
                       WHERE id = $1 AND sent_at IS NULL AND transport = 'smtp' AND next_attempt_at <= now()
                         AND (claimed_until IS NULL OR claimed_until < now())
                       FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.message_id AS "messageId", m.to_address AS "toAddress", m.subject, m.text_body AS "textBody",
                  m.html_body AS "htmlBody", m.headers, m.attempts, m.claim_token AS "claimToken"`,
      [id, leaseMs],
    );
    return rows[0] ?? null;
  }

  /** Only the holder of the claim marks it; returns whether it still held it. */
  async markSent(mail: ClaimedMail): Promise<boolean> {
    const [, marked]: [unknown, number] = await this.dataSource.query(
      `UPDATE mail_outbox SET sent_at = now(), claim_token = NULL, claimed_until = NULL, last_error = NULL
        WHERE id = $1 AND claim_token = $2 AND sent_at IS NULL RETURNING id`,
      [mail.id, mail.claimToken],
    );
    return marked > 0;
  }

  /** Releases the claim and sets the next attempt. */
  async markFailed(mail: ClaimedMail, error: string, retryInMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET claim_token = NULL, claimed_until = NULL, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
        WHERE id = $1 AND claim_token = $2`,
      [mail.id, mail.claimToken, error.slice(0, 2000), retryInMs],
    );
  }

  /** Mails waiting to be sent, and the age of the oldest in seconds. */
  async backlog(): Promise<{ entries: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS entries, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS "oldestAgeSeconds"
         FROM mail_outbox WHERE sent_at IS NULL AND transport = 'smtp'`,
    );
    return row;
  }

  /** The newest mails first, for the dev mailbox. */
  list(limit: number, offset: number): Promise<[MailOutboxEntity[], number]> {
    return this.dataSource.manager.findAndCount(MailOutboxEntity, { order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  async findById(id: string): Promise<MailOutboxEntity | null> {
    return isUUID(id) ? this.dataSource.manager.findOneBy(MailOutboxEntity, { id }) : null;
  }
}
