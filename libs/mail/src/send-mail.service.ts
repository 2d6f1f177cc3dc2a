import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MailOutboxRepository, type ClaimedMail } from '@app/persistence';
import { MailJobHandler, type MatchingJobData } from '@app/queue';
import { MailSender } from './mail-sender';

/** After a failed delivery: 1 s, doubling per further failure, at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 5 * 60_000);
}

/**
 * The send-mail job: claim the outbox row, deliver it, mark it sent. The claim is a lease of
 * twice MAIL_SEND_TIMEOUT_MS: a sender that dies mid-delivery leaves the row to be claimed
 * again once it expires, so nothing is lost. A duplicate is possible only if the process
 * dies in the instant between the SMTP server's acceptance and the UPDATE that marks the row
 * sent (one round trip to PostgreSQL); SMTP servers' de-duplication by Message-ID is not
 * relied on. An SMTP failure is recorded on the row (attempts, last_error, next attempt
 * with backoff) and never fails the job: the outbox, not the queue, holds the retries.
 */
@Injectable()
export class SendMailService extends MailJobHandler {
  private readonly logger = new Logger('Mail');
  private readonly leaseMs: number;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly outbox: MailOutboxRepository,
    private readonly sender: MailSender,
  ) {
    super();
    this.leaseMs = 2 * config.mail.sendTimeoutMs;
  }

  async send(data: MatchingJobData<'send-mail'>): Promise<void> {
    const mail = await this.outbox.claim(data.mailId, this.leaseMs);
    if (!mail) return; // sent already, backing off, or held by another sender
    try {
      await this.sender.send(mail);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelayMs(mail.attempts);
      this.logger.warn(`Mail ${mail.id} not delivered (attempt ${mail.attempts}, next in ${delay} ms): ${message}`);
      await this.outbox.markFailed(mail, message, delay);
      return;
    }
    await this.markSent(mail);
  }

  /** The one step after the SMTP acceptance; retried briefly so a blip of the database does not cause a resend. */
  private async markSent(mail: ClaimedMail): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.outbox.markSent(mail))) this.logger.warn(`Mail ${mail.id} was delivered after its claim expired`);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
}
